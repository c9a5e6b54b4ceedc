"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("quotes")`` after the parser.

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quotes")
    doc = nlp(article)
    for quote in doc._.quotes:
        print(quote.span.text, quote.speaker.name if quote.speaker else None)

The component runs the same core as the service on the paragraphs the rules need, taken
from the Doc's own parse. ``doc._.quotes`` holds ``SpanQuote``s (the quote, its speaker
mention and cue as ``Span``s of the Doc), ``doc._.speakers`` the canonical speakers with
every mention as a ``Span``. Adding it teaches the pipeline's tokenizer what the service's
has (quote marks glued to words are split; long whitespace-free runs are cut), so that
its Docs tokenize as the service's do. ``nlp.add_pipe("quotes", config={"indirect": True})``
adds reported speech ("Smith said the plan would fail") as quotes of type INDIRECT.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extract import Extractor
from .model import Attribution, Extraction, QuoteType, Resolution, SpeakerKind, TextSpan


@dataclass(frozen=True)
class SpanSpeaker:
    id: str
    name: str | None
    kind: SpeakerKind
    titles: tuple[str, ...]
    descriptors: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class SpanQuote:
    span: Span
    type: QuoteType
    speaker: SpanSpeaker | None
    mention: Span | None
    cue: Span | None
    attribution: Attribution
    resolution: Resolution | None
    confidence: float
    group: str | None


class QuotesComponent:
    def __init__(
        self, nlp: Language, name: str = "quotes", include_other: bool = False, indirect: bool = False
    ) -> None:
        self.name = name
        self.include_other = include_other
        self.indirect = indirect  # reported speech too: spans of type INDIRECT
        self.extractor = Extractor(nlp)
        for attribute in ("quotes", "speakers"):
            if not Doc.has_extension(attribute):
                Doc.set_extension(attribute, default=None)

    def __call__(self, doc: Doc) -> Doc:
        extraction = self.extractor.extract_parsed(doc, self.indirect)
        speakers, quotes = to_spans(doc, extraction, self.include_other)
        doc._.speakers = speakers
        doc._.quotes = quotes
        return doc


def to_spans(
    doc: Doc, extraction: Extraction, include_other: bool = False
) -> tuple[list[SpanSpeaker], list[SpanQuote]]:
    """The extraction's character offsets as Spans of ``doc``."""

    def span(text_span: TextSpan | None) -> Span | None:
        if text_span is None:
            return None
        return doc.char_span(text_span.start, text_span.end, alignment_mode="expand")

    speakers = {
        s.id: SpanSpeaker(
            s.id,
            s.name,
            s.kind,
            s.titles,
            s.descriptors,
            tuple(m for m in (span(t) for t in s.mentions) if m is not None),
        )
        for s in extraction.speakers
    }
    found = list(extraction.quotes) + (list(extraction.others) if include_other else [])
    quotes = []
    for q in sorted(found, key=lambda q: q.start):
        whole = span(TextSpan(q.start, q.end, q.text))
        if whole is None:
            continue
        quotes.append(
            SpanQuote(
                whole,
                q.type,
                speakers.get(q.speaker.id) if q.speaker else None,
                span(q.speaker_mention),
                span(q.cue),
                q.attribution,
                q.resolution,
                q.confidence,
                q.group,
            )
        )
    return list(speakers.values()), quotes


@Language.factory(
    "quotes",
    default_config={"include_other": False, "indirect": False},
    requires=["token.dep", "doc.ents"],
    assigns=["doc._.quotes", "doc._.speakers"],
)
def make_quotes(nlp: Language, name: str, include_other: bool, indirect: bool) -> QuotesComponent:
    return QuotesComponent(nlp, name, include_other, indirect)
