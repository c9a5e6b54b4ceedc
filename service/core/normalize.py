"""Text as the rules read it, with every offset still into the text as it came.

Editors and CMSs send the same article in different clothes: Windows (CR LF) or old Mac
(CR) line ends, Unicode line and paragraph separators (U+2028, U+2029), a byte-order mark
at the start, zero-width characters and soft hyphens pasted from the web. None of them
should change what is quoted or who said it:

- every line break reads as "\\n", and a no-break, narrow or thin space as " " (same
  length: offsets do not move, but each span's ``text`` is sliced from the original
  again; the tagger reads "Stu\\u00a0Burguiere" as two words and a stray space);
- invisible characters are taken out before the rules run, and text garbled by a wrong
  decoding upstream ("TrÃ©vidic", "â€œ" for “) is read as it was written (the tokenizer
  splits "TrÃ©vidic" at the "©", and "â€œ" opens no quotation); ``restore`` puts each
  offset of the answer back into the original text (and re-slices its ``text``).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from .marks import has_quote_marks
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
# Byte-order mark / zero-width no-break space, zero-width space, non-joiner, joiner,
# word joiner, soft hyphen: nothing a reader sees, and nothing a rule should.
INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]+")
# UTF-8 bytes shown as Windows-1252 or Latin-1: a lead byte (Â to ô) and its continuation
# bytes (0x80 to 0xBF as either code page shows them), once or twice over.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122"
)
# The lead may come decomposed ("A" and a combining tilde for "Ã").
GARBLED = re.compile(f"(?:(?:[\u00c2-\u00f4]|[AEIOUaeiou][\u0300-\u0308])[{_CONTINUATION}]{{1,3}})+")
# The characters without which neither pattern can match: most articles hold none. A
# search for one of a class of characters runs in the regex engine's own loop, faster
# than building the text's set of characters (and than the two patterns above).
_EDITED = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad\u00c2-\u00f4\u0300-\u0308]")
_BREAKS = re.compile("[" + "".join(map(chr, LINE_BREAKS)) + "]")
# What a garbled run stood for: letters of the Latin alphabets, punctuation, currency and
# letter-like signs. Anything else means the run was written as it stands: "JOSÉ”" is a
# capital É and a closing mark, not the "ɔ" their two bytes would decode to.
_WRITTEN = re.compile("[\u00a0-\u024f\u2000-\u206f\u20a0-\u20cf\u2100-\u214f]+")


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    changed: bool = False  # not the original: the answer's spans are sliced from it again
    # When characters were taken out: index in ``text`` -> index in the original, one more
    # entry for an end offset at the very end (8 bytes an entry). None: offsets agree.
    origin: Sequence[int] | None = None
    # A repaired character stands for several of the original: index in ``text`` -> how many.
    widths: Mapping[int, int] = field(default_factory=dict)


def normalize(text: str, invisible: bool = True) -> Normalized:
    """``text`` as the rules read it; ``invisible=False`` keeps invisible characters (the
    spaCy component, whose Doc is already tokenised, reads only the line breaks alike)."""
    breaks = _BREAKS.search(text) is not None
    if breaks:
        text = text.translate(LINE_BREAKS)
    if not invisible or _EDITED.search(text) is None:
        return Normalized(text, changed=breaks)
    edits = [(m.start(), m.end(), "") for m in INVISIBLE.finditer(text)]
    edits += [(m.start(), m.end(), fixed) for m in GARBLED.finditer(text) if (fixed := decoded(m.group()))]
    if not edits:
        return Normalized(text, changed=breaks)
    edits.sort()
    pieces: list[str] = []
    origin = array("q")
    widths: dict[int, int] = {}
    kept = 0
    for start, end, replacement in edits:
        if start < kept:
            continue  # inside an edit already made
        pieces.append(text[kept:start])
        origin.extend(range(kept, start))
        if replacement:
            # each repaired character covers an equal share of the garbled run
            share = (end - start) // len(replacement)
            for k in range(len(replacement)):
                widths[len(origin)] = share if k < len(replacement) - 1 else end - start - share * k
                origin.append(start + share * k)
            pieces.append(replacement)
        kept = end
    pieces.append(text[kept:])
    origin.extend(range(kept, len(text) + 1))
    return Normalized("".join(pieces), changed=True, origin=origin, widths=widths)


def may_hold_quote_marks(text: str) -> bool:
    """Whether ``text`` as the rules read it may hold a quote mark: one as sent, or one
    garbled upstream ("â€œ" is “ once repaired). False lets a caller skip the parse."""
    return has_quote_marks(text) or GARBLED.search(text) is not None


def _byte(ch: str) -> bytes:
    """The byte a code page showed as ``ch``: Windows-1252 where it has one, else Latin-1
    (0x81, 0x8D, 0x8F, 0x90 and 0x9D, which Windows-1252 leaves undefined)."""
    try:
        return ch.encode("cp1252")
    except UnicodeError:
        return ch.encode("latin-1")


def decoded(garbled: str) -> str | None:
    """What a garbled run was written as, or None (see ``_decode``)."""
    # A garbled text repeats a few short runs (é, ’, “ and ” over and over): those are
    # remembered; a long one is decoded each time, so the cache stays small.
    return _decoded_short(garbled) if len(garbled) <= 16 else _decode(garbled)


@lru_cache(maxsize=4096)
def _decoded_short(garbled: str) -> str | None:
    return _decode(garbled)


def _decode(garbled: str) -> str | None:
    """What a garbled run was written as ("Ã©" -> "é", "Ã\x83Â©" -> "é"), or None where
    it does not decode as UTF-8 (then it was not garbled: leave it)."""
    composed = text = unicodedata.normalize("NFC", garbled)
    for _ in range(2):
        try:
            text = b"".join(_byte(ch) for ch in text).decode("utf-8")
        except UnicodeError:
            break
        if not GARBLED.fullmatch(text):
            break
    if text == composed or GARBLED.fullmatch(text) or not _WRITTEN.fullmatch(text):
        return None
    return text


Span = TypeVar("Span", TextSpan, TextRange)


def original_span(
    start: int, end: int, origin: Sequence[int] | None, widths: Mapping[int, int]
) -> tuple[int, int]:
    """[start, end) of the normalised text as offsets into the original (``Normalized``'s
    ``origin`` and ``widths``): the end falls after the last visible character, so
    invisible ones after a span stay outside it, and a repaired character covers all it
    replaced."""
    if origin is None:
        return start, end
    return origin[start], (origin[end - 1] + widths.get(end - 1, 1) if end > start else origin[start])


def restore(
    extraction: Extraction,
    original: str,
    origin: Sequence[int] | None,
    widths: Mapping[int, int] | None = None,
) -> Extraction:
    """``extraction`` (offsets into the normalised text) with offsets into ``original``,
    and every span's text sliced from it (``origin`` None: the offsets already agree;
    ``widths``: the repaired characters, as ``Normalized.widths``)."""
    repairs = widths or {}

    def start_of(start: int) -> int:
        return original_span(start, start, origin, repairs)[0]

    def end_of(start: int, end: int) -> int:
        return original_span(start, end, origin, repairs)[1]

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
