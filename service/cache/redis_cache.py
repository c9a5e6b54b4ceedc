"""Redis backend that fails open.

Every Redis error is counted and the request goes on uncached; the first error of an
outage is logged as a warning and the recovery once, so a dead Redis does not flood
the logs. redis-py reconnects on the next command, so nothing needs restarting.
"""

from __future__ import annotations

import logging
import threading

import redis

from .base import CacheStats

log = logging.getLogger("service.cache")


class RedisCache:
    backend = "redis"

    def __init__(self, url: str, ttl_seconds: int, timeout_seconds: float) -> None:
        self.ttl_seconds = ttl_seconds
        self.stats = CacheStats()
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry_on_timeout=False,
            health_check_interval=30,
            decode_responses=True,
        )
        self._down = False
        self._lock = threading.Lock()

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            self.stats.errors += 1
            if not self._down:
                self._down = True
                log.warning("redis unavailable, serving uncached: %s", type(exc).__name__)

    def _ok(self) -> None:
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
                    log.info("redis reachable again")

    def get(self, key: str) -> str | None:
        try:
            value = self._client.get(key)
        except redis.RedisError as exc:
            self._failed(exc)
            return None
        self._ok()
        if value is None:
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return str(value)

    def set(self, key: str, value: str) -> None:
        try:
            self._client.set(key, value, ex=self.ttl_seconds)
        except redis.RedisError as exc:
            self._failed(exc)
            return
        self._ok()

    def ping(self) -> bool:
        try:
            ok = bool(self._client.ping())
        except redis.RedisError as exc:
            self._failed(exc)
            return False
        self._ok()
        return ok

    @property
    def available(self) -> bool:
        return not self._down

    def close(self) -> None:
        self._client.close()
