"""Bounded look-ups on a paragraph's tokens and quotes.

Per-quote work must look at a window of tokens around the quote, never at every token or
quote of the paragraph: a paragraph of a thousand short quotes, or one sentence of
200,000 characters, would otherwise cost quadratic time or worse. Every helper here
costs O(log n) or O(``WINDOW``). In ordinary news a sentence, a name and a dependency
subtree are far shorter than the window, so the results are those of spaCy's own
``Token.sent``, ``Token.children`` and friends.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy import symbols
from spacy.tokens import Doc, Token

WINDOW = 80  # tokens either side of a quote or token that a rule may look at


@dataclass(frozen=True, slots=True)
class CharSpan:
    start: int
    end: int


class Quotes:
    """A paragraph's quoted spans, sorted, with O(log n) membership."""

    def __init__(self, spans: Iterable[CharSpan]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self.spans]
        merged: list[list[int]] = []  # the union, for membership
        for s in self.spans:
            if merged and s.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], s.end)
            else:
                merged.append([s.start, s.end])
        self._union_starts = [m[0] for m in merged]
        self._union_ends = [m[1] for m in merged]

    def __iter__(self) -> Iterator[CharSpan]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, index: int) -> CharSpan:
        return self.spans[index]

    def contains(self, char: int) -> bool:
        """Is character ``char`` inside some quote?"""
        i = bisect_right(self._union_starts, char) - 1
        return i >= 0 and char < self._union_ends[i]

    def token_mask(self, doc: Doc) -> bytearray:
        """For each token of ``doc``, 1 when it starts inside some quote: built once per
        Doc (O(tokens + quotes log tokens)), so a rule's window needs no search per token."""
        cached = doc.user_data.get(_INSIDE)
        if isinstance(cached, tuple) and cached[0] is self:
            return cached[1]  # type: ignore[no-any-return]
        starts = token_starts(doc)
        mask = bytearray(len(doc))
        for start, end in zip(self._union_starts, self._union_ends, strict=True):
            a, b = bisect_left(starts, start), bisect_left(starts, end)
            mask[a:b] = b"\x01" * (b - a)
        doc.user_data[_INSIDE] = (self, mask)
        return mask

    def any_starting_in(self, lo: int, hi: int) -> bool:
        """A quote starts at a character in [lo, hi) (two bisections, no list)."""
        return bisect_right(self._starts, hi - 1) > bisect_right(self._starts, lo - 1)

    def starting_in(self, lo: int, hi: int) -> list[CharSpan]:
        """The quotes that start at a character in [lo, hi)."""
        return self.spans[bisect_right(self._starts, lo - 1) : bisect_right(self._starts, hi - 1)]


def as_quotes(quotes: Quotes | Iterable[CharSpan]) -> Quotes:
    return quotes if isinstance(quotes, Quotes) else Quotes(quotes)


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token's text on each access."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Hand ``text_of`` the string the Doc was parsed from, so that spaCy need not join
    it again from the tokens."""
    doc.user_data[_TEXT] = text


_TEXT = "quotes.text"
_INSIDE = "quotes.inside"
_STARTS = "quotes.token_starts"
_SUBJECTS = "quotes.subjects"
_SENTENCES = "quotes.sentence_starts"
_SUBJECT_LABELS = frozenset({symbols.nsubj, symbols.nsubjpass})


def subjects_between(doc: Doc, start: int, end: int) -> Iterator[Token]:
    """The nsubj and nsubjpass tokens in [start, end), from a list built once per Doc."""
    found = doc.user_data.get(_SUBJECTS)
    if not isinstance(found, list):
        deps = doc.to_array("DEP").tolist()  # (label ids: no Token made for each token)
        found = doc.user_data[_SUBJECTS] = [k for k, dep in enumerate(deps) if dep in _SUBJECT_LABELS]
    for i in found[bisect_right(found, start - 1) : bisect_right(found, end - 1)]:
        yield doc[i]


def first_token_from(doc: Doc, char: int) -> int:
    """Index of the first token that starts at or after character ``char`` (binary search
    on the tokens' offsets, read once per Doc)."""
    return bisect_left(token_starts(doc), char)


def token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, from a list built once per Doc."""
    starts = doc.user_data.get(_STARTS)
    if not isinstance(starts, list):
        starts = doc.user_data[_STARTS] = doc.to_array("IDX").tolist()
    return starts


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the sentence around token ``i``, at most ``WINDOW`` tokens
    either side of it (``Token.sent`` walks the whole sentence, however long)."""
    starts = doc.user_data.get(_SENTENCES)
    if not isinstance(starts, list):
        # (read from the array: a loop over the tokens would make a Token of each)
        flags = doc.to_array("SENT_START").tolist()
        starts = [k for k, flag in enumerate(flags) if flag == 1 or k == 0]
        doc.user_data[_SENTENCES] = starts
    j = bisect_right(starts, i) - 1
    start = starts[j] if j >= 0 else 0
    end = starts[j + 1] if j + 1 < len(starts) else len(doc)
    return max(start, i - WINDOW), min(end, i + WINDOW)


def sentence_root(doc: Doc, i: int) -> Token | None:
    """The root of the sentence around token ``i``, within ``sentence_bounds``."""
    start, end = sentence_bounds(doc, i)
    return next((t for t in doc[start:end] if t.dep_ == "ROOT"), None)


def _wide(token: Token) -> bool:
    return token.right_edge.i - token.left_edge.i > 2 * WINDOW


def children(token: Token) -> Iterator[Token]:
    """``token.children`` within ``WINDOW`` tokens of it (spaCy walks the whole subtree)."""
    if not _wide(token):
        yield from token.children
        return
    doc, i = token.doc, token.i
    for other in doc[max(token.left_edge.i, i - WINDOW) : min(token.right_edge.i, i + WINDOW) + 1]:
        if other.i != i and other.head.i == i:
            yield other


def rights(token: Token) -> Iterator[Token]:
    """``token.rights`` within ``WINDOW`` tokens of it."""
    if not _wide(token):
        yield from token.rights
        return
    yield from (c for c in children(token) if c.i > token.i)
