"""Text as the rules read it, with every offset still into the text as it came.

Editors and CMSs send the same article in different clothes: Windows (CR LF) or old Mac
(CR) line ends, Unicode line and paragraph separators (U+2028, U+2029), a byte-order mark
at the start, zero-width characters and soft hyphens pasted from the web. None of them
should change what is quoted or who said it:

- every line break reads as "\\n", and a no-break, narrow or thin space as " " (same
  length: offsets do not move, but each span's ``text`` is sliced from the original
  again; the tagger reads "Stu\\u00a0Burguiere" as two words and a stray space);
- invisible characters are taken out before the rules run, and ``restore`` puts each
  offset of the answer back into the original text (and re-slices its ``text``).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from .model import Extraction, Quote, Speaker, TextRange, TextSpan

LINE_BREAKS = str.maketrans(
    {
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\x85": "\n",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_HAS_LINE_BREAK = re.compile("[\r\u2028\u2029\x85\u00a0\u2007\u2009\u202f]")
# Byte-order mark / zero-width no-break space, zero-width space, non-joiner, joiner,
# word joiner, soft hyphen: nothing a reader sees, and nothing a rule should.
INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]+")


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    changed: bool = False  # not the original: the answer's spans are sliced from it again
    # When characters were taken out: index in ``text`` -> index in the original, one more
    # entry for an end offset at the very end (8 bytes an entry). None: offsets agree.
    origin: Sequence[int] | None = None


def normalize(text: str, invisible: bool = True) -> Normalized:
    """``text`` as the rules read it; ``invisible=False`` keeps invisible characters (the
    spaCy component, whose Doc is already tokenised, reads only the line breaks alike)."""
    breaks = bool(_HAS_LINE_BREAK.search(text))
    if breaks:
        text = text.translate(LINE_BREAKS)
    if not invisible or not INVISIBLE.search(text):
        return Normalized(text, changed=breaks)
    origin = array("q")
    kept = 0
    for match in INVISIBLE.finditer(text):
        origin.extend(range(kept, match.start()))
        kept = match.end()
    origin.extend(range(kept, len(text) + 1))
    return Normalized(INVISIBLE.sub("", text), changed=True, origin=origin)


Span = TypeVar("Span", TextSpan, TextRange)


def restore(extraction: Extraction, original: str, origin: Sequence[int] | None) -> Extraction:
    """``extraction`` (offsets into the normalised text) with offsets into ``original``,
    and every span's text sliced from it (``origin`` None: the offsets already agree)."""

    def start_of(start: int) -> int:
        return origin[start] if origin is not None else start

    def end_of(start: int, end: int) -> int:
        if origin is None:
            return end
        # After the last visible character: invisible ones after a span stay outside it.
        return origin[end - 1] + 1 if end > start else origin[start]

    def span(value: Span | None) -> Span | None:
        if value is None:
            return None
        start, end = start_of(value.start), end_of(value.start, value.end)
        if isinstance(value, TextSpan):
            return TextSpan(start, end, original[start:end])
        return TextRange(start, end)

    def quote(q: Quote) -> Quote:
        start, end = start_of(q.start), end_of(q.start, q.end)
        return replace(
            q,
            start=start,
            end=end,
            text=original[start:end],
            speaker_mention=span(q.speaker_mention),
            cue=span(q.cue),
        )

    def speaker(s: Speaker) -> Speaker:
        return replace(s, mentions=tuple(m for m in (span(m) for m in s.mentions) if m is not None))

    return Extraction(
        quotes=tuple(quote(q) for q in extraction.quotes),
        speakers=tuple(speaker(s) for s in extraction.speakers),
        others=tuple(quote(q) for q in extraction.others),
        unparsed=span(extraction.unparsed),
    )
