"""The HTTP contract. Input limits live here, so oversized input is refused before spaCy."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..core.model import Attribution, QuoteType, Resolution, SpeakerKind

SEED_EXAMPLE = (
    "“We pay special attention to this meeting,” Russian Defense Minister Sergei Shoigu said.\n\n"
    "He added that “cooperation in the military field is an important part of relations.”"
)


# Requests are validated strictly: 0 is no boolean and 1 no string, as the schema says.
class QuoteOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    offset_unit: Literal["codepoint", "utf16"] = Field(
        "codepoint", description="codepoint: Python str indices; utf16: JavaScript string indices."
    )
    include_other: bool = Field(
        False,
        description="Also return quoted spans that are not speech (titles, scare quotes) as type 'other'.",
    )
    indirect: bool = Field(
        False,
        description=(
            "Also find reported speech (Smith said the plan would fail) as quotes of type 'indirect' "
            "spanning the reported content. Every paragraph is then parsed: about three times the work."
        ),
    )


class QuotesRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"id": "article-42", "text": SEED_EXAMPLE}]},
    )

    text: str | None = Field(
        None, description="The article text: plain text, paragraphs separated by newlines."
    )
    html: str | None = Field(
        None,
        description="Or the article as HTML: the response then gives the plain text it read as `text`, "
        "and html_start/html_end into this markup for every quote, mention and cue.",
    )
    id: str | None = Field(None, max_length=256, description="Optional client id, echoed back.")
    options: QuoteOptions = Field(default_factory=QuoteOptions)

    @model_validator(mode="after")
    def _one_input(self) -> QuotesRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("send exactly one of text and html")
        return self


class BatchDocument(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str | None = Field(None, description="The article text, as in POST /quotes.")
    html: str | None = Field(None, description="Or the article as HTML, as in POST /quotes.")
    id: str | None = Field(None, max_length=256)

    @model_validator(mode="after")
    def _one_input(self) -> BatchDocument:
        if (self.text is None) == (self.html is None):
            raise ValueError("send exactly one of text and html")
        return self


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    documents: list[BatchDocument] = Field(min_length=1)
    options: QuoteOptions = Field(default_factory=QuoteOptions)


class SpanOut(BaseModel):
    start: int
    end: int
    text: str
    html_start: int | None = Field(None, description="With HTML input: where the span starts in the markup.")
    html_end: int | None = Field(None, description="With HTML input: where the span ends in the markup.")


class RangeOut(BaseModel):
    start: int
    end: int
    html_start: int | None = Field(None, description="With HTML input: where the range starts in the markup.")
    html_end: int | None = Field(None, description="With HTML input: where the range ends in the markup.")


class SpeakerRefOut(BaseModel):
    id: str
    name: str | None


class QuoteOut(BaseModel):
    id: str
    text: str
    start: int
    end: int
    type: QuoteType
    speaker: SpeakerRefOut | None
    speaker_mention: SpanOut | None
    cue: SpanOut | None
    attribution: Attribution = Field(description="How the quote was linked to its speaker mention.")
    resolution: Resolution | None = Field(description="How the mention became a canonical speaker.")
    confidence: float = Field(ge=0, le=1)
    paragraph: int = Field(description="Index of the paragraph the quote opens in (non-empty lines).")
    group: str | None = Field(description="Shared by the parts of a split quote.")
    html_start: int | None = Field(None, description="With HTML input: where the quote starts in the markup.")
    html_end: int | None = Field(None, description="With HTML input: where the quote ends in the markup.")


class SpeakerOut(BaseModel):
    id: str
    name: str | None = Field(description="Canonical name; null when the article names nobody (a source).")
    kind: SpeakerKind
    titles: list[str]
    descriptors: list[str]
    mentions: list[SpanOut]
    quote_ids: list[str]
    links: list[str] | None = Field(
        None,
        description="With HTML input: the hrefs of the links around this speaker's name "
        '(<a href="/people/hoffmann">Lena Hoffmann</a>), to join speakers to your own pages.',
    )


class Meta(BaseModel):
    model: str = Field(description="spaCy pipeline name and version.")
    rules_version: str
    cached: bool
    processing_ms: float
    offset_unit: Literal["codepoint", "utf16"]


class QuotesResponse(BaseModel):
    id: str | None = None
    text: str | None = Field(None, description="With HTML input: the plain text the offsets count in.")
    quotes: list[QuoteOut]
    speakers: list[SpeakerOut]
    unparsed: RangeOut | None = Field(
        None,
        description="The end of a text past its parse allowance (only texts far denser in quote marks "
        "than news get there): quotes in it are found by their marks and linked by simple patterns "
        "(“Q,” said X.) only. Null when the whole text was parsed.",
    )
    meta: Meta


class DocumentProblem(BaseModel):
    """Why one document of a batch has no result: the problem its own request would get."""

    type: str
    title: str
    status: int = Field(description="422 invalid text, 413 too long, 503 over its time budget, 500 a bug.")
    detail: str


class BatchError(BaseModel):
    id: str | None = None
    error: DocumentProblem


class BatchResponse(BaseModel):
    results: list[QuotesResponse | BatchError] = Field(
        description="One slot per document, in order: its answer, or {id, error} when it failed."
    )


class Problem(BaseModel):
    """RFC 9457 problem details: every error has this shape."""

    type: str
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[dict[str, object]] | None = None


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    model: str
    rules_version: str
    cache_backend: str
    cache_reachable: bool
    cache_breaker_open: bool = Field(
        description="Redis failed several times in a row and is skipped for a cool-down (served uncached)."
    )
