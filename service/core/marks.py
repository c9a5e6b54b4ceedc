"""Find quoted spans at the character level, before any parse.

Every quote mark is classed by its glyph and its neighbours (opening, closing, or
either), apostrophes and primes are set aside, and marks are paired paragraph by
paragraph. Nothing here raises on odd input: an orphan mark is skipped, and a quote
never runs past its paragraph except in the news style where the next paragraph
opens with a quote mark again (one quote over several paragraphs).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

DOUBLE_MARKS = frozenset('"“”„‟«»')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
ALL_MARKS = DOUBLE_MARKS | SINGLE_MARKS
_DOUBLE_GLYPH = re.compile("[" + re.escape("".join(sorted(DOUBLE_MARKS))) + "]")
_SINGLE_GLYPH = re.compile("[" + re.escape("".join(sorted(SINGLE_MARKS))) + "]")
# Characters after which a straight mark opens a quote: "(“ —‘ and the like.
OPENING_CONTEXT = frozenset("([{—–-/:")
CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-…")
# 'n' and '90s: elisions, never quote marks.
ELISION = re.compile(r"[’'‘](?:n[’'‘](?=\s)|\d\d?s?\b|em\b|til\b|cause\b|tis\b)")


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quoted span, marks included; ``paragraph`` is the paragraph it opens in."""

    start: int
    end: int
    paragraph: int
    single: bool  # quoted with single marks


@dataclass(frozen=True, slots=True)
class Mark:
    pos: int
    role: Role


def has_quote_marks(text: str) -> bool:
    return any(ch in ALL_MARKS for ch in text)


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines: newsroom text arrives one paragraph per line or per blank-line block."""
    found: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            found.append(Paragraph(len(found), match.start(), match.end()))
    return found


def _flanks(text: str, pos: int) -> tuple[str, str]:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return before, after


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def _role_of_double(text: str, pos: int) -> Role | None:
    ch = text[pos]
    before, after = _flanks(text, pos)
    left_flanking = (_is_space(before) or before in OPENING_CONTEXT or before in ALL_MARKS) and not _is_space(
        after
    )
    right_flanking = not _is_space(before) and (
        _is_space(after) or after in CLOSING_CONTEXT or after in ALL_MARKS
    )
    if ch == '"':
        if before.isdigit() and not left_flanking:
            return Role.CLOSE if not after.isalpha() else None  # a prime (5'10") or a closing
        if left_flanking and not right_flanking:
            return Role.OPEN
        if right_flanking and not left_flanking:
            return Role.CLOSE
        return Role.EITHER
    if ch in "“„‟":
        # A curly opener typed where a closer belongs: word“ then space or end.
        return Role.CLOSE if ch == "“" and right_flanking and not left_flanking else Role.OPEN
    if ch == "”":
        return Role.OPEN if left_flanking and not right_flanking else Role.CLOSE
    if ch == "«":
        return Role.OPEN
    return Role.CLOSE  # »


def _role_of_single(text: str, pos: int) -> Role | None:
    before, after = _flanks(text, pos)
    if before.isalnum() and after.isalnum():
        return None  # don't, O'Brien, Hawai‘i
    if ELISION.match(text, pos) and (_is_space(before) or before in OPENING_CONTEXT):
        return None  # rock ’n’ roll, the ’90s
    if text[pos] in "‹":
        return Role.OPEN
    if text[pos] in "›":
        return Role.CLOSE
    left_flanking = (
        _is_space(before) or before in OPENING_CONTEXT or before in DOUBLE_MARKS
    ) and not _is_space(after)
    right_flanking = not _is_space(before) and (
        _is_space(after) or after in CLOSING_CONTEXT or after in DOUBLE_MARKS
    )
    if left_flanking and not right_flanking:
        return Role.OPEN
    if right_flanking and not left_flanking:
        # players’ union: a closer only if something is open, decided when pairing.
        return Role.CLOSE
    return None


def _marks(text: str, para: Paragraph, single: bool) -> list[Mark]:
    glyphs = _SINGLE_GLYPH if single else _DOUBLE_GLYPH  # found by the regex engine, not a loop
    classify = _role_of_single if single else _role_of_double
    found: list[Mark] = []
    for glyph in glyphs.finditer(text, para.start, para.end):
        pos = glyph.start()
        role = classify(text, pos)
        if role is not None:
            found.append(Mark(pos, role))
    return found


def _opens_paragraph(text: str, para: Paragraph, marks: list[Mark]) -> bool:
    first = next((i for i in range(para.start, para.end) if not text[i].isspace()), para.end)
    return bool(marks) and marks[0].pos == first and marks[0].role is not Role.CLOSE


def _possessives(text: str, marks: list[Mark]) -> set[int]:
    """Closing single marks that read as a plural possessive ("the tenants' complaints":
    after an s, before a lower-case word) while another closer follows before the next
    opener: the quote closes there, and this one is an apostrophe. One pass from the end."""
    found: set[int] = set()
    close_follows = False
    for mark in reversed(marks):
        if mark.role is Role.OPEN:
            close_follows = False
            continue
        if close_follows and _reads_possessive(text, mark.pos):
            found.add(mark.pos)
        close_follows = True
    return found


def _reads_possessive(text: str, pos: int) -> bool:
    return (
        pos > 0
        and text[pos - 1] in "sS"
        and text[pos + 1 : pos + 2] == " "
        and text[pos + 2 : pos + 3].islower()
    )


def _pair(text: str, paras: list[Paragraph], single: bool) -> Iterator[QuotedSpan]:
    carried: tuple[int, int] | None = None  # (start, paragraph) of a quote running on
    marks_by_paragraph = [_marks(text, para, single) for para in paras]
    for i, para in enumerate(paras):
        marks = marks_by_paragraph[i]
        open_at: tuple[int, int] | None = None
        if carried is not None and _opens_paragraph(text, para, marks):
            open_at, marks = carried, marks[1:]
        carried = None
        possessive = _possessives(text, marks) if single else set()
        for mark in marks:
            if open_at is None:
                if mark.role is not Role.CLOSE:
                    open_at = (mark.pos, para.index)
                # else: an orphan closer, skipped
            elif mark.role is Role.OPEN:
                open_at = (mark.pos, para.index)  # the earlier opener was an orphan
            elif mark.pos in possessive:
                continue  # 'The tenants' complaints were ignored,': the quote closes later
            else:
                yield QuotedSpan(open_at[0], mark.pos + 1, open_at[1], single)
                open_at = None
        if open_at is not None and i + 1 < len(paras):
            if _opens_paragraph(text, paras[i + 1], marks_by_paragraph[i + 1]):
                carried = open_at  # news style: “A ... ¶ “B ... ” is one quote


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted spans with their marks, in text order; nested spans are not listed.

    Double marks quote unless the article quotes with single marks throughout (British
    style); single-quoted spans outside any double-quoted one are listed too (a
    headline's ‘quote’, a scare-quoted word), for the classifier to keep or drop.
    """
    if not has_quote_marks(text):
        return []
    paras = paragraphs(text)
    doubles = list(_pair(text, paras, single=False))
    double_starts = [d.start for d in doubles]
    # A single-quoted span inside or across a double-quoted one is nested or an apostrophe.
    singles = [s for s in _pair(text, paras, single=True) if not _sticks_into(s, doubles, double_starts)]
    single_starts = [s.start for s in singles]
    # Doubles inside a single-quoted span are nested quotes in a British-style article.
    doubles = [d for d in doubles if not _nested_in(d, singles, single_starts)]
    return sorted(doubles + singles, key=lambda s: s.start)


def _sticks_into(span: QuotedSpan, others: list[QuotedSpan], starts: list[int]) -> bool:
    """Does ``span`` overlap one of ``others`` (sorted, disjoint) without holding it whole?
    Only the one that starts at or before it and the last one that starts inside it can."""
    candidates = {bisect_right(starts, span.start) - 1, bisect_right(starts, span.end - 1) - 1}
    return any(
        0 <= i < len(others) and _overlaps(span, others[i]) and not _inside(others[i], span)
        for i in candidates
    )


def _nested_in(span: QuotedSpan, others: list[QuotedSpan], starts: list[int]) -> bool:
    """Is ``span`` inside one of ``others`` (sorted, disjoint)? Only the last one that
    starts at or before it can hold it."""
    i = bisect_right(starts, span.start) - 1
    return i >= 0 and _inside(span, others[i])


def _overlaps(a: QuotedSpan, b: QuotedSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _inside(inner: QuotedSpan, outer: QuotedSpan) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer
