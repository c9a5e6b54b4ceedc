"""The extraction result: frozen dataclasses, no HTTP, no spaCy objects.

Offsets are Python ``str`` indices (Unicode code points) into the input, end-exclusive,
so ``text[start:end]`` is the span's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class QuoteType(StrEnum):
    DIRECT = "direct"  # a full quoted sentence or more
    PARTIAL = "partial"  # an attributed fragment: claimed the system had “degraded.”
    INDIRECT = "indirect"  # reported speech, no marks: Smith said [the plan would fail]
    OTHER = "other"  # scare quotes, titles, nicknames: quoted, but nobody's speech


class Attribution(StrEnum):
    """How a quote was linked to its speaker mention."""

    CUE = "cue"  # a reporting verb: said, told, added, charged that ...
    ACCORDING_TO = "according_to"
    COLON = "colon"  # X: “...”, or a paragraph ending in a colon before the quote
    BYLINE = "byline"  # “...” — Mayor Lena Hoffmann
    CONTINUATION = "continuation"  # no cue of its own; continues the previous speaker
    NONE = "none"


class Resolution(StrEnum):
    """How a speaker mention became a canonical speaker."""

    NAME = "name"  # the mention is the fullest name the article gives
    PARTIAL_NAME = "partial_name"  # "Shoigu" -> "Sergei Shoigu"
    PRONOUN = "pronoun"  # "he" -> the most recent compatible person
    DESCRIPTOR = "descriptor"  # "the ministry" -> an organisation named earlier
    UNRESOLVED = "unresolved"  # "one official": kept as a mention, no name


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TextRange:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    id: str
    name: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    type: QuoteType
    speaker: SpeakerRef | None
    speaker_mention: TextSpan | None
    cue: TextSpan | None
    attribution: Attribution
    resolution: Resolution | None
    confidence: float
    paragraph: int
    group: str | None = None  # shared by the parts of a split quote


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str | None
    kind: SpeakerKind
    titles: tuple[str, ...]
    descriptors: tuple[str, ...]
    mentions: tuple[TextSpan, ...]
    quote_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    others: tuple[Quote, ...] = field(default=())  # non-speech quoted spans, type OTHER
    # The end of a text past its parse allowance: its quotes are linked by lexical
    # frames only (``core.lexical``). None when the whole text was read with a parse.
    unparsed: TextRange | None = None

    def to_dict(self, include_other: bool = False) -> dict[str, Any]:
        """The JSON body of the contract; OTHER spans go into ``quotes`` only when asked."""
        quotes = list(self.quotes)
        if include_other:
            quotes = sorted(quotes + list(self.others), key=lambda q: q.start)
        return {
            "quotes": [_plain(q) for q in quotes],
            "speakers": [_plain(s) for s in self.speakers],
            "unparsed": _plain(self.unparsed),
        }


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copy of every leaf: the leaves here are
    str, int, float, enums and None, which need none (it was a tenth of the rules' cost).
    Tuples become lists, as JSON reads them back: the offset walkers see one shape."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
