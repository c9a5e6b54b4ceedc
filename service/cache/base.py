"""The cache protocol and its key.

Values are JSON strings, never pickles. A key names everything that changes the
answer: the rules version, the model name and version, the options, and a hash of
the text. Both backends hold values of at most ``max_value_bytes``: a larger answer
(a long text asked with ``include_other``) is served but not cached, so a few of them
cannot fill a worker's memory or evict everything else from Redis.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    errors: int = 0
    too_large: int = 0  # answers served but not cached: over ``max_value_bytes``
    skipped: int = 0  # reads and writes not sent while the Redis breaker was open


class Cache(Protocol):
    backend: str
    stats: CacheStats

    def get_many(self, keys: Sequence[str]) -> list[str | None]: ...

    def set_many(self, items: Sequence[tuple[str, str]]) -> None: ...

    def ping(self) -> bool: ...

    def size_bytes(self) -> int | None: ...

    def close(self) -> None: ...


def value_bytes(value: str) -> int:
    """What a value costs: its UTF-8 length (what Redis stores; the LRU's str is no smaller
    than that for the ASCII-heavy JSON answers are)."""
    return len(value.encode("utf-8", "surrogatepass")) if not value.isascii() else len(value)


def cache_key(rules_version: str, model: str, options: dict[str, object], text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    opts = json.dumps(options, sort_keys=True, separators=(",", ":"))
    opts_digest = hashlib.sha256(opts.encode()).hexdigest()[:12]
    return f"quotes:{rules_version}:{model}:{opts_digest}:{digest}"


class NullCache:
    """Caching switched off: every read misses."""

    backend = "none"

    def __init__(self) -> None:
        self.stats = CacheStats()

    def get_many(self, keys: Sequence[str]) -> list[str | None]:
        return [None] * len(keys)

    def set_many(self, items: Sequence[tuple[str, str]]) -> None:
        return None

    def ping(self) -> bool:
        return True

    def size_bytes(self) -> int | None:
        return 0

    def close(self) -> None:
        return None
