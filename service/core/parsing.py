"""Parsing: the paragraphs that planning chose, through spaCy, within each text's budget.

- A paragraph longer than ``CHUNK_CHARS`` is parsed in pieces cut at sentence ends and
  joined again (``Doc.from_docs``): no news paragraph is that long, and a 200,000-character
  one then costs linear time in slices the budget can be checked between.
- Pieces go to ``nlp.pipe`` in minibatches of at most ``MINIBATCH_CHARS`` characters, one
  text's pieces after another, so a text's budget is checked every fraction of a second.
  A budget counts the text's own work only (``Clock``): its tokenisation, its share of
  each minibatch it has pieces in (by characters), and later its own rules. Time spent
  parsing other texts of the batch, or waiting for them, is not charged to it, so a text
  that passes alone passes in any batch.
- A text whose budget runs out gets ``BudgetExceeded``; a text whose parse raises gets
  that exception; the other texts of the batch are parsed as if it were not there.
- A text gets at most ``parse_allowance(len(text))`` tokens parsed, in text order. News
  needs a fraction of it (about 0.07 tokens per character; an article quoted from end to
  end about 0.25, and the longest PolNeAR article 2,546 tokens in all). Text built of
  little but quote marks and short quotes needs up to ten times more, so past the
  allowance the rest of the text is left unparsed (``Plan.unparsed_from``): its quotes
  are still found by their marks and linked by the patterns of ``lexical``. This keeps
  every 200,000-character input, whatever its shape, within a small multiple of news.
  With reported speech asked for (``Plan.indirect``) every paragraph is parsed, and the
  allowance grows to ``PARSE_TOKENS_PER_CHAR_INDIRECT`` a character: more than any prose
  needs (news runs at about 0.2), still linear in the text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .planning import Plan
from .spans import remember_text

CHUNK_CHARS = 5_000  # a paragraph longer than this is parsed in pieces
MINIBATCH_CHARS = 20_000  # characters per nlp.pipe call: the budget is checked between calls
MINIBATCH_DOCS = 64
# Tokens a text may have parsed: enough for an article quoted from end to end up to about
# 33,000 characters, and for the quote paragraphs of ordinary news up to the size limit.
PARSE_TOKENS_BASE = 6_000
PARSE_TOKENS_PER_CHAR = 0.07
PARSE_TOKENS_PER_CHAR_INDIRECT = 0.3
PARSE_TOKENS_PER_DOC = 4  # a Doc's own cost beside its tokens: many tiny paragraphs cost more
# Where a long paragraph may be cut: after a sentence's end, else at a space.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")


def parse_allowance(chars: int, scale: float = 1.0, indirect: bool = False) -> int:
    """How many tokens a text of ``chars`` characters may have parsed (each Doc counting
    ``PARSE_TOKENS_PER_DOC`` more); ``scale`` is ``QUOTES_PARSE_ALLOWANCE``; ``indirect``:
    the whole text is to be parsed."""
    per_char = PARSE_TOKENS_PER_CHAR_INDIRECT if indirect else PARSE_TOKENS_PER_CHAR
    return int(scale * (PARSE_TOKENS_BASE + per_char * chars))


class BudgetExceeded(RuntimeError):
    """The extraction of a text took longer than its budget, or (``draining``) would run
    past the moment the worker stops."""

    def __init__(self, seconds: float, draining: bool = False) -> None:
        reason = "the worker is shutting down" if draining else f"its budget of {seconds:g} s"
        super().__init__(f"the extraction took longer than {reason}")
        self.seconds = seconds
        self.draining = draining


@dataclass(frozen=True, slots=True)
class _Piece:
    """A tokenised piece of a paragraph, waiting for the rest of the pipeline."""

    text: int  # index of its text in the batch
    paragraph: int
    index: int  # its place among the paragraph's pieces
    doc: Doc
    chars: int


@dataclass
class Clock:
    """One text's own time against its budget (None: no budget). Work done for several
    texts at once is ``charge``d in shares; work done for this text alone is timed
    between ``start`` and the next ``check``s."""

    budget: float | None
    spent: float = 0.0
    # A moment (monotonic) all work must end by: shutdown. Or a function that tells it, read
    # at each check: a shutdown may begin while the text is already being worked on.
    deadline: float | Callable[[], float | None] | None = None
    _since: float | None = None

    def charge(self, seconds: float) -> None:
        self.spent += seconds

    def start(self) -> None:
        self._since = time.monotonic()

    def stop(self) -> None:
        if self._since is not None:
            self.spent += time.monotonic() - self._since
            self._since = None

    def _over_budget(self) -> bool:
        if self.budget is None:
            return False
        running = time.monotonic() - self._since if self._since is not None else 0.0
        return self.spent + running > self.budget

    def _past_deadline(self) -> bool:
        deadline = self.deadline() if callable(self.deadline) else self.deadline
        return deadline is not None and time.monotonic() > deadline

    def check(self) -> None:
        """Raise ``BudgetExceeded`` once the text's own work has passed its budget, or the
        worker's shutdown deadline has come."""
        if self._past_deadline():
            raise BudgetExceeded(self.budget or 0.0, draining=True)
        if self._over_budget():
            assert self.budget is not None
            raise BudgetExceeded(self.budget)


@dataclass
class _Text:
    plan: Plan
    clock: Clock
    pieces: dict[int, list[Doc | None]] = field(default_factory=dict)  # paragraph -> parsed pieces
    kept: dict[int, int] = field(default_factory=dict)  # paragraph -> characters of its pieces
    error: BaseException | None = None


def parse_plans(
    nlp: Language,
    plans: Sequence[Plan],
    disabled: list[str],
    clocks: Sequence[Clock],
    allowance: float = 1.0,
) -> Iterator[dict[int, Doc] | BaseException]:
    """For each plan, its parsed paragraphs (index -> Doc), or the exception that stopped
    it; each text's parse is charged to its clock."""
    texts = [_Text(p, clock) for p, clock in zip(plans, clocks, strict=True)]
    work: list[_Piece] = []
    for t, text in enumerate(texts):
        text.clock.start()
        work += _within_allowance(nlp, t, text, allowance)
        text.clock.stop()
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
        batch = [w for w in work[start:end] if texts[w.text].error is None and not _late(texts[w.text])]
        start = end
        began = time.monotonic()
        for piece, doc in _parse_isolated(nlp, batch, disabled, texts):
            texts[piece.text].pieces[piece.paragraph][piece.index] = doc
        _share(time.monotonic() - began, batch, texts)
    for text in texts:
        if text.error is not None:
            yield text.error
            continue
        docs: dict[int, Doc] = {}
        for index, pieces in text.pieces.items():
            parsed = [d for d in pieces if d is not None]
            if len(parsed) != len(pieces):  # only after an error, which was yielded above
                raise RuntimeError("a piece of a paragraph was not parsed")
            docs[index] = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
            start = text.plan.paragraphs[index].start
            remember_text(docs[index], text.plan.text[start : start + text.kept[index]])
        yield docs


def _share(seconds: float, batch: list[_Piece], texts: list[_Text]) -> None:
    """Charge a minibatch's parse to its texts, each by its share of the characters."""
    chars = sum(piece.chars for piece in batch) or 1
    for piece in batch:
        texts[piece.text].clock.charge(seconds * piece.chars / chars)


def _within_allowance(nlp: Language, t: int, text: _Text, scale: float) -> list[_Piece]:
    """The text's pieces, tokenised, up to its parse allowance; where it runs out, the
    rest of the text is marked unparsed (a paragraph keeps the pieces before that point)."""
    p = text.plan
    left = parse_allowance(len(p.text), scale, p.indirect)
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
            text.kept[index] = text.kept.get(index, 0) + len(piece)
            work.append(_Piece(t, index, k, doc, len(piece)))
            offset += len(piece)
    return work


def _late(text: _Text) -> bool:
    """Past its budget, the text gets ``BudgetExceeded`` and no more of it is parsed."""
    try:
        text.clock.check()
    except BudgetExceeded as exc:
        text.error = exc
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
