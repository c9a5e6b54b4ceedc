"""Linking: each quoted span to its cue and speaker mention, as a ``Draft``.

The dependency rules live in ``attribution``; this module runs them on the parsed
paragraph of a quote (and the one it closes in), falls back to a byline in the paragraph
below, turns the linked tokens into article-offset ``Mention``s, and finds the subject a
pronoun most likely stands for in its own paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .attribution import POSSESSIVE_SUBJECTS, Attributor, Link, entity_of, joined_name
from .entities import Mention
from .lexical import LexicalLinker
from .lexicon import Lexicon
from .marks import Paragraph, QuotedSpan
from .model import Attribution, QuoteType, TextSpan
from .planning import Plan
from .quote_types import classify
from .resolution import Resolved
from .spans import WINDOW, CharSpan, Quotes, children, subjects_between, text_of

# "— Michelle Marks, Philadelphia." or "-President Obama, tweeting ...": a dash, then a
# name of up to five capitalised words (initials and titles with full stops allowed).
BYLINE_BELOW = re.compile(
    r"\s*(?P<dash>[-—–―]+)\s*(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,4}?)\.?(?=[,;(]|\s*$|\.\s*$)"
)

# A word of a name, apostrophes and hyphens inside it: O’Donnell, D'Souza, Kelleher-Vergantini.
NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass
class Draft:
    """A quote while it is being built; frozen into ``Quote`` by ``output``."""

    span: QuotedSpan
    link: Link | None = None
    paragraph_end: int = 0
    type: QuoteType = QuoteType.DIRECT
    attribution: Attribution = Attribution.NONE
    resolved: Resolved | None = None
    speaker: Mention | None = None  # the linked speaker mention, in article offsets
    cue: TextSpan | None = None
    group: str | None = None
    antecedent: Mention | None = None  # for a pronoun: the subject it most likely stands for
    lexical: bool = False  # linked by ``lexical`` frames, past the parse allowance

    @property
    def mention(self) -> TextSpan | None:
        return TextSpan(self.speaker.start, self.speaker.end, self.speaker.text) if self.speaker else None


class Linker:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.attributor = Attributor(lexicon)
        self.lexical = LexicalLinker(lexicon)
        # Common nouns that never start a name: "the ministry", "one official".
        self._not_name_words = lexicon.organization_nouns | lexicon.anonymous_nouns

    def draft(self, plan: Plan, span: QuotedSpan, docs: dict[int, Doc]) -> Draft:
        """Link one quoted span to its cue and speaker mention, and type it."""
        text, paras = plan.text, plan.paragraphs
        first = span.paragraph
        last = plan.paragraph_of(span.end - 1) if span.end > span.start else first
        draft = Draft(span, paragraph_end=last)
        if span.start in plan.wordless:
            draft.type = QuoteType.OTHER  # “ ” or "...": quote marks around nothing said
            return draft
        if not plan.parsed(span.start, span.end):
            return self._draft_unparsed(draft, plan)
        classify_in: tuple[Doc, CharSpan, Quotes] | None = None
        for index in dict.fromkeys((first, last)):
            doc = docs.get(index)
            if doc is None:
                continue
            para = paras[index]
            local = CharSpan(max(span.start, para.start) - para.start, min(span.end, para.end) - para.start)
            others = plan.spans_in(index)
            opens_paragraph = _blank(text, para.start, para.start + local.start)
            prev_doc = docs.get(index - 1) if opens_paragraph else None
            classify_in = classify_in or (doc, local, others)
            link = self.attributor.link(doc, local, others, prev_doc)
            if link is not None:
                self.apply_link(draft, link, doc, para, paras, others)
                classify_in = (doc, local, others)
                break
        if draft.link is None:
            self._byline_below(draft, plan)
        if classify_in is not None:
            doc, local, _ = classify_in
            draft.type = classify(span, draft.link, doc, local, plan)
        return draft

    def _draft_unparsed(self, draft: Draft, plan: Plan) -> Draft:
        """A quote past the parse allowance: the lexical frames, then a byline below."""
        found = self.lexical.link(plan, draft.span)
        if found is not None:
            draft.speaker, draft.cue = found
            draft.attribution = Attribution.CUE
            draft.lexical = True
        else:
            self._byline_below(draft, plan)
        draft.type = self.lexical.classify(plan, draft.span, draft.speaker is not None)
        return draft

    def _byline_below(self, draft: Draft, plan: Plan) -> None:
        """A quote that ends its paragraph, signed in the next one: “Q.” / — Michelle Marks,
        Philadelphia. The byline paragraph is short and names someone after the dash."""
        text, paras = plan.text, plan.paragraphs
        here = paras[draft.paragraph_end]
        if not _blank(text, draft.span.end, here.end, forward=True) or here.index + 1 >= len(paras):
            return
        below = paras[here.index + 1]
        match = BYLINE_BELOW.match(text, below.start, below.end)
        if match is None or len(text[below.start : below.end].split()) > 12:
            return
        name = match.group("name")
        if name.endswith(".") and len(name.split()[-1]) > 3:
            name = name[:-1]  # the sentence's full stop, not an initial or "Jr."
        words = name.split()
        if not all(w[:1].isupper() for w in words):
            return
        start = match.start("name")
        head = words[-1].strip(".").lower()
        kind = "ORG" if head in self.lexicon.organization_nouns else "PROPN"
        draft.speaker = Mention(start, start + len(name), name, kind, head)
        draft.cue = TextSpan(match.start("dash"), match.end("dash"), match.group("dash"))
        draft.attribution = Attribution.BYLINE

    def apply_link(
        self,
        draft: Draft,
        link: Link,
        doc: Doc,
        para: Paragraph,
        paras: list[Paragraph],
        quotes: Quotes,
    ) -> None:
        draft.link = link
        draft.attribution = link.method
        mention = link.mention
        # The colon rule may find its speaker and cue in the previous paragraph's Doc.
        source = mention.doc if mention is not None else doc
        offset = para.start if source is doc else paras[para.index - 1].start
        if mention is not None:
            draft.speaker = self.to_mention(mention, offset)
            quoted = quotes if source is doc else Quotes([])
            if draft.speaker.kind == "PRONOUN" and draft.speaker.head in ("it", "they"):
                draft.antecedent = self._last_subject(mention, offset, self._names_a_group, quoted)
            elif draft.speaker.kind == "PRONOUN" and draft.speaker.head in ("he", "she"):
                draft.antecedent = self._last_subject(mention, offset, self._names_a_person, quoted)
        if link.cue is not None:
            draft.cue = TextSpan(
                offset + link.cue.start, offset + link.cue.end, text_of(source)[link.cue.start : link.cue.end]
            )
        if link.cue_token is not None:
            cue_paragraph = para.index if link.cue_token.doc is doc else para.index - 1
            draft.group = f"p{cue_paragraph}t{link.cue_token.i}"

    def to_mention(self, span: Span, offset: int) -> Mention:
        """A speaker mention with its kind: PRONOUN, PERSON (name_start after any titles),
        ORG, PROPN (a name NER missed) or NOUN (a description: "one official")."""
        root = span.root
        head = root.lower_
        start, end = offset + span.start_char, offset + span.end_char

        def mention(kind: str, head: str = head, name_start: int | None = None) -> Mention:
            return Mention(start, end, span.text, kind, head, name_start)

        if len(span) == 1 and (head in self.lexicon.pronouns or head in ("him", "her")):
            return mention("PRONOUN")
        if len(span) == 1 and head in POSSESSIVE_SUBJECTS:
            return mention("PRONOUN", POSSESSIVE_SUBJECTS[head])  # "His reply was short: “Q”"
        partner = joined_name(root)
        if partner is not None and span.start <= partner.i < span.end:
            # Ann Lee and Tom Ruiz said: each a person, and together the speaker
            parts = tuple(
                self.to_mention(self.attributor.mention_span(person, joined=False), offset)
                for person in (root, partner)
            )
            return replace(mention("PERSON"), parts=parts)
        # The entity must hold the head word: "Obama's former strategist" names nobody.
        ent = entity_of(root)
        if ent is not None and span.start <= ent.start and ent.end <= span.end:
            if ent.label_ == "PERSON":
                first = ent.start  # NER splits Anna “Annie” Berg: the name runs on to the left
                while (
                    first > span.start
                    and (span.doc[first - 1].pos_ == "PROPN" or span.doc[first - 1].is_quote)
                    and not self.lexicon.is_title(span.doc[first - 1].text)
                ):
                    first -= 1
                if not any(t.is_quote for t in span.doc[first : ent.start]):
                    first = ent.start  # only a quoted nickname joins: not "Council Anna Berg"
                return mention("PERSON", ent[-1].lower_, offset + span.doc[first].idx)
            if ent.label_ == "ORG":
                return mention("ORG")
        words = [t for t in span if NAME_WORD.fullmatch(t.text)]
        capitalised_name = (
            words
            and all(t.is_title for t in words)
            and not any(t.lower_ in self._not_name_words for t in words)
            and not self.lexicon.is_title(root.text)
        )
        # "the minister": a role, not a name, however the tagger read it
        role_only = all(self.lexicon.is_title(t.text) or t.pos_ == "DET" for t in words)
        proper = (root.pos_ == "PROPN" or capitalised_name) and not role_only
        return mention("PROPN" if proper else "NOUN")

    def _last_subject(
        self, pronoun: Span, offset: int, accept: Callable[[Token], bool], quoted: Quotes
    ) -> Mention | None:
        """The last subject before the pronoun in its paragraph that ``accept`` allows,
        outside every quote (“Wall Street will change,” she said: not Wall Street); a main
        clause's subject before an embedded one ("Reyes said the Amendment was ...")."""
        subjects: list[Token] = []
        doc = pronoun.doc
        for token in subjects_between(doc, pronoun.start - 2 * WINDOW, pronoun.start):
            if quoted.contains(token.idx):
                continue
            # The minister of the economy, Mr. Guajardo Villarreal, argues ...
            named = next((c for c in children(token) if c.dep_ == "appos" and accept(c)), None)
            if _under_a_preposition(token):
                continue  # Asked about her vote in the event that [Clinton] faces Trump, she ...
            if accept(token):
                subjects.append(token)
            elif named is not None:
                subjects.append(named)
        if not subjects:
            return None
        main = [t for t in subjects if _main_clause_subject(t)]
        subject = (main or subjects)[-1]
        mention = self.to_mention(self.attributor.mention_span(subject), offset)
        if subject.is_sent_start and not subject.ent_type_ and subject.pos_ != "PROPN":
            # "Bombs may not be falling.": capitalised by its place, a name only if the
            # article names someone so.
            mention = replace(mention, kind="CAPITALISED")
        return mention

    def _names_a_group(self, token: Token) -> bool:
        """The union said it would talk. “Q,” it said."""
        return token.ent_type_ == "ORG" or token.lower_ in self.lexicon.organization_nouns

    def _names_a_person(self, token: Token) -> bool:
        """Reyes warned that ... “Q,” he said."""
        return (
            (token.pos_ == "PROPN" or token.is_title)  # the small model tags some surnames NOUN
            and token.pos_ != "PRON"
            and token.ent_type_ not in ("GPE", "NORP", "DATE")
            and token.lower_ not in self._not_name_words
        )


def _under_a_preposition(token: Token) -> bool:
    """The subject of a clause inside a prepositional phrase ("in the event that Clinton
    faces Trump") or a participle's clause ("Asked whether Clinton would win, she ..."):
    what the phrase is about, not who the sentence goes on to speak of."""
    for _ in range(12):
        if token.head == token:
            return False
        token = token.head
        if token.dep_ == "pobj":
            return True
        if (
            token.dep_ == "advcl"
            and token.tag_ in {"VBN", "VBG"}
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children(token))
        ):
            return True
    return False


def _main_clause_subject(token: Token) -> bool:
    subject = token.head if token.dep_ == "appos" else token
    verb = subject.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _blank(text: str, start: int, end: int, forward: bool = False) -> bool:
    """Only white space in text[start:end], looked at from the end (or the start) up to
    the first other character: a quote's neighbourhood, not the whole paragraph."""
    if forward:
        i = start
        while i < end and text[i].isspace():
            i += 1
        return i == end
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    return i == start
