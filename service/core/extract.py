"""Text in, ``Extraction`` out: the pure core that the service, the CLI and the tests call.

Steps: find quoted spans by their marks (no parse needed; an article without quote
marks returns at once), parse the paragraphs that attribution needs with one
``nlp.pipe`` call for a whole batch of articles, link each quote to a cue and speaker
mention, classify it (direct, partial, or other: titles and scare quotes), carry
speakers over to floating quotes, and resolve every mention to a canonical speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Span

from .attribution import Attributor, CharSpan, Link
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
from .resolution import Entity, Mention, Registry

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
NEEDED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "parser", "ner")


@dataclass
class _Draft:
    """A quote while it is being built; frozen into ``Quote`` at the end."""

    span: QuotedSpan
    link: Link | None = None
    mention_doc_offset: int = 0
    paragraph_end: int = 0
    type: QuoteType = QuoteType.DIRECT
    attribution: Attribution = Attribution.NONE
    entity: Entity | None = None
    resolution: Resolution | None = None
    mention: TextSpan | None = None
    cue: TextSpan | None = None
    group: str | None = None
    mention_kind: str = ""
    antecedent: Mention | None = None  # for "it"/"they": the subject noun phrase before it
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Plan:
    text: str
    spans: list[QuotedSpan]
    paragraphs: list[Paragraph]
    to_parse: list[int]  # paragraph indices


class Extractor:
    """Holds the loaded pipeline and the word lists; ``extract`` is safe to call from threads."""

    def __init__(self, nlp: Language, lexicon: Lexicon | None = None, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.lexicon = lexicon or load_lexicon()
        self.attributor = Attributor(self.lexicon)
        self.batch_size = batch_size
        self.disabled = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS]

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
        spans = find_quoted_spans(text)
        if not spans:
            return _Plan(text, [], [], [])
        paras = paragraphs(text)
        return _Plan(text, spans, paras, [p.index for p in paras])

    # -- assembly ----------------------------------------------------------------------
    def _assemble(self, plan: _Plan, docs: dict[int, Doc]) -> Extraction:
        if not plan.spans:
            return Extraction()
        text, paras = plan.text, plan.paragraphs
        drafts = [self._draft(plan, span, docs) for span in plan.spans]
        registry = Registry(self.lexicon)
        names = sorted(self._named_entities(paras, docs), key=lambda m: m.start)
        next_name = 0
        previous: _Draft | None = None
        for draft in drafts:
            anchor = draft.mention.start if draft.mention else draft.span.start
            while next_name < len(names) and names[next_name].start < anchor:
                mention = names[next_name]
                registry.register_name(mention, _kind(mention.kind))
                next_name += 1
            if draft.type is QuoteType.OTHER:
                continue
            if draft.link is not None and draft.mention is not None:
                mention = Mention(
                    draft.mention.start,
                    draft.mention.end,
                    draft.mention.text,
                    draft.mention_kind,
                    draft.extra.get("head", ""),
                    int(draft.extra["name_start"]) if "name_start" in draft.extra else None,
                )
                draft.entity, draft.resolution = None, Resolution.UNRESOLVED
                if draft.antecedent is not None and draft.extra.get("head") in ("he", "she"):
                    entity, _ = registry.resolve(draft.antecedent, draft.span.paragraph)
                    if entity is not None and registry.gender_allows(entity, draft.extra["head"]):
                        draft.entity, draft.resolution = entity, Resolution.PRONOUN
                if draft.entity is None:
                    draft.entity, draft.resolution = registry.resolve(mention, draft.span.paragraph)
                if draft.entity is None and draft.antecedent is not None:
                    draft.entity, _ = registry.resolve(draft.antecedent, draft.span.paragraph)
                    draft.resolution = Resolution.PRONOUN if draft.entity is not None else draft.resolution
                if draft.resolution is Resolution.NAME and draft.entity is None:
                    draft.resolution = Resolution.UNRESOLVED
                if draft.entity is not None:
                    draft.entity.mentions.append(draft.mention)
                    registry.spoke(draft.entity, draft.mention.start, draft.span.paragraph)
            elif previous is not None and self._continues(previous, draft, text):
                draft.attribution = Attribution.CONTINUATION
                draft.entity, draft.resolution = previous.entity, previous.resolution
                draft.mention, draft.cue = previous.mention, previous.cue
                if previous.span.paragraph == draft.span.paragraph:
                    draft.group = previous.group or f"g{id(previous)}"
                    previous.group = draft.group
            if draft.attribution is not Attribution.NONE:
                previous = draft
        for mention in names[next_name:]:
            registry.register_name(mention, _kind(mention.kind))
        return self._freeze(text, drafts, registry)

    def _continues(self, previous: _Draft, draft: _Draft, text: str) -> bool:
        """A floating quote continues the previous speaker in the same or next paragraph,
        unless another person is named as the subject in between."""
        if draft.type is not QuoteType.DIRECT:
            return False
        return draft.span.paragraph - _last_paragraph(previous) <= 1

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
                self._apply_link(draft, link, doc, para, paras)
                classify_in = (doc, local, others)
                break
        if classify_in is not None:
            self._classify(draft, *classify_in, plan)
        return draft

    def _apply_link(
        self, draft: _Draft, link: Link, doc: Doc, para: Paragraph, paras: list[Paragraph]
    ) -> None:
        draft.link = link
        draft.attribution = link.method
        mention = link.mention
        if mention is not None:
            offset = para.start
            if mention.doc is not doc:  # found in the previous paragraph (colon rule)
                offset = paras[para.index - 1].start
            draft.mention = TextSpan(offset + mention.start_char, offset + mention.end_char, mention.text)
            draft.mention_kind, head, name_start = self._mention_kind(mention)
            draft.extra["head"] = head
            if name_start is not None:
                draft.extra["name_start"] = str(offset + name_start)
            if draft.mention_kind == "PRONOUN" and head in ("it", "they"):
                draft.antecedent = self._group_antecedent(mention, offset)
            elif draft.mention_kind == "PRONOUN" and head in ("he", "she"):
                draft.antecedent = self._person_antecedent(mention, offset)
        if link.cue is not None:
            offset = para.start if mention is None or mention.doc is doc else paras[para.index - 1].start
            draft.cue = TextSpan(
                offset + link.cue.start,
                offset + link.cue.end,
                (mention.doc if mention is not None else doc).text[link.cue.start : link.cue.end],
            )
        if link.cue_token is not None:
            draft.group = f"p{para.index}t{link.cue_token}"

    def _mention_kind(self, mention: Span) -> tuple[str, str, int | None]:
        root = mention.root
        head = root.lower_
        if len(mention) == 1 and head in self.lexicon.pronouns | {"him": ("", ""), "her": ("", "")}:
            return "PRONOUN", head, None
        for ent in mention.ents:
            if ent.label_ == "PERSON":
                return "PERSON", ent[-1].lower_, ent.start_char
        for ent in mention.ents:
            if ent.label_ == "ORG":
                return "ORG", head, None
        words = [t for t in mention if t.is_alpha]
        lexicon = self.lexicon
        capitalised_name = (
            words
            and all(t.is_title for t in words)
            and not any(t.lower_ in lexicon.organization_nouns | lexicon.anonymous_nouns for t in words)
            and not lexicon.is_title(root.text)
        )
        if root.pos_ == "PROPN" or capitalised_name:
            return "PROPN", head, None
        return "NOUN", head, None

    def _group_antecedent(self, pronoun: Span, offset: int) -> Mention | None:
        """The union said it would talk. “Q,” it said: the last non-pronoun subject before "it"."""
        subjects = [
            t
            for t in pronoun.doc[: pronoun.start]
            if t.dep_ in ("nsubj", "nsubjpass")
            and (t.ent_type_ == "ORG" or t.lower_ in self.lexicon.organization_nouns)
        ]
        if not subjects:
            return None
        span = self.attributor.mention_span(subjects[-1])
        kind, head, name_start = self._mention_kind(span)
        return Mention(offset + span.start_char, offset + span.end_char, span.text, kind, head, name_start)

    def _person_antecedent(self, pronoun: Span, offset: int) -> Mention | None:
        """Reyes warned that ... “Q,” he said: a named subject earlier in the same paragraph."""
        subjects = [
            t
            for t in pronoun.doc[: pronoun.start]
            if t.dep_ in ("nsubj", "nsubjpass")
            and (t.pos_ == "PROPN" or t.is_title)  # the small model tags some surnames NOUN
            and t.pos_ != "PRON"
            and t.ent_type_ not in ("GPE", "NORP", "DATE")
            and t.lower_ not in self.lexicon.organization_nouns | self.lexicon.anonymous_nouns
        ]
        if not subjects:
            return None
        span = self.attributor.mention_span(subjects[-1])
        kind, head, name_start = self._mention_kind(span)
        return Mention(offset + span.start_char, offset + span.end_char, span.text, kind, head, name_start)

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
        terminal = bool(re.search(r"[.?!…]\W*$", inner))
        british = _single_quoting(plan.spans, plan.text)
        linked = draft.link is not None and draft.link.linked
        complement = linked and self._is_complement(doc, local, draft.link)
        if span.single and not british:
            draft.type = QuoteType.OTHER  # a headline's or scare ‘quote’ in a double-quoting article
        elif self._title_like(words, terminal) and not complement:
            draft.type = QuoteType.OTHER  # titles and nicknames: “War and Peace”
        elif draft.link is None:
            if len(words) < 4 or (not has_verb and len(words) < 8):
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
    def _title_like(words: list, terminal: bool) -> bool:  # type: ignore[type-arg]
        if not words or terminal or len(words) > 10:
            return False
        capitals = [w for w in words if w.text[:1].isupper() or w.like_num]
        small = [w for w in words if w.lower_ in TITLE_SMALL_WORDS]
        return (
            len(capitals) + len(small) == len(words)
            and len(capitals) >= 1
            and (len(words) > 1 or words[0].pos_ != "PRON")
        )

    @staticmethod
    def _is_complement(doc: Doc, local: CharSpan, link: Link | None) -> bool:
        if link is None or link.cue_token is None:
            return link is not None
        cue = doc[link.cue_token]
        inside = [t for t in doc if local.start <= t.idx < local.end]
        return any(t.head is cue for t in inside) or (local.start <= cue.head.idx < local.end)

    def _named_entities(self, paras: list[Paragraph], docs: dict[int, Doc]) -> Iterator[Mention]:
        for index, doc in docs.items():
            offset = paras[index].start
            for ent in doc.ents:
                if ent.label_ in {"PERSON", "ORG"}:
                    yield Mention(
                        offset + ent.start_char, offset + ent.end_char, ent.text, ent.label_, ent.root.lower_
                    )

    # -- freezing ----------------------------------------------------------------------
    def _freeze(self, text: str, drafts: list[_Draft], registry: Registry) -> Extraction:
        quotes: list[Quote] = []
        others: list[Quote] = []
        entity_ids: dict[int, str] = {}
        unresolved: dict[str, Speaker] = {}
        speakers: list[Speaker] = []
        speaker_quotes: dict[str, list[str]] = {}
        groups: dict[str, str] = {}
        group_sizes: dict[str, int] = {}
        for d in drafts:
            if d.group:
                group_sizes[d.group] = group_sizes.get(d.group, 0) + 1
        for n, d in enumerate(drafts, start=1):
            quote_id = f"q{n}"
            ref: SpeakerRef | None = None
            if d.type is not QuoteType.OTHER and d.mention is not None:
                if d.entity is not None:
                    key = id(d.entity)
                    if key not in entity_ids:
                        entity_ids[key] = f"s{len(entity_ids) + len(unresolved) + 1}"
                    ref = SpeakerRef(entity_ids[key], d.entity.name)
                else:
                    label = d.mention.text.lower()
                    if label not in unresolved:
                        sid = f"s{len(entity_ids) + len(unresolved) + 1}"
                        unresolved[label] = Speaker(
                            sid, None, SpeakerKind.UNKNOWN, (), (d.mention.text,), (), ()
                        )
                    ref = SpeakerRef(unresolved[label].id, None)
                speaker_quotes.setdefault(ref.id, []).append(quote_id)
            group = None
            if d.group and group_sizes.get(d.group, 0) > 1 and d.type is not QuoteType.OTHER:
                group = groups.setdefault(d.group, f"g{len(groups) + 1}")
            confidence = CONFIDENCE[d.attribution] * RESOLUTION_FACTOR.get(
                d.resolution or Resolution.NAME, 1.0
            )
            quote = Quote(
                id=quote_id,
                text=text[d.span.start : d.span.end],
                start=d.span.start,
                end=d.span.end,
                type=d.type,
                speaker=ref,
                speaker_mention=d.mention if d.type is not QuoteType.OTHER else None,
                cue=d.cue if d.type is not QuoteType.OTHER else None,
                attribution=d.attribution if d.type is not QuoteType.OTHER else Attribution.NONE,
                resolution=d.resolution if ref is not None else None,
                confidence=round(confidence if d.type is not QuoteType.OTHER else 0.5, 3),
                paragraph=d.span.paragraph,
                group=group,
            )
            (others if d.type is QuoteType.OTHER else quotes).append(quote)
        by_id = {v: k for k, v in entity_ids.items()}
        entities = {id(e): e for e in registry.entities}
        for sid in sorted(
            set(entity_ids.values()) | {s.id for s in unresolved.values()}, key=lambda s: int(s[1:])
        ):
            if sid in by_id:
                e = entities[by_id[sid]]
                speakers.append(
                    Speaker(
                        sid,
                        e.name,
                        e.kind if e.kind is not SpeakerKind.UNKNOWN else SpeakerKind.PERSON,
                        tuple(e.titles),
                        tuple(e.descriptors),
                        tuple(sorted(set(e.mentions), key=lambda m: m.start)),
                        tuple(speaker_quotes.get(sid, ())),
                    )
                )
            else:
                s = next(u for u in unresolved.values() if u.id == sid)
                mentions = tuple(
                    sorted(
                        {
                            d.mention
                            for d in drafts
                            if d.mention
                            and d.entity is None
                            and d.mention.text.lower() == s.descriptors[0].lower()
                        },
                        key=lambda m: m.start,
                    )
                )
                speakers.append(
                    Speaker(
                        s.id, None, s.kind, (), s.descriptors, mentions, tuple(speaker_quotes.get(sid, ()))
                    )
                )
        return Extraction(tuple(quotes), tuple(speakers), tuple(others))


def _single_quoting(spans: list[QuotedSpan], text: str) -> bool:
    """British style: more sentence-length quotes in single marks than in double marks."""

    def long(s: QuotedSpan) -> bool:
        return text.count(" ", s.start, s.end) >= 3

    singles = sum(1 for s in spans if s.single and long(s))
    return singles > sum(1 for s in spans if not s.single and long(s))


def _kind(label: str) -> SpeakerKind:
    return SpeakerKind.ORGANIZATION if label == "ORG" else SpeakerKind.PERSON


def _last_paragraph(draft: _Draft) -> int:
    return draft.paragraph_end
