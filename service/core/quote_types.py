"""Typing: is a quoted span speech (direct or partial) or not (titles, scare quotes)?"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .attribution import Link
from .marks import QuotedSpan
from .model import QuoteType
from .planning import Plan
from .spans import CharSpan, first_token_from

# Function words that may stay lower-case in a title: “The War of the Worlds”.
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "with", "by"}
)
# Words before a quoted title: NBC's “Meet the Press.”, on “This Week.”, called “Go Home.”
TITLE_SLOT = re.compile(r"(?:['’]s|\b(?:on|in|of|called|titled|named|entitled))\s*$", re.IGNORECASE)


THAT_BEFORE = re.compile(r"\bthat$", re.IGNORECASE)


def classify(span: QuotedSpan, link: Link | None, doc: Doc, local: CharSpan, plan: Plan) -> QuoteType:
    """The quote's type from its words, its link and the marks' style."""
    inside = list(doc[first_token_from(doc, local.start) : first_token_from(doc, local.end)])
    content = [t for t in inside if local.start < t.idx and t.idx + len(t) < local.end + 1]
    words = [t for t in content if t.is_alpha or t.like_num]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in content)
    inner = plan.text[span.start + 1 : span.end - 1].strip()
    terminal = _ends_a_sentence(inner)
    linked = link is not None and link.linked
    complement = linked and _is_complement(doc, local, link, inside)
    if span.single and not plan.single_quoting:
        return QuoteType.OTHER  # a headline's or scare ‘quote’ in a double-quoting article
    if _title_like(words, terminal and not _title_slot(plan.text, span, inner)) and not _utterance(
        plan.text, span, inner, link
    ):
        return QuoteType.OTHER  # titles and nicknames, even as a cue's object: “War and Peace”
    if link is None:
        if _standalone_sentence(plan.text, span, inner, terminal):
            return QuoteType.DIRECT  # “I would, Donald.” on its own, after “I would,” she said.
        if len(words) < 4 or (not has_verb and len(words) < 8):
            return QuoteType.OTHER  # scare quotes: a so-called “reform”
        return QuoteType.DIRECT
    if has_verb and len(words) >= 4:
        if inner[:1].islower() and _after_a_word(plan.text, span):
            return QuoteType.PARTIAL  # said the results were “exciting but need to be replicated.”
        return QuoteType.DIRECT
    if _opens_sentence(plan.text, span) and inner[:1].isupper():
        return QuoteType.DIRECT  # a whole utterance before its cue: “Absolutely,” she said.
    if terminal and inner[:1].isupper() and _after_colon(plan.text, span):
        return QuoteType.DIRECT  # a whole sentence after its cue: Ortiz said: “We lost.”
    if terminal and inner[:1].isupper() and _after_cue_comma(plan.text, span, link, doc, local):
        return QuoteType.DIRECT  # On Monday, Ortiz said, “We lost.”
    if len(words) <= 2 and not complement and not terminal:
        return QuoteType.OTHER  # one quoted word inside an attributed sentence
    return QuoteType.PARTIAL


def _utterance(text: str, span: QuotedSpan, inner: str, link: Link | None) -> bool:
    """A short utterance before its cue, however few its words: “Absolutely,” she said. /
    “Never!” Ortiz shouted. It opens a sentence, ends in the comma, ! or ? that hands over
    to the cue, and a cue links it; a title in running text does neither."""
    return (
        link is not None
        and link.linked
        and link.cue_token is not None
        and inner[-1:] in (",", "!", "?")
        and _opens_sentence(text, span)
    )


def _standalone_sentence(text: str, span: QuotedSpan, inner: str, terminal: bool) -> bool:
    """A whole quoted sentence standing alone: it opens a sentence, starts with a capital
    and ends in its own full stop, question or exclamation mark. Scare quotes and titles
    sit inside a sentence."""
    return terminal and _opens_sentence(text, span) and inner[:1].isupper()


def _opens_sentence(text: str, span: QuotedSpan) -> bool:
    end = span.start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    before = text[max(0, end - 2) : end]
    return not before or before[-1] in "\n.!?" or before in {".”", '."', "?”", "!”"}


def _after_a_word(text: str, span: QuotedSpan) -> bool:
    """The quote goes on from a word of the sentence, with no comma or colon to set it off
    (not "that": said that “...” quotes a whole clause, a direct quote)."""
    before = text[max(0, span.start - 6) : span.start].rstrip()
    return bool(before) and before[-1].isalnum() and not THAT_BEFORE.search(before)


def _after_colon(text: str, span: QuotedSpan) -> bool:
    before = text[max(0, span.start - 3) : span.start].rstrip()
    return before.endswith(":")


def _after_cue_comma(text: str, span: QuotedSpan, link: Link | None, doc: Doc, local: CharSpan) -> bool:
    """The quote follows its own cue and a comma: "Ortiz said, “We lost.”"."""
    if link is None or link.cue_token is None or link.cue_token.doc is not doc:
        return False
    before = text[max(0, span.start - 3) : span.start].rstrip()
    return before.endswith(",") and link.cue_token.idx < local.start


def _title_like(words: list[Token], terminal: bool) -> bool:
    if not words or terminal or len(words) > 10:
        return False
    capitals = [w for w in words if w.text[:1].isupper() or w.like_num]
    # Every word capitalised, or a small word: “War and Peace”, “The River Remembers”.
    return (
        all(w in capitals or w.lower_ in TITLE_SMALL_WORDS for w in words)
        and len(capitals) >= 1
        and (len(words) > 1 or words[0].pos_ != "PRON")
    )


def _is_complement(doc: Doc, local: CharSpan, link: Link | None, inside: list[Token]) -> bool:
    """``inside``: the quote's tokens."""
    if link is None or link.cue_token is None:
        return link is not None
    cue = link.cue_token
    if cue.doc is not doc:
        return True  # "X said:" ending the paragraph above introduces the whole quote
    for token in inside:
        head = token.head
        # "described the plan as “a disgrace”": the quote hangs off the cue through "as".
        if head == cue or (head.lower_ == "as" and head.head == cue):
            return True
    return local.start <= cue.head.idx < local.end


def _title_slot(text: str, span: QuotedSpan, inner: str) -> bool:
    """A full stop inside the marks ends the sentence, not the quote, after a word that
    names a title: on NBC's “Meet the Press.”, a film called “Go Home.”"""
    return inner.endswith(".") and bool(TITLE_SLOT.search(text, max(0, span.start - 12), span.start))


def _ends_a_sentence(inner: str) -> bool:
    """A full stop, question or exclamation mark among the last non-word characters.
    (One backward pass: a regex search for "[.?!]\\W*$" is quadratic on a run of dots.)"""
    i = len(inner)
    while i > 0 and not (inner[i - 1].isalnum() or inner[i - 1] == "_"):
        i -= 1
    return any(ch in ".?!…" for ch in inner[i:])
