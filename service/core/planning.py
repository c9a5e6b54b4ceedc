"""Planning: which paragraphs of an article need a parse.

Quote marks are found without a parse (``marks``); only the paragraphs that hold a
quote are parsed, and a paragraph before one that ends in a colon ("X said:" introduces
the quote below). Names in the other paragraphs are found by ``names.NameScanner``.
Reported speech (``indirect``) has no marks to find it by: with it, every paragraph is
parsed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .marks import Paragraph, QuotedSpan, find_quoted_spans, paragraphs
from .spans import CharSpan, Quotes


@dataclass
class Plan:
    text: str
    spans: list[QuotedSpan]
    paragraphs: list[Paragraph]
    to_parse: list[int]  # paragraph indices
    single_quoting: bool = False  # British style: single marks quote, double marks nest
    by_paragraph: dict[int, Quotes] = field(default_factory=dict)  # spans, paragraph offsets
    starts: list[int] = field(default_factory=list)  # each paragraph's first character
    wordless: frozenset[int] = frozenset()  # starts of spans with no letter or digit in them
    # Set by ``parsing`` when the text's parse allowance runs out: from here on nothing is
    # parsed, and quotes are linked by ``lexical`` patterns only.
    unparsed_from: int | None = None
    indirect: bool = False  # reported speech is wanted: every paragraph is parsed
    quoting: frozenset[int] = frozenset()  # the paragraphs parsed for direct quotes alone

    def spans_in(self, index: int) -> Quotes:
        """Every quoted span of paragraph ``index``, in the paragraph's own offsets."""
        return self.by_paragraph.get(index) or Quotes([])

    def parsed(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies before the unparsed rest of the text."""
        return self.unparsed_from is None or end <= self.unparsed_from

    def paragraph_of(self, offset: int) -> int:
        """The index of the paragraph that holds character ``offset`` (or the one before)."""
        return max(0, bisect_right(self.starts, offset) - 1)


def plan(text: str, indirect: bool = False) -> Plan:
    spans = find_quoted_spans(text)
    if not spans and not indirect:
        return Plan(text, [], [], [])
    paras = paragraphs(text)
    # A span with no letter or digit in it (“ ”, "...") is nobody's speech: no parse for it.
    wordless = frozenset(s.start for s in spans if not any(ch.isalnum() for ch in text[s.start : s.end]))
    grouped, quoted = _by_paragraph(spans, paras, wordless)
    introduces = {i - 1 for i in quoted if i > 0 and _ends_with_colon(text, paras[i - 1])}
    to_parse = sorted(quoted | introduces)
    if indirect:
        to_parse = [p.index for p in paras]
    starts = [p.start for p in paras]
    return Plan(
        text,
        spans,
        paras,
        to_parse,
        _single_quoting(spans, text),
        grouped,
        starts,
        wordless,
        indirect=indirect,
        quoting=frozenset(quoted | introduces),
    )


def _by_paragraph(
    spans: list[QuotedSpan], paras: list[Paragraph], wordless: frozenset[int]
) -> tuple[dict[int, Quotes], set[int]]:
    """Each paragraph's quotes (a span that runs on over paragraphs is in each of them),
    and the paragraphs that hold a span with words in it."""
    grouped: dict[int, list[CharSpan]] = {}
    quoted: set[int] = set()
    for s in spans:
        index = s.paragraph
        while index < len(paras) and paras[index].start < s.end:
            para = paras[index]
            if s.start < para.end:
                local = CharSpan(max(s.start, para.start) - para.start, min(s.end, para.end) - para.start)
                grouped.setdefault(index, []).append(local)
                if s.start not in wordless:
                    quoted.add(index)
            index += 1
    return {index: Quotes(local) for index, local in grouped.items()}, quoted


def _single_quoting(spans: list[QuotedSpan], text: str) -> bool:
    """British style: more sentence-length quotes in single marks than in double marks."""

    def long(s: QuotedSpan) -> bool:
        return text.count(" ", s.start, s.end) >= 3

    singles = sum(1 for s in spans if s.single and long(s))
    return singles > sum(1 for s in spans if not s.single and long(s))


def _ends_with_colon(text: str, para: Paragraph) -> bool:
    return text[para.start : para.end].rstrip().endswith(":")
