"""Text in, ``Extraction`` out: the pure core that the service, the CLI and the tests call.

Steps: find quoted spans by their marks (no parse needed; an article without quote
marks returns at once), parse the paragraphs that attribution needs with one
``nlp.pipe`` call for a whole batch of articles, link each quote to a cue and speaker
mention, classify it (direct, partial, or other: titles and scare quotes), carry
speakers over to floating quotes, and resolve every mention to a canonical speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .attribution import Attributor, CharSpan, Link, entity_of
from .lexicon import Lexicon, load_lexicon
from .marks import Paragraph, QuotedSpan, find_quoted_spans, paragraphs
from .model import (
    Attribution,
    Extraction,
    Quote,
    QuoteType,
    Resolution,
    Speaker,
    SpeakerKind,
    SpeakerRef,
    TextSpan,
)
from .names import NameScanner, is_headline
from .resolution import Entity, Mention, Registry
from .tokenization import split_glued_quotes

# Function words that may stay lower-case in a title: “The War of the Worlds”.
TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "with", "by"}
)
CONFIDENCE = {
    Attribution.CUE: 0.9,
    Attribution.ACCORDING_TO: 0.85,
    Attribution.COLON: 0.75,
    Attribution.BYLINE: 0.75,
    Attribution.CONTINUATION: 0.65,
    Attribution.NONE: 0.3,
}
RESOLUTION_FACTOR = {
    Resolution.NAME: 1.0,
    Resolution.PARTIAL_NAME: 0.95,
    Resolution.DESCRIPTOR: 0.85,
    Resolution.PRONOUN: 0.85,
    Resolution.UNRESOLVED: 0.9,
}
# "— Michelle Marks, Philadelphia." or "-President Obama, tweeting ...": a dash, then a
# name of up to five capitalised words (initials and titles with full stops allowed).
BYLINE_BELOW = re.compile(
    r"\s*(?P<dash>[-—–―]+)\s*(?P<name>[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,4}?)\.?(?=[,;(]|\s*$|\.\s*$)"
)
# Words before a quoted title: NBC's “Meet the Press.”, on “This Week.”, called “Go Home.”
TITLE_SLOT = re.compile(r"(?:['’]s|\b(?:on|in|of|called|titled|named|entitled))\s*$", re.IGNORECASE)
NEEDED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "parser", "ner")


@dataclass
class _Draft:
    """A quote while it is being built; frozen into ``Quote`` at the end."""

    span: QuotedSpan
    link: Link | None = None
    paragraph_end: int = 0
    type: QuoteType = QuoteType.DIRECT
    attribution: Attribution = Attribution.NONE
    entity: Entity | None = None
    resolution: Resolution | None = None
    speaker: Mention | None = None  # the linked speaker mention, in article offsets
    cue: TextSpan | None = None
    group: str | None = None
    antecedent: Mention | None = None  # for a pronoun: the subject it most likely stands for

    @property
    def mention(self) -> TextSpan | None:
        return TextSpan(self.speaker.start, self.speaker.end, self.speaker.text) if self.speaker else None


@dataclass
class _Plan:
    text: str
    spans: list[QuotedSpan]
    paragraphs: list[Paragraph]
    to_parse: list[int]  # paragraph indices
    single_quoting: bool = False  # British style: single marks quote, double marks nest


class Extractor:
    """Holds the loaded pipeline and the word lists; ``extract`` is safe to call from threads."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None, batch_size: int = 64) -> None:
        self.nlp = nlp
        split_glued_quotes(nlp)
        self.lexicon = lexicon or load_lexicon()
        self.attributor = Attributor(self.lexicon)
        self.batch_size = batch_size
        self.disabled = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS]
        # Common nouns that never start a name: "the ministry", "one official".
        self._not_name_words = self.lexicon.organization_nouns | self.lexicon.anonymous_nouns

    def extract(self, text: str) -> Extraction:
        return next(self.extract_many([text]))

    def extract_many(self, texts: Iterable[str]) -> Iterator[Extraction]:
        """Extract from many articles, parsing their paragraphs together in batches."""
        iterator = iter(texts)
        while chunk := list(islice(iterator, self.batch_size)):
            plans = [self._plan(text) for text in chunk]
            jobs = [
                plan.text[plan.paragraphs[i].start : plan.paragraphs[i].end]
                for plan in plans
                for i in plan.to_parse
            ]
            parsed = iter(self.nlp.pipe(jobs, disable=self.disabled, batch_size=self.batch_size))
            for plan in plans:
                docs = {i: next(parsed) for i in plan.to_parse}
                yield self._assemble(plan, docs)

    # -- planning ----------------------------------------------------------------------
    @staticmethod
    def _plan(text: str) -> _Plan:
        """Parse only the paragraphs that hold a quote, and a paragraph before one that ends
        in a colon (“X said:” introduces the quote below). Names in the other paragraphs
        are found by ``NameScanner`` without a parse."""
        spans = find_quoted_spans(text)
        if not spans:
            return _Plan(text, [], [], [])
        paras = paragraphs(text)
        quoted = {p.index for span in spans for p in paras if p.start < span.end and span.start < p.end}
        introduces = {i - 1 for i in quoted if i > 0 and _ends_with_colon(text, paras[i - 1])}
        to_parse = sorted(quoted | introduces)
        return _Plan(text, spans, paras, to_parse, _single_quoting(spans, text))

    # -- assembly ----------------------------------------------------------------------
    def _assemble(self, plan: _Plan, docs: dict[int, Doc]) -> Extraction:
        if not plan.spans:
            return Extraction()
        text = plan.text
        drafts = [self._draft(plan, span, docs) for span in plan.spans]
        registry = Registry(self.lexicon)
        names = sorted(self._named_entities(plan, docs, drafts), key=lambda m: m.start)
        next_name = 0
        previous: _Draft | None = None
        for draft in drafts:
            anchor = draft.speaker.start if draft.speaker else draft.span.start
            while next_name < len(names) and names[next_name].start < anchor:
                mention = names[next_name]
                registry.register_name(mention, _kind(mention.kind))
                next_name += 1
            if draft.type is QuoteType.OTHER:
                continue
            if draft.speaker is not None:  # linked by a rule, or a byline below the quote
                self._resolve(draft, draft.speaker, registry)
            elif previous is not None and self._continues(previous, draft):
                draft.attribution = Attribution.CONTINUATION
                draft.entity, draft.resolution = previous.entity, previous.resolution
                draft.speaker, draft.cue = previous.speaker, previous.cue
                if previous.span.paragraph == draft.span.paragraph:
                    draft.group = previous.group or f"g{id(previous)}"
                    previous.group = draft.group
            if draft.attribution is not Attribution.NONE:
                previous = draft
        for mention in names[next_name:]:
            registry.register_name(mention, _kind(mention.kind))
        return self._freeze(text, drafts)

    @staticmethod
    def _resolve(draft: _Draft, speaker: Mention, registry: Registry) -> None:
        """he/she: a named subject earlier in the paragraph if its gender fits, else the
        registry's choice. it/they: the registry's choice, else the organisation subject."""
        paragraph = draft.span.paragraph
        entity: Entity | None = None
        resolution = Resolution.UNRESOLVED
        if draft.antecedent is not None and speaker.head in ("he", "she"):
            candidate, _ = registry.resolve(draft.antecedent, paragraph)
            if candidate is not None and registry.gender_allows(candidate, speaker.head):
                entity, resolution = candidate, Resolution.PRONOUN
        if entity is None:
            entity, resolution = registry.resolve(speaker, paragraph)
        if entity is None and draft.antecedent is not None:
            entity, _ = registry.resolve(draft.antecedent, paragraph)
            if entity is not None:
                resolution = Resolution.PRONOUN
        draft.entity, draft.resolution = entity, resolution
        if entity is not None:
            entity.mentions.append(TextSpan(speaker.start, speaker.end, speaker.text))
            registry.spoke(entity, speaker.start, paragraph)

    @staticmethod
    def _continues(previous: _Draft, draft: _Draft) -> bool:
        """A floating direct quote continues the speaker of the last attributed quote when it
        stands in the same paragraph or the next one."""
        return draft.type is QuoteType.DIRECT and draft.span.paragraph - previous.paragraph_end <= 1

    def _draft(self, plan: _Plan, span: QuotedSpan, docs: dict[int, Doc]) -> _Draft:
        text, paras = plan.text, plan.paragraphs
        first = span.paragraph
        last = next((p.index for p in paras[first:] if p.start < span.end <= p.end), first)
        draft = _Draft(span, paragraph_end=last)
        classify_in: tuple[Doc, CharSpan, list[CharSpan]] | None = None
        for index in dict.fromkeys((first, last)):
            doc = docs.get(index)
            if doc is None:
                continue
            para = paras[index]
            local = CharSpan(max(span.start, para.start) - para.start, min(span.end, para.end) - para.start)
            others = [
                CharSpan(max(s.start, para.start) - para.start, min(s.end, para.end) - para.start)
                for s in plan.spans
                if s.start < para.end and s.end > para.start
            ]
            opens_paragraph = text[para.start : para.start + local.start].strip() == ""
            prev_doc = docs.get(index - 1) if opens_paragraph else None
            classify_in = classify_in or (doc, local, others)
            link = self.attributor.link(doc, local, others, prev_doc)
            if link is not None:
                self._apply_link(draft, link, doc, para, paras, others)
                classify_in = (doc, local, others)
                break
        if draft.link is None:
            self._byline_below(draft, plan)
        if classify_in is not None:
            self._classify(draft, *classify_in, plan)
        return draft

    def _byline_below(self, draft: _Draft, plan: _Plan) -> None:
        """A quote that ends its paragraph, signed in the next one: “Q.” / — Michelle Marks,
        Philadelphia. The byline paragraph is short and names someone after the dash."""
        text, paras = plan.text, plan.paragraphs
        here = paras[draft.paragraph_end]
        if text[draft.span.end : here.end].strip() or here.index + 1 >= len(paras):
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

    def _apply_link(
        self,
        draft: _Draft,
        link: Link,
        doc: Doc,
        para: Paragraph,
        paras: list[Paragraph],
        quotes: list[CharSpan],
    ) -> None:
        draft.link = link
        draft.attribution = link.method
        mention = link.mention
        # The colon rule may find its speaker and cue in the previous paragraph's Doc.
        source = mention.doc if mention is not None else doc
        offset = para.start if source is doc else paras[para.index - 1].start
        if mention is not None:
            draft.speaker = self._to_mention(mention, offset)
            quoted: Set[int] = set()
            if draft.speaker.kind == "PRONOUN" and source is doc:
                quoted = {
                    t.idx for t in source[: mention.start] if any(q.start <= t.idx < q.end for q in quotes)
                }
            if draft.speaker.kind == "PRONOUN" and draft.speaker.head in ("it", "they"):
                draft.antecedent = self._last_subject(mention, offset, self._names_a_group, quoted)
            elif draft.speaker.kind == "PRONOUN" and draft.speaker.head in ("he", "she"):
                draft.antecedent = self._last_subject(mention, offset, self._names_a_person, quoted)
        if link.cue is not None:
            draft.cue = TextSpan(
                offset + link.cue.start, offset + link.cue.end, source.text[link.cue.start : link.cue.end]
            )
        if link.cue_token is not None:
            draft.group = f"p{para.index}t{link.cue_token}"

    def _to_mention(self, span: Span, offset: int) -> Mention:
        """A speaker mention with its kind: PRONOUN, PERSON (name_start after any titles),
        ORG, PROPN (a name NER missed) or NOUN (a description: "one official")."""
        root = span.root
        head = root.lower_
        start, end = offset + span.start_char, offset + span.end_char

        def mention(kind: str, head: str = head, name_start: int | None = None) -> Mention:
            return Mention(start, end, span.text, kind, head, name_start)

        if len(span) == 1 and (head in self.lexicon.pronouns or head in ("him", "her")):
            return mention("PRONOUN")
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
        words = [t for t in span if t.is_alpha]
        capitalised_name = (
            words
            and all(t.is_title for t in words)
            and not any(t.lower_ in self._not_name_words for t in words)
            and not self.lexicon.is_title(root.text)
        )
        return mention("PROPN" if root.pos_ == "PROPN" or capitalised_name else "NOUN")

    def _last_subject(
        self, pronoun: Span, offset: int, accept: Callable[[Token], bool], quoted: Set[int]
    ) -> Mention | None:
        """The last subject before the pronoun in its paragraph that ``accept`` allows,
        outside every quote (“Wall Street will change,” she said: not Wall Street)."""
        subjects: list[Token] = []
        for token in pronoun.doc[: pronoun.start]:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.idx in quoted:
                continue
            # The minister of the economy, Mr. Guajardo Villarreal, argues ...
            named = next((c for c in token.children if c.dep_ == "appos" and accept(c)), None)
            if accept(token):
                subjects.append(token)
            elif named is not None:
                subjects.append(named)
        if not subjects:
            return None
        return self._to_mention(self.attributor.mention_span(subjects[-1]), offset)

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

    def _classify(
        self, draft: _Draft, doc: Doc, local: CharSpan, others: list[CharSpan], plan: _Plan
    ) -> None:
        span = draft.span
        content = [
            t for t in doc if local.start < t.idx and t.idx + len(t) < local.end + 1 and t.idx < local.end
        ]
        words = [t for t in content if t.is_alpha or t.like_num]
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in content)
        inner = plan.text[span.start + 1 : span.end - 1].strip()
        british = plan.single_quoting
        terminal = bool(re.search(r"[.?!…]\W*$", inner))
        linked = draft.link is not None and draft.link.linked
        complement = linked and self._is_complement(doc, local, draft.link)
        if span.single and not british:
            draft.type = QuoteType.OTHER  # a headline's or scare ‘quote’ in a double-quoting article
        elif self._title_like(words, terminal and not _title_slot(plan.text, span, inner)):
            draft.type = QuoteType.OTHER  # titles and nicknames, even as a cue's object: “War and Peace”
        elif draft.link is None:
            if self._standalone_sentence(plan.text, span, inner, terminal):
                draft.type = QuoteType.DIRECT  # “I would, Donald.” on its own, after “I would,” she said.
            elif len(words) < 4 or (not has_verb and len(words) < 8):
                draft.type = QuoteType.OTHER  # scare quotes: a so-called “reform”
            else:
                draft.type = QuoteType.DIRECT
        elif has_verb and len(words) >= 4:
            draft.type = QuoteType.DIRECT
        elif len(words) <= 2 and not complement and not terminal:
            draft.type = QuoteType.OTHER  # one quoted word inside an attributed sentence
        else:
            draft.type = QuoteType.PARTIAL

    @staticmethod
    def _standalone_sentence(text: str, span: QuotedSpan, inner: str, terminal: bool) -> bool:
        """A whole quoted sentence standing alone: it opens a sentence, starts with a capital
        and ends in its own full stop, question or exclamation mark. Scare quotes and titles
        sit inside a sentence."""
        before = text[: span.start].rstrip(" \t")
        opens_sentence = not before or before[-1] in "\n.!?" or before[-2:] in {".”", '."', "?”", "!”"}
        return terminal and opens_sentence and inner[:1].isupper()

    @staticmethod
    def _title_like(words: list, terminal: bool) -> bool:  # type: ignore[type-arg]
        if not words or terminal or len(words) > 10:
            return False
        capitals = [w for w in words if w.text[:1].isupper() or w.like_num]
        # Every word capitalised, or a small word: “War and Peace”, “The River Remembers”.
        return (
            all(w in capitals or w.lower_ in TITLE_SMALL_WORDS for w in words)
            and len(capitals) >= 1
            and (len(words) > 1 or words[0].pos_ != "PRON")
        )

    @staticmethod
    def _is_complement(doc: Doc, local: CharSpan, link: Link | None) -> bool:
        if link is None or link.cue_token is None:
            return link is not None
        cue = doc[link.cue_token]
        inside = [t for t in doc if local.start <= t.idx < local.end]
        # "described the plan as “a disgrace”": the quote hangs off the cue through "as".
        through_as = any(t.head.lower_ == "as" and t.head.head == cue for t in inside)
        return any(t.head == cue for t in inside) or through_as or (local.start <= cue.head.idx < local.end)

    def _named_entities(self, plan: _Plan, docs: dict[int, Doc], drafts: list[_Draft]) -> Iterator[Mention]:
        """NER's people and organisations in the parsed paragraphs; a scan for names in
        the others, where a quote's speaker may have been introduced in full."""
        # NER reads a title-case headline as one long name ("Gold Star Mom Corners Obama"):
        # headlines go to the scanner, parsed or not.
        scan = [
            para
            for para in plan.paragraphs
            if para.index not in docs or is_headline(plan.text[para.start : para.end], para.index)
        ]
        scanned = {para.index for para in scan}
        for index, doc in docs.items():
            if index in scanned:
                continue
            offset = plan.paragraphs[index].start
            for ent in doc.ents:
                if ent.label_ not in {"PERSON", "ORG"}:
                    continue
                start = ent.start
                if ent.label_ == "PERSON":
                    # Keep the titles NER leaves out, so "the president" can find
                    # "President Barack Obama" later.
                    while start > 0 and self.lexicon.is_title(doc[start - 1].text):
                        start -= 1
                first = doc[start]
                yield Mention(
                    offset + first.idx,
                    offset + ent.end_char,
                    doc.text[first.idx : ent.end_char],
                    ent.label_,
                    ent.root.lower_,
                    offset + ent.start_char,
                )
        if not scan:
            return  # every paragraph was parsed: no scanner (and no pass over the text) needed
        surnames = {
            d.speaker.head for d in drafts if d.speaker and d.speaker.kind in ("PERSON", "PROPN", "ORG")
        }
        scanner = NameScanner(plan.text, self.lexicon, surnames)
        for para in scan:
            yield from scanner.scan(para)

    # -- freezing ----------------------------------------------------------------------
    def _freeze(self, text: str, drafts: list[_Draft]) -> Extraction:
        quotes: list[Quote] = []
        others: list[Quote] = []
        slots: dict[object, _SpeakerSlot] = {}  # a resolved entity, or an unresolved mention text
        group_sizes = Counter(d.group for d in drafts if d.group and d.type is not QuoteType.OTHER)
        group_ids: dict[str, str] = {}
        for n, d in enumerate(drafts, start=1):
            quote_id = f"q{n}"
            if d.type is QuoteType.OTHER:
                others.append(_other_quote(quote_id, text, d))
                continue
            ref: SpeakerRef | None = None
            if d.speaker is not None:
                key: object = id(d.entity) if d.entity is not None else d.speaker.text.lower()
                slot = slots.get(key)
                if slot is None:
                    slot = slots[key] = _SpeakerSlot(f"s{len(slots) + 1}", d.entity, d.speaker.text)
                if d.entity is None:
                    slot.mentions.add(TextSpan(d.speaker.start, d.speaker.end, d.speaker.text))
                slot.quote_ids.append(quote_id)
                ref = SpeakerRef(slot.id, d.entity.name if d.entity else None)
            group = None
            if d.group and group_sizes[d.group] > 1:
                group = group_ids.setdefault(d.group, f"g{len(group_ids) + 1}")
            confidence = CONFIDENCE[d.attribution] * RESOLUTION_FACTOR[d.resolution or Resolution.NAME]
            quotes.append(
                Quote(
                    id=quote_id,
                    text=text[d.span.start : d.span.end],
                    start=d.span.start,
                    end=d.span.end,
                    type=d.type,
                    speaker=ref,
                    speaker_mention=d.mention,
                    cue=d.cue,
                    attribution=d.attribution,
                    resolution=d.resolution if ref is not None else None,
                    confidence=round(confidence, 3),
                    paragraph=d.span.paragraph,
                    group=group,
                )
            )
        speakers = tuple(slot.freeze() for slot in slots.values())
        return Extraction(tuple(quotes), speakers, tuple(others))


@dataclass
class _SpeakerSlot:
    """A speaker while quotes are numbered: a resolved entity, or a mention nobody matched."""

    id: str
    entity: Entity | None
    descriptor: str
    mentions: set[TextSpan] = field(default_factory=set)
    quote_ids: list[str] = field(default_factory=list)

    def freeze(self) -> Speaker:
        e = self.entity
        if e is None:
            mentions = tuple(sorted(self.mentions, key=lambda m: m.start))
            return Speaker(
                self.id, None, SpeakerKind.UNKNOWN, (), (self.descriptor,), mentions, tuple(self.quote_ids)
            )
        kind = e.kind if e.kind is not SpeakerKind.UNKNOWN else SpeakerKind.PERSON
        mentions = tuple(sorted(set(e.mentions), key=lambda m: m.start))
        return Speaker(
            self.id, e.name, kind, tuple(e.titles), tuple(e.descriptors), mentions, tuple(self.quote_ids)
        )


def _other_quote(quote_id: str, text: str, d: _Draft) -> Quote:
    """A non-speech quoted span: no speaker, cue or attribution."""
    return Quote(
        id=quote_id,
        text=text[d.span.start : d.span.end],
        start=d.span.start,
        end=d.span.end,
        type=QuoteType.OTHER,
        speaker=None,
        speaker_mention=None,
        cue=None,
        attribution=Attribution.NONE,
        resolution=None,
        confidence=0.5,
        paragraph=d.span.paragraph,
    )


def _single_quoting(spans: list[QuotedSpan], text: str) -> bool:
    """British style: more sentence-length quotes in single marks than in double marks."""

    def long(s: QuotedSpan) -> bool:
        return text.count(" ", s.start, s.end) >= 3

    singles = sum(1 for s in spans if s.single and long(s))
    return singles > sum(1 for s in spans if not s.single and long(s))


def _title_slot(text: str, span: QuotedSpan, inner: str) -> bool:
    """A full stop inside the marks ends the sentence, not the quote, after a word that
    names a title: on NBC's “Meet the Press.”, a film called “Go Home.”"""
    return inner.endswith(".") and bool(TITLE_SLOT.search(text, max(0, span.start - 12), span.start))


def _ends_with_colon(text: str, para: Paragraph) -> bool:
    return text[para.start : para.end].rstrip().endswith(":")


def _kind(label: str) -> SpeakerKind:
    return SpeakerKind.ORGANIZATION if label == "ORG" else SpeakerKind.PERSON
