"""The cache protocol and its key.

Values are JSON strings, never pickles. A key names everything that changes the
answer: the rules version, the model name and version, the options, and a hash of
the text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    errors: int = 0


class Cache(Protocol):
    backend: str
    stats: CacheStats

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...


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

    def get(self, key: str) -> str | None:
        return None

    def set(self, key: str, value: str) -> None:
        return None

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        return None
