"""Parsing: the paragraphs that planning chose, through spaCy, within each text's budget.

- A paragraph longer than ``CHUNK_CHARS`` is parsed in pieces cut at sentence ends and
  joined again (``Doc.from_docs``): no news paragraph is that long, and a 200,000-character
  one then costs linear time in slices the budget can be checked between.
- Pieces go to ``nlp.pipe`` in minibatches of at most ``MINIBATCH_CHARS`` characters, one
  text's pieces after another, so a text's budget is checked every fraction of a second
  and its clock starts when its first piece is parsed (time spent waiting for other texts
  is not charged to it).
- A text whose budget runs out gets ``BudgetExceeded``; a text whose parse raises gets
  that exception; the other texts of the batch are parsed as if it were not there.
- A text gets at most ``parse_allowance(len(text))`` tokens parsed, in text order. News
  needs a fraction of it (about 0.07 tokens per character; an article quoted from end to
  end about 0.25, and the longest PolNeAR article 2,546 tokens in all). Text built of
  little but quote marks and short quotes needs up to ten times more, so past the
  allowance the rest of the text is left unparsed (``Plan.unparsed_from``): its quotes
  are still found by their marks and linked by the patterns of ``lexical``. This keeps
  every 200,000-character input, whatever its shape, within a small multiple of news.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .planning import Plan

CHUNK_CHARS = 5_000  # a paragraph longer than this is parsed in pieces
MINIBATCH_CHARS = 20_000  # characters per nlp.pipe call: the budget is checked between calls
MINIBATCH_DOCS = 64
# Tokens a text may have parsed: enough for an article quoted from end to end up to about
# 33,000 characters, and for the quote paragraphs of ordinary news up to the size limit.
PARSE_TOKENS_BASE = 6_000
PARSE_TOKENS_PER_CHAR = 0.07
PARSE_TOKENS_PER_DOC = 4  # a Doc's own cost beside its tokens: many tiny paragraphs cost more
# Where a long paragraph may be cut: after a sentence's end, else at a space.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")


def parse_allowance(chars: int, scale: float = 1.0) -> int:
    """How many tokens a text of ``chars`` characters may have parsed (each Doc counting
    ``PARSE_TOKENS_PER_DOC`` more); ``scale`` is ``QUOTES_PARSE_ALLOWANCE``."""
    return int(scale * (PARSE_TOKENS_BASE + PARSE_TOKENS_PER_CHAR * chars))


class BudgetExceeded(RuntimeError):
    """The extraction of a text took longer than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the extraction took longer than its budget of {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class _Piece:
    """A tokenised piece of a paragraph, waiting for the rest of the pipeline."""

    text: int  # index of its text in the batch
    paragraph: int
    index: int  # its place among the paragraph's pieces
    doc: Doc
    chars: int


@dataclass
class _Text:
    plan: Plan
    pieces: dict[int, list[Doc | None]] = field(default_factory=dict)  # paragraph -> parsed pieces
    deadline: float | None = None  # set when its first piece is parsed
    error: BaseException | None = None


def parse_plans(
    nlp: Language,
    plans: Sequence[Plan],
    disabled: list[str],
    budget: float | None,
    allowance: float = 1.0,
) -> Iterator[tuple[dict[int, Doc] | BaseException, float | None]]:
    """For each plan, its parsed paragraphs (index -> Doc), or the exception that stopped
    it, and its deadline (the rest of its work must end by then)."""
    texts = [_Text(p) for p in plans]
    work: list[_Piece] = []
    for t, text in enumerate(texts):
        work += _within_allowance(nlp, t, text, allowance)
    start = 0
    while start < len(work):
        end, chars = start, 0
        while (
            end < len(work)
            and end - start < MINIBATCH_DOCS
            and (chars == 0 or chars + work[end].chars <= MINIBATCH_CHARS)
        ):
            chars += work[end].chars
            end += 1
        batch = [
            w for w in work[start:end] if texts[w.text].error is None and not _late(texts[w.text], budget)
        ]
        start = end
        for piece, doc in _parse_isolated(nlp, batch, disabled, texts):
            texts[piece.text].pieces[piece.paragraph][piece.index] = doc
    for text in texts:
        if text.error is not None:
            yield text.error, text.deadline
            continue
        docs: dict[int, Doc] = {}
        for index, pieces in text.pieces.items():
            parsed = [d for d in pieces if d is not None]
            if len(parsed) != len(pieces):  # only after an error, which was yielded above
                raise RuntimeError("a piece of a paragraph was not parsed")
            docs[index] = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
        if text.deadline is None and budget is not None:
            text.deadline = time.monotonic() + budget  # nothing to parse: the clock starts now
        yield docs, text.deadline


def _within_allowance(nlp: Language, t: int, text: _Text, scale: float) -> list[_Piece]:
    """The text's pieces, tokenised, up to its parse allowance; where it runs out, the
    rest of the text is marked unparsed (a paragraph keeps the pieces before that point)."""
    p = text.plan
    left = parse_allowance(len(p.text), scale)
    work: list[_Piece] = []
    for index in p.to_parse:
        para = p.paragraphs[index]
        offset = para.start
        for k, piece in enumerate(cut(p.text[para.start : para.end])):
            try:
                doc = nlp.make_doc(piece)
            except Exception as exc:  # noqa: BLE001 - that text's own failure
                text.error = exc
                return []
            cost = len(doc) + PARSE_TOKENS_PER_DOC
            if cost > left:
                p.unparsed_from = offset
                return work
            left -= cost
            text.pieces.setdefault(index, []).append(None)
            work.append(_Piece(t, index, k, doc, len(piece)))
            offset += len(piece)
    return work


def check(deadline: float | None, budget: float | None) -> None:
    """Raise ``BudgetExceeded`` once ``deadline`` has passed."""
    if deadline is not None and budget is not None and time.monotonic() > deadline:
        raise BudgetExceeded(budget)


def _late(text: _Text, budget: float | None) -> bool:
    """Start the text's clock at its first piece; past its deadline, record the error."""
    if budget is None:
        return False
    now = time.monotonic()
    if text.deadline is None:
        text.deadline = now + budget
    if now > text.deadline:
        text.error = BudgetExceeded(budget)
        return True
    return False


def _parse_isolated(
    nlp: Language, batch: list[_Piece], disabled: list[str], texts: list[_Text]
) -> Iterator[tuple[_Piece, Doc]]:
    """Parse the batch in one call; if that raises, piece by piece, so that only the text
    whose piece fails gets the error."""
    if not batch:
        return
    try:
        docs = list(nlp.pipe([w.doc for w in batch], disable=disabled, batch_size=MINIBATCH_DOCS))
    except Exception:  # noqa: BLE001 - isolate the failing text below
        for piece in batch:
            if texts[piece.text].error is not None:
                continue
            try:
                yield piece, nlp(piece.doc.text, disable=disabled)
            except Exception as exc:  # noqa: BLE001 - that text's own failure
                texts[piece.text].error = exc
        return
    yield from zip(batch, docs, strict=True)


def cut(paragraph: str) -> list[str]:
    """``paragraph`` in pieces of at most ``CHUNK_CHARS`` characters, cut after a sentence's
    end where there is one, else at a space, else anywhere; joined they give it back."""
    pieces: list[str] = []
    start = 0
    while len(paragraph) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        at = None
        for match in _SENTENCE_END.finditer(paragraph, limit - CHUNK_CHARS // 2, limit):
            at = match.end()
        if at is None:
            space = paragraph.rfind(" ", start + 1, limit)
            at = space + 1 if space > start else limit
        pieces.append(paragraph[start:at])
        start = at
    pieces.append(paragraph[start:])
    return pieces
