"""``nlp.add_pipe("quotes")``: the core as a spaCy component, registered by entry point,
giving the same quotes and speakers as ``POST /quotes`` on every golden article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from spacy.tokens import Span

from service.api.app import create_app
from service.config import Settings
from service.nlp import load_pipeline

from .conftest import MODEL
from .golden import articles


@pytest.fixture(scope="module")
def component_nlp() -> Language:
    nlp = load_pipeline(MODEL)
    nlp.add_pipe("quotes")  # found through the spacy_factories entry point
    return nlp


@pytest.fixture(scope="module")
def api(nlp: Language) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as client:
        yield client


def _from_component(doc: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    quotes = [
        (
            q.span.start_char,
            q.span.end_char,
            q.type.value,
            q.speaker.name if q.speaker else None,
            q.mention.text if q.mention is not None else None,
            q.cue.text if q.cue is not None else None,
            q.confidence,
        )
        for q in doc._.quotes
    ]
    speakers = [(s.name, s.kind.value, len(s.mentions)) for s in doc._.speakers]
    return quotes, speakers


def _from_api(body: dict[str, Any]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    quotes = [
        (
            q["start"],
            q["end"],
            q["type"],
            q["speaker"]["name"] if q["speaker"] else None,
            q["speaker_mention"]["text"] if q["speaker_mention"] else None,
            q["cue"]["text"] if q["cue"] else None,
            q["confidence"],
        )
        for q in body["quotes"]
    ]
    speakers = [(s["name"], s["kind"], len(s["mentions"])) for s in body["speakers"]]
    return quotes, speakers


@pytest.mark.parametrize("article", articles(), ids=lambda p: p.stem)
def test_component_matches_the_service(component_nlp: Language, api: TestClient, article: Path) -> None:
    """The same quotes and speakers; confidence within 0.01: the small model reads a
    paragraph a little differently inside the whole Doc than alone (its context window
    crosses paragraph ends), which can move a confidence in the third place."""
    text = article.read_text(encoding="utf-8")
    doc = component_nlp(text)
    (ours, our_speakers) = _from_component(doc)
    (theirs, their_speakers) = _from_api(api.post("/quotes", json={"text": text}).json())
    assert [q[:-1] for q in ours] == [q[:-1] for q in theirs] and our_speakers == their_speakers
    assert all(abs(a[-1] - b[-1]) <= 0.01 for a, b in zip(ours, theirs, strict=True))


def test_quotes_mentions_and_cues_are_spans_of_the_doc(component_nlp: Language) -> None:
    doc = component_nlp("“We made hard choices,” Mayor Lena Hoffmann told reporters.")
    (quote,) = doc._.quotes
    assert isinstance(quote.span, Span) and quote.span.doc is doc
    assert quote.span.text == "“We made hard choices,”"
    assert quote.mention is not None and quote.mention.text == "Mayor Lena Hoffmann"
    assert quote.cue is not None and quote.cue.text == "told"
    (speaker,) = doc._.speakers
    assert speaker.name == "Lena Hoffmann" and [m.text for m in speaker.mentions] == ["Mayor Lena Hoffmann"]


def test_a_doc_without_quotes_gets_empty_lists(component_nlp: Language) -> None:
    doc = component_nlp("The council met on Tuesday.")
    assert doc._.quotes == [] and doc._.speakers == []
