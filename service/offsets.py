"""Offsets in the unit a client asks for.

The core counts Unicode code points (Python ``str`` indices). Browser editors index
JavaScript strings in UTF-16 code units, where a character outside the Basic
Multilingual Plane (an emoji, some CJK) counts twice.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

OFFSET_KEYS = ("start", "end")


def utf16_table(text: str) -> list[int] | None:
    """code point index -> UTF-16 index, or None when the two agree everywhere."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return None
    return [0, *accumulate(2 if ord(ch) >= 0x10000 else 1 for ch in text)]


def to_utf16(body: dict[str, Any], text: str, keys: tuple[str, ...] = OFFSET_KEYS) -> dict[str, Any]:
    """Rewrite every start/end (or the other ``keys``) in a response body (quotes, mentions,
    cues) in UTF-16 units of ``text``."""
    table = utf16_table(text)
    if table is None:
        return body

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items()}
            for key in keys:
                if isinstance(out.get(key), int):
                    out[key] = table[out[key]]
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return {key: walk(value) for key, value in body.items()}
