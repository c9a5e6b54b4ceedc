"""Text in, ``Extraction`` out: the pure core that the service, the CLI and the tests call.

The stages, each in its own module:
0. ``normalize``: line breaks read as "\n", invisible characters taken out (offsets are
   put back into the original text at the end).
1. ``planning``: find quoted spans by their marks (no parse needed; an article without
   quote marks returns at once) and choose the paragraphs to parse.
2. ``parsing``: those paragraphs through ``nlp.pipe`` for a whole batch of articles,
   within each article's time budget and parse allowance.
3. ``linking`` (with the rules in ``attribution``): each quote's cue and speaker mention;
   ``quote_types``: direct, partial, or other (titles and scare quotes). Past the parse
   allowance, ``lexical`` does both from the words beside the marks.
4. ``names`` and ``entities``: the article's people and organisations, in text order.
5. ``resolution``: each speaker mention to an entity; floating quotes continue the
   previous speaker.
6. ``output`` and ``confidence``: the frozen result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .confidence import NO_SPEAKER, Evidence, FittedWeights, confidence, load_weights
from .entities import Entity, EntityModel, Mention
from .lexicon import Lexicon, load_lexicon
from .linking import Draft, Linker
from .model import Attribution, Extraction, QuoteType, SpeakerKind, TextSpan
from .names import article_names
from .normalize import normalize, restore
from .output import freeze
from .parsing import Clock, parse_plans
from .planning import Plan, plan
from .reporting import Reporter
from .resolution import Resolver
from .tokenization import bound_tokenizer, keep_title_abbreviations, split_glued_quotes

NEEDED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "parser", "ner")
CHAIN_EVIDENCE = 0.0  # a he/she outside quotes may be anyone: it adds no gender evidence


class Extractor:
    """Holds the loaded pipeline and the word lists; ``extract`` is safe to call from threads."""

    def __init__(
        self,
        nlp: Language,
        lexicon: Lexicon | None = None,
        batch_size: int = 64,
        parse_allowance: float = 1.0,
    ) -> None:
        self.nlp = nlp
        self.parse_allowance = parse_allowance  # scale of each text's parse allowance (``parsing``)
        split_glued_quotes(nlp)
        keep_title_abbreviations(nlp)
        bound_tokenizer(nlp)
        self.lexicon = lexicon or load_lexicon()
        self.linker = Linker(self.lexicon)
        self.reporter = Reporter(self.lexicon, self.linker)
        self.batch_size = batch_size
        self.disabled = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS]
        self.weights: FittedWeights = load_weights()
        # Called with (quote id, features) for every named quote, and with each he/she's
        # candidates and their features: ``fitting`` collects them.
        self.observe: Callable[[str, dict[str, float]], None] | None = None
        self.observe_candidates: Callable[[Mention, list[tuple[Entity, dict[str, float]]]], None] | None = (
            None
        )

    def extract(self, text: str, budget: float | None = None, indirect: bool = False) -> Extraction:
        result = next(self.extract_each([text], budget, indirect=indirect))
        if isinstance(result, BaseException):
            raise result
        return result

    def extract_many(
        self, texts: Iterable[str], budget: float | None = None, indirect: bool = False
    ) -> Iterator[Extraction]:
        """Extract from many articles, parsing their paragraphs together in batches; the
        first failure (or ``BudgetExceeded``) is raised."""
        for result in self.extract_each(texts, budget, indirect=indirect):
            if isinstance(result, BaseException):
                raise result
            yield result

    def extract_each(
        self,
        texts: Iterable[str],
        budget: float | None = None,
        spent: Iterable[float] | None = None,
        deadline: float | Callable[[], float | None] | None = None,
        indirect: bool | Iterable[bool] = False,
    ) -> Iterator[Extraction | BaseException]:
        """Like ``extract_many``, but a text that fails, or whose own work runs past
        ``budget`` seconds, yields its exception and the others go on. ``spent``: seconds
        each text has already cost (its HTML conversion), charged to its budget;
        ``deadline``: a moment (``time.monotonic``) by which every text must be done, or a
        function that tells it at each check (a shutdown may begin mid-batch);
        ``indirect``: find reported speech too (for all texts, or one flag per text)."""
        iterator = iter(texts)
        already = iter(spent) if spent is not None else None
        wanted = None if isinstance(indirect, bool) else iter(indirect)
        while chunk := list(islice(iterator, self.batch_size)):
            clocks = [Clock(budget, next(already) if already is not None else 0.0, deadline) for _ in chunk]
            plans, normalized = [], []
            for text, clock in zip(chunk, clocks, strict=True):
                clock.start()
                normalized.append(normalize(text))
                reported = next(wanted) if wanted is not None else bool(indirect)
                plans.append(plan(normalized[-1].text, reported))
                clock.stop()
            parsed_plans = parse_plans(self.nlp, plans, self.disabled, clocks, self.parse_allowance)
            for text, p, norm, parsed, clock in zip(
                chunk, plans, normalized, parsed_plans, clocks, strict=True
            ):
                if isinstance(parsed, BaseException):
                    yield parsed
                    continue
                clock.start()
                try:
                    result: Extraction | BaseException = self._assemble(p, parsed, clock)
                    if norm.changed and isinstance(result, Extraction):
                        result = restore(result, text, norm.origin, norm.widths)
                except Exception as exc:  # noqa: BLE001 - this text's failure, not the batch's
                    result = exc
                clock.stop()
                yield result

    def extract_parsed(self, doc: Doc, indirect: bool = False) -> Extraction:
        """Extract from a Doc the pipeline has already parsed (the spaCy component): the
        paragraphs the rules need are taken from it, not parsed again."""
        normalized = normalize(doc.text, invisible=False)  # same length: the Doc's offsets hold
        p = plan(normalized.text, indirect)
        docs: dict[int, Doc] = {}
        for index in p.to_parse:
            para = p.paragraphs[index]
            span = doc.char_span(para.start, para.end, alignment_mode="expand")
            if span is not None:
                docs[index] = span.as_doc()
        extraction = self._assemble(p, docs, Clock(None))
        return restore(extraction, doc.text, None) if normalized.changed else extraction

    def _assemble(self, plan: Plan, docs: dict[int, Doc], clock: Clock) -> Extraction:
        if not plan.spans and not plan.indirect:
            return Extraction()
        drafts = []
        for span in plan.spans:
            clock.check()
            drafts.append(self.linker.draft(plan, span, docs))
        hosts: dict[int, Draft] = {}
        if plan.indirect:
            clock.check()
            reported = self.reporter.drafts(plan, docs)
            hosts = hosts_of_fragments(drafts, reported)
            drafts = _in_order(drafts, reported)
        model = EntityModel(self.lexicon, plan.text)
        resolver = Resolver(model, self.weights.antecedent)
        resolver.observe = self.observe_candidates
        paragraph_of = plan.paragraph_of

        def register(mention: Mention) -> None:
            paragraph = paragraph_of(mention.start)
            if mention.kind == "PRONOUN":  # he/she outside quotes: the chain goes on
                entity = resolver.resolve(mention, paragraph, evidence=CHAIN_EVIDENCE).entity
            else:
                family = resolver.family_name(mention, paragraph)  # "his wife, Jane,"
                entity = model.register_name(mention, _kind(mention.kind), family)[0]
            if entity is not None and mention.prominence > 0:
                model.occurred(
                    entity,
                    mention.start,
                    paragraph,
                    mention.prominence,
                    reports=mention.reports,
                    end=mention.end,
                )
            elif entity is not None:
                model.named_in_quote(entity, mention.start)

        speakers = [d.speaker for d in drafts if d.speaker is not None]
        # With reported speech every paragraph is parsed, but the names come from the same
        # paragraphs' NER as without it, the others' from the scanner the weights were fitted
        # with: NER's names everywhere cost direct quotes their names on PolNeAR train
        # (docs/accuracy.md).
        named = {i: d for i, d in docs.items() if i in plan.quoting} if plan.indirect else docs
        names = article_names(plan, named, speakers, self.lexicon, model.common_words)
        next_name = 0
        previous: Draft | None = None
        for draft in drafts:
            clock.check()
            anchor = draft.speaker.start if draft.speaker else draft.span.start
            while next_name < len(names) and names[next_name].start < anchor:
                register(names[next_name])
                next_name += 1
            if draft.type is QuoteType.OTHER:
                continue
            host = hosts.get(id(draft))
            if host is not None and host.speaker is not None:
                # claimed the system had “degraded.”: the fragment is the reported
                # statement's, and has its speaker (resolved once, for both).
                draft.speaker, draft.resolved = host.speaker, host.resolved
            elif draft.speaker is not None:  # linked by a rule, or a byline below the quote
                paragraph = paragraph_of(draft.speaker.start)
                draft.resolved = resolver.resolve(
                    draft.speaker, paragraph, draft.antecedent, quote=(draft.span.start, draft.span.end)
                )
                entity = draft.resolved.entity
                if entity is not None:
                    entity.mentions.append(
                        TextSpan(draft.speaker.start, draft.speaker.end, draft.speaker.text)
                    )
                    resolver.spoke(entity, draft.speaker, paragraph)
            elif (
                previous is not None
                and _continues(previous, draft)
                and plan.parsed(draft.span.start, draft.span.end)
            ):
                draft.attribution = Attribution.CONTINUATION
                draft.resolved = previous.resolved
                draft.speaker, draft.cue = previous.speaker, previous.cue
                if previous.span.paragraph == draft.span.paragraph:
                    draft.group = previous.group or f"g{id(previous)}"
                    previous.group = draft.group
            # A floating quote continues the last quoted speaker; reported speech between
            # them does not take that over (on PolNeAR train it cost attributions).
            if draft.attribution is not Attribution.NONE and draft.type is not QuoteType.INDIRECT:
                previous = draft
        for mention in names[next_name:]:
            register(mention)
        common = model.common_words
        observe = self.observe

        def score(quote_id: str, draft: Draft | None) -> float:
            if draft is None:
                return NO_SPEAKER
            back = draft.span.paragraph - paragraph_of(draft.speaker.start) if draft.speaker else 0
            evidence = Evidence(
                draft.attribution, draft.link is not None and draft.link.linked, draft.lexical, max(back, 0)
            )
            value, features = confidence(
                evidence, draft.resolved, self.lexicon, common, self.weights.confidence
            )
            if observe is not None and features is not None:
                observe(quote_id, features)
            return value

        return freeze(plan.text, drafts, score, plan.unparsed_from)


def hosts_of_fragments(quoted: list[Draft], reported: list[Draft]) -> dict[int, Draft]:
    """Each quoted fragment that lies in a reported statement's content and hangs on the
    same cue, with that statement (by the fragment's id)."""
    by_cue = {(d.cue.start, d.span.paragraph): d for d in reported if d.cue is not None}
    hosts: dict[int, Draft] = {}
    for fragment in quoted:
        if fragment.cue is None or fragment.type is QuoteType.OTHER:
            continue
        host = by_cue.get((fragment.cue.start, fragment.span.paragraph))
        if (
            host is not None
            and host.span.start <= fragment.span.start
            and fragment.span.end <= host.span.end + 2
        ):
            hosts[id(fragment)] = host
    return hosts


def _in_order(quoted: list[Draft], reported: list[Draft]) -> list[Draft]:
    """Direct and reported quotes merged by where their speaker is read: the resolver
    takes them in text order, a statement before the quotation that is all its content
    (said that “...”), whose speaker it lends."""

    def order(d: Draft) -> tuple[int, int, bool]:
        return d.span.start, d.speaker.start if d.speaker else d.span.start, d.type is not QuoteType.INDIRECT

    return sorted(quoted + reported, key=order)


def _continues(previous: Draft, draft: Draft) -> bool:
    """A floating direct quote continues the speaker of the last attributed quote when it
    stands in the same paragraph or the next one."""
    return draft.type is QuoteType.DIRECT and draft.span.paragraph - previous.paragraph_end <= 1


def _kind(label: str) -> SpeakerKind:
    """An article name's kind: PROPN is a name that speaks, a person's or a body's."""
    return {"ORG": SpeakerKind.ORGANIZATION, "PROPN": SpeakerKind.UNKNOWN}.get(label, SpeakerKind.PERSON)
