"""Redis backend that fails open, behind a breaker.

Every Redis error is counted and the request goes on uncached. After ``BREAKER_FAILURES``
errors in a row the breaker opens: Redis is not asked at all for ``cooldown_seconds``,
so a frozen Redis costs a batch one timeout, not one per document; then one call tries
it again. Opening and closing are logged once each and shown by ``/readyz``. A batch
reads its keys with one MGET and writes them in one pipeline. redis-py reconnects on the
next command, so nothing needs restarting.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import redis

from .base import CacheStats, value_bytes

log = logging.getLogger("service.cache")
BREAKER_FAILURES = 3
T = TypeVar("T")


class RedisCache:
    backend = "redis"

    def __init__(
        self,
        url: str,
        ttl_seconds: int,
        timeout_seconds: float,
        max_value_bytes: int = 1 << 20,
        cooldown_seconds: float = 30.0,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_value_bytes = max_value_bytes
        self.cooldown_seconds = cooldown_seconds
        self.stats = CacheStats()
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry_on_timeout=False,
            health_check_interval=30,
            decode_responses=True,
        )
        self._failures = 0  # in a row
        self._open_until = 0.0  # the breaker is open until then (monotonic)
        self._down = False
        self._lock = threading.Lock()

    @property
    def breaker_open(self) -> bool:
        return time.monotonic() < self._open_until

    def _call(self, command: Callable[[], T], default: T) -> T:
        """``command`` against Redis, or ``default`` when it fails or the breaker is open."""
        if self.breaker_open:
            with self._lock:
                self.stats.skipped += 1
            return default
        try:
            result = command()
        except redis.RedisError as exc:
            self._failed(exc)
            return default
        self._ok()
        return result

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            self.stats.errors += 1
            self._failures += 1
            if not self._down:
                self._down = True
                log.warning("redis unavailable, serving uncached: %s", type(exc).__name__)
            if self._failures >= BREAKER_FAILURES and not self.breaker_open:
                self._open_until = time.monotonic() + self.cooldown_seconds
                log.warning(
                    "redis breaker open: %d errors in a row, not asking Redis for %g s",
                    self._failures,
                    self.cooldown_seconds,
                )

    def _ok(self) -> None:
        if self._down or self._failures:
            with self._lock:
                self._failures = 0
                if self._down:
                    self._down = False
                    log.info("redis reachable again")

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        if not keys:
            return []
        values = self._call(lambda: self._client.mget(list(keys)), None)
        if values is None:
            return [None] * len(keys)
        found = [None if v is None else str(v) for v in values]
        with self._lock:
            hits = sum(v is not None for v in found)
            self.stats.hits += hits
            self.stats.misses += len(found) - hits
        return found

    def set_many(self, items: Sequence[tuple[str, str]]) -> None:
        small = [(k, v) for k, v in items if value_bytes(v) <= self.max_value_bytes]
        if len(small) < len(items):
            with self._lock:
                self.stats.too_large += len(items) - len(small)
        if not small:
            return

        def write() -> None:
            pipe = self._client.pipeline(transaction=False)
            for key, value in small:
                pipe.set(key, value, ex=self.ttl_seconds)
            pipe.execute()

        self._call(write, None)

    def ping(self) -> bool:
        return bool(self._call(self._client.ping, False))

    def size_bytes(self) -> int | None:
        """The Redis server's memory in use (shared by every worker), or None when unknown."""
        info = self._call(lambda: self._client.info("memory"), None)
        return int(info["used_memory"]) if isinstance(info, dict) and "used_memory" in info else None

    @property
    def available(self) -> bool:
        return not self._down and not self.breaker_open

    def close(self) -> None:
        self._client.close()
