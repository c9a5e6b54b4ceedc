"""Result caches: one small protocol, an in-process LRU and a fail-open Redis backend."""

from __future__ import annotations

from ..config import Settings
from .base import Cache, CacheStats, NullCache, cache_key
from .memory import MemoryCache
from .redis_cache import RedisCache


def make_cache(settings: Settings) -> Cache:
    if not settings.cache_enabled:
        return NullCache()
    if settings.redis_url:
        return RedisCache(
            settings.redis_url,
            settings.cache_ttl_seconds,
            settings.redis_timeout_seconds,
            settings.cache_max_value_bytes,
            settings.redis_breaker_seconds,
        )
    return MemoryCache(
        settings.cache_max_entries,
        settings.cache_ttl_seconds,
        settings.cache_max_bytes,
        settings.cache_max_value_bytes,
    )


__all__ = ["Cache", "CacheStats", "MemoryCache", "NullCache", "RedisCache", "cache_key", "make_cache"]
