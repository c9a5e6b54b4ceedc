"""The parse allowance: a text gets at most ``parse_allowance(len(text))`` tokens parsed;
quotes past it are still found, and linked by the lexical frames of ``core.lexical``."""

from __future__ import annotations

from unittest.mock import ANY

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings
from service.core import Extractor, parsing
from service.core.marks import find_quoted_spans
from service.core.model import Attribution, Extraction, QuoteType
from service.core.parsing import PARSE_TOKENS_PER_DOC, Clock, parse_allowance, parse_plans
from service.core.planning import plan

from .golden import articles

# Wall-to-wall short quotes, as a broken export or an attacker may send them.
DENSE = "“We go now,” said Anna Berg. “Not yet,” she said. " * 1_500


def _unparsed(extractor: Extractor, text: str) -> Extraction:
    """Extract ``text`` with nothing parsed: every quote goes through the lexical frames."""
    p = plan(text)
    p.unparsed_from = 0
    return extractor._assemble(p, {}, Clock(None))


def test_every_golden_article_is_parsed_whole(extractor: Extractor) -> None:
    for article in articles():
        assert extractor.extract(article.read_text(encoding="utf-8")).unparsed is None, article.name


def test_a_text_dense_in_quotes_is_parsed_up_to_its_allowance(nlp: Language, extractor: Extractor) -> None:
    p = plan(DENSE)
    docs = next(parse_plans(nlp, [p], extractor.disabled, [Clock(None)]))
    assert isinstance(docs, dict)
    assert p.unparsed_from is not None and 0 < p.unparsed_from < len(DENSE)
    parsed_tokens = sum(len(doc) for doc in docs.values())
    assert parsed_tokens <= parse_allowance(len(DENSE)) < len(nlp.make_doc(DENSE))
    pieces = parsing.cut(DENSE)
    starts = [sum(len(piece) for piece in pieces[:k]) for k in range(len(pieces))]
    parsed_pieces = starts.index(p.unparsed_from)
    cost = parsed_tokens + PARSE_TOKENS_PER_DOC * parsed_pieces
    next_piece = len(nlp.make_doc(pieces[parsed_pieces])) + PARSE_TOKENS_PER_DOC
    assert cost <= parse_allowance(len(DENSE)) < cost + next_piece  # used, not wasted
    # The parsed part ends where the unparsed part starts: a piece boundary.
    assert sum(len(doc.text) for doc in docs.values()) == p.unparsed_from


def test_quotes_past_the_allowance_are_found_and_linked(extractor: Extractor) -> None:
    result = extractor.extract(DENSE)
    assert result.unparsed is not None and result.unparsed.end == len(DENSE)
    assert len(result.quotes) + len(result.others) == len(find_quoted_spans(DENSE))  # none lost
    past = [q for q in result.quotes if q.start >= result.unparsed.start]
    assert past and {q.speaker.name for q in past if q.speaker} == {"Anna Berg"}
    assert all(q.attribution is Attribution.CUE for q in past)
    assert all(q.confidence < 0.9 for q in past)  # read without a parse: never auto-accepted


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We will keep the buses running,” said Mayor Lena Hoffmann.", "Lena Hoffmann", "said"),
        ("“We will keep the buses running,” Lena Hoffmann said on Monday.", "Lena Hoffmann", "said"),
        ("Lena Hoffmann said: “We will keep the buses running.”", "Lena Hoffmann", "said"),
        ("“We have a deal on the harvest,” said Rosa Farmer.", "Rosa Farmer", "said"),  # a surname here
        (
            "Mayor Lena Hoffmann opened the meeting.\n\n“We will keep the buses running,” she added.",
            "Lena Hoffmann",
            "added",
        ),
        (
            "Mayor Lena Hoffmann spoke first. She warned, “The river will rise again.”",
            "Lena Hoffmann",
            "warned",
        ),
    ],
)
def test_lexical_frames(extractor: Extractor, text: str, speaker: str, cue: str) -> None:
    quote = _unparsed(extractor, text).quotes[0]
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.attribution is Attribution.CUE


@pytest.mark.parametrize(
    "text",
    [
        "“We will keep the buses running,” state officials said.",  # "state" is no verb here
        "“We will keep the buses running,” the mayor's office wrote in a statement.",  # no name by the cue
        "“We will keep the buses running.” The buses ran all night.",  # no cue at all
    ],
)
def test_no_lexical_frame_no_speaker(extractor: Extractor, text: str) -> None:
    quote = _unparsed(extractor, text).quotes[0]
    assert quote.speaker is None and quote.attribution is Attribution.NONE


def test_a_common_noun_opening_the_sentence_is_no_name(extractor: Extractor) -> None:
    quote = _unparsed(extractor, "“The road will stay closed for weeks,” Officials said on Friday.").quotes[0]
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Officials"
    assert quote.speaker is not None and quote.speaker.name is None


def test_an_unparsed_floating_quote_does_not_continue_the_speaker(extractor: Extractor) -> None:
    text = "“We will keep the buses running,” said Lena Hoffmann. “The drivers have agreed to it all.”"
    parsed = extractor.extract(text).quotes
    assert [q.attribution for q in parsed] == [Attribution.CUE, Attribution.CONTINUATION]
    unparsed = _unparsed(extractor, text).quotes
    assert [q.attribution for q in unparsed] == [Attribution.CUE, Attribution.NONE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was a so-called “reform” of the rules.", QuoteType.OTHER),
        ("She reads “The Old Man and the Sea” every summer.", QuoteType.OTHER),
        ("“Yes.”", QuoteType.DIRECT),
        ("Lena Hoffmann called the plan “a very good start for the city” on Monday.", QuoteType.DIRECT),
        ("The plan is “fair,” said Lena Hoffmann.", QuoteType.PARTIAL),
    ],
)
def test_lexical_types(extractor: Extractor, text: str, expected: QuoteType) -> None:
    result = _unparsed(extractor, text)
    assert [q.type for q in (*result.quotes, *result.others)] == [expected]


def test_the_api_reports_the_unparsed_range(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    with TestClient(create_app(Settings(), nlp=nlp)) as client:
        first = "“The buses will run all night,” said Lena Hoffmann."
        assert client.post("/quotes", json={"text": first}).json()["unparsed"] is None
        # The same shape when there is nothing to parse at all.
        assert client.post("/quotes", json={"text": "No quote marks here."}).json() == {
            "id": None,
            "quotes": [],
            "speakers": [],
            "unparsed": None,
            "meta": ANY,
        }
        monkeypatch.setattr(parsing, "PARSE_TOKENS_BASE", 20)  # a tiny allowance
        monkeypatch.setattr(parsing, "PARSE_TOKENS_PER_CHAR", 0)
        text = (
            f"{first}\n\n“Good news for the night shift 😀,” said Anna Berg.\n\n"
            "“The drivers have agreed to it,” said Ivo Marin."
        )
        body = client.post("/quotes?cache=bypass", json={"text": text}).json()
        start = body["unparsed"]["start"]
        assert text[start:].startswith("“Good news") and body["unparsed"]["end"] == len(text)
        assert [q["speaker"]["name"] for q in body["quotes"]] == ["Lena Hoffmann", "Anna Berg", "Ivo Marin"]
        utf16 = client.post(
            "/quotes?cache=bypass", json={"text": text, "options": {"offset_unit": "utf16"}}
        ).json()
        assert utf16["unparsed"] == {"start": start, "end": len(text.encode("utf-16-le")) // 2}
        html = "<p>" + text.replace("\n\n", "</p><p>") + "</p>"
        marked = client.post("/quotes?cache=bypass", json={"html": html}).json()["unparsed"]
        # The range nests in the markup: it takes in the <p> whose text it starts with.
        assert html[marked["html_start"] :].startswith("<p>“Good news")


def test_the_allowance_scales_with_its_setting(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_PARSE_ALLOWANCE", "3")
    assert Settings().parse_allowance == 3.0
    assert parse_allowance(100_000, 3.0) == 3 * parse_allowance(100_000)
    # Twice the allowance parses the dense text about twice as far before it hands over.
    default, doubled = Extractor(nlp).extract(DENSE), Extractor(nlp, parse_allowance=2.0).extract(DENSE)
    assert default.unparsed is not None and doubled.unparsed is not None
    assert doubled.unparsed.start > 1.5 * default.unparsed.start


def test_a_different_allowance_is_a_different_cache_entry(nlp: Language) -> None:
    from service.analyzer import Analyzer, Options
    from service.cache import make_cache

    options = Options("codepoint", False)
    usual = Analyzer(nlp, make_cache(Settings()))._key("“Fine,” she said.", options)
    larger = Analyzer(nlp, make_cache(Settings()), parse_allowance=2.0)._key("“Fine,” she said.", options)
    assert usual != larger
