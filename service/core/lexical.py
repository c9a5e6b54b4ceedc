"""Lexical linking: quotes in the part of a text past its parse allowance (``parsing``).

Without a parse, only the commonest frames of news are read, from the words right
beside the marks:

    “We will,” said Anna Berg.    “We will,” she said.    “We will,” Anna Berg said.
    Anna Berg said: “We will.”    He added, “We will.”

A speaker is taken only when a cue verb (an inflected form from ``cue_verbs.txt``:
"said", "adds", not the noun-like "charge") stands between it and the quote, or right
after the speaker that stands right after the quote. Anything else is left unattributed
rather than guessed, and such quotes never continue the previous speaker.
"""

from __future__ import annotations

import re

from .entities import Mention
from .lexicon import Lexicon
from .marks import QuotedSpan
from .model import QuoteType, TextSpan
from .planning import Plan
from .quote_types import TITLE_SMALL_WORDS

# A capitalised word, or a short one with a full stop: "J.", "Jr.", "Dr." (not "Berlin.").
_NAME_WORD = r"[A-Z](?:[\w'’\-]*|\w{0,2}\.)"
# A pronoun, or up to five capitalised words ("Mayor Lena Hoffmann", "The Mayor").
_SPEAKER = rf"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|{_NAME_WORD}(?: {_NAME_WORD}){{0,4}})"
_CUE = r"[a-z]+"
_END = r"(?=[\s.,;:!?]|$)"
# After the closing mark: “Q,” said Anna Berg. / “Q,” she said.
CUE_THEN_SPEAKER = re.compile(rf",?[ \t]+(?P<cue>{_CUE})[ \t]+(?P<speaker>{_SPEAKER}){_END}")
SPEAKER_THEN_CUE = re.compile(rf",?[ \t]+(?P<speaker>{_SPEAKER})[ \t]+(?P<cue>{_CUE}){_END}")
# Before the opening mark: Anna Berg said: “Q” / He added, “Q”
BEFORE_QUOTE = re.compile(rf"(?:^|(?<=[\s(]))(?P<speaker>{_SPEAKER})[ \t]+(?P<cue>{_CUE})[,:]?[ \t]*$")
BEFORE_WINDOW = 80  # characters looked at before a quote: bounded work per quote
_WORD = re.compile(r"\w+")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "their", "its"})


class LexicalLinker:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Capitalised by the start of a sentence, not names: “Q.” Officials said ...
        self._common_heads = lexicon.anonymous_nouns | lexicon.person_nouns | lexicon.organization_nouns

    def link(self, plan: Plan, span: QuotedSpan) -> tuple[Mention, TextSpan] | None:
        """The speaker mention and cue of a quote in one of the frames above, or None."""
        text = plan.text
        para = plan.paragraphs[plan.paragraph_of(span.end - 1 if span.end > span.start else span.start)]
        after_end = min(para.end, span.end + BEFORE_WINDOW)
        for pattern in (CUE_THEN_SPEAKER, SPEAKER_THEN_CUE):
            match = pattern.match(text, span.end, after_end)
            if match is not None and (found := self._found(match)) is not None:
                return found
        first = plan.paragraphs[span.paragraph]
        window_start = max(first.start, span.start - BEFORE_WINDOW)
        match = BEFORE_QUOTE.search(text, window_start, span.start)
        if match is not None:
            return self._found(match)
        return None

    def classify(self, plan: Plan, span: QuotedSpan, linked: bool) -> QuoteType:
        """The quote's type from its words and marks (``quote_types``' rules without the
        parse): what a cue reports is speech, a sentence standing alone is speech, and
        short or title-case spans without a cue are scare quotes or titles."""
        if span.single and not plan.single_quoting:
            return QuoteType.OTHER
        inner = plan.text[span.start + 1 : span.end - 1].strip()
        words = _WORD.findall(inner)
        sentence = inner[:1].isupper() and _opens_sentence(plan.text, span.start)
        terminal = inner.rstrip("”’\"' ").endswith((".", "?", "!"))
        title_case = all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words)
        if title_case and not terminal:
            return QuoteType.OTHER  # titles and nicknames, even after a cue: reads “War and Peace”
        if linked:
            return QuoteType.DIRECT if len(words) >= 4 or sentence else QuoteType.PARTIAL
        if sentence and terminal:
            return QuoteType.DIRECT  # “Yes.” on its own
        return QuoteType.OTHER if len(words) < 4 else QuoteType.DIRECT

    def _found(self, match: re.Match[str]) -> tuple[Mention, TextSpan] | None:
        cue = match.group("cue")
        lemma = self.lexicon.cue_lemma(cue)
        if lemma is None or lemma == cue:  # "state", "charge": a noun as often as a verb
            return None
        mention = self._mention(match.start("speaker"), match.group("speaker"))
        return mention, TextSpan(match.start("cue"), match.end("cue"), cue)

    def _mention(self, start: int, speaker: str) -> Mention:
        words = speaker.split(" ")
        end = start + len(speaker)
        head = words[-1].strip(".").lower()
        if len(words) == 1 and head in self.lexicon.pronouns:
            return Mention(start, end, speaker, "PRONOUN", head)
        if words[0].lower() in _DETERMINERS or (len(words) == 1 and head in self._common_heads):
            return Mention(start, end, speaker, "NOUN", head)  # "The Mayor", "Officials": no name
        titles = 0
        while titles < len(words) - 1 and self.lexicon.is_title(words[titles]):
            titles += 1
        if self.lexicon.is_title(words[-1]) and titles == len(words) - 1:
            return Mention(start, end, speaker, "NOUN", head)  # "Mayor", "Minister"
        name_start = start + len(" ".join(words[:titles])) + 1 if titles else None
        return Mention(start, end, speaker, "PROPN", head, name_start)


def _opens_sentence(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return i == 0 or text[i - 1] in '\n.!?”"'
