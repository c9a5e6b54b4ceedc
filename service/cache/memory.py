"""In-process LRU with a TTL: the default, so the service runs with no Redis at all.

Bounded twice: by entries and by bytes (``max_bytes`` of values in all, none over
``max_value_bytes``), least recently used first out."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence

from .base import CacheStats, value_bytes


class MemoryCache:
    backend = "memory"

    def __init__(self, max_entries: int, ttl_seconds: float, max_bytes: int, max_value_bytes: int) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self.max_bytes = max_bytes
        self.max_value_bytes = min(max_value_bytes, max_bytes)
        self.stats = CacheStats()
        self._items: OrderedDict[str, tuple[float, str, int]] = OrderedDict()  # expiry, value, bytes
        self._bytes = 0
        self._lock = threading.Lock()  # handlers run in a thread pool

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        now = time.monotonic()
        found: list[str | None] = []
        with self._lock:
            for key in keys:
                item = self._items.get(key)
                if item is None or item[0] < now:
                    if item is not None:
                        self._remove(key)
                    self.stats.misses += 1
                    found.append(None)
                    continue
                self._items.move_to_end(key)
                self.stats.hits += 1
                found.append(item[1])
        return found

    def set_many(self, items: Sequence[tuple[str, str]]) -> None:
        expiry = time.monotonic() + self.ttl_seconds
        with self._lock:
            for key, value in items:
                size = value_bytes(value)
                if size > self.max_value_bytes:
                    self.stats.too_large += 1
                    continue
                if key in self._items:
                    self._remove(key)
                self._items[key] = (expiry, value, size)
                self._bytes += size
                while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
                    self._remove(next(iter(self._items)))

    def _remove(self, key: str) -> None:
        self._bytes -= self._items.pop(key)[2]

    def __len__(self) -> int:
        return len(self._items)

    def size_bytes(self) -> int | None:
        return self._bytes

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
