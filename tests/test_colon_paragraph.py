"""A speaker line ending in a colon, the quote in the next paragraph: through every entry point.

The cue and speaker then stand in the previous paragraph's Doc; typing the quote looked the
cue token up in the quote's own Doc, which raised IndexError when that one was shorter.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.cli import main
from service.config import Settings
from service.core import Extractor
from service.nlp import load_pipeline

from .conftest import MODEL

# The quote's paragraph is shorter than the speaker's: the case that raised.
ARTICLES = [
    'It snowed. Moreau said:\n\n"No."',
    'It snowed heavily overnight across the whole region. Moreau said:\n\n"No."',
    "The depot shut at noon. Grace Adeyemi, who runs it, said:\n\n“Never again.”",
    'It snowed. Moreau said:\n"No."',
]


def _expected(text: str) -> list[tuple[str, str]]:
    """The quote after the colon, by the one person the article names."""
    return [(text[text.index(":") + 1 :].strip(), "Grace Adeyemi" if "Adeyemi" in text else "Moreau")]


def _check(quotes: list[dict[str, Any]], text: str) -> None:
    assert [(q["text"], q["speaker"]["name"]) for q in quotes] == _expected(text)
    for q in quotes:
        assert text[q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize("text", ARTICLES)
def test_core(extractor: Extractor, text: str) -> None:
    _check(extractor.extract(text).to_dict()["quotes"], text)


@pytest.fixture(scope="module")
def client(nlp: Language) -> TestClient:
    return TestClient(create_app(Settings(cache_enabled=False), nlp=nlp))


@pytest.mark.parametrize("text", ARTICLES)
def test_api_text_json_and_batch(client: TestClient, text: str) -> None:
    with client:
        plain = client.post("/quotes", content=text.encode(), headers={"Content-Type": "text/plain"})
        assert plain.status_code == 200, plain.text
        _check(plain.json()["quotes"], text)
        as_json = client.post("/quotes", json={"text": text})
        _check(as_json.json()["quotes"], text)
        batch = client.post("/quotes/batch", json={"documents": [{"text": text}, {"text": text}]})
        assert batch.status_code == 200
        for result in batch.json()["results"]:
            _check(result["quotes"], text)


def test_api_html_with_line_breaks(client: TestClient) -> None:
    html = "<p>It snowed. Moreau said:<br><br>&quot;No.&quot;</p>"
    with client:
        response = client.post("/quotes", content=html.encode(), headers={"Content-Type": "text/html"})
    assert response.status_code == 200, response.text
    body = response.json()
    (quote,) = body["quotes"]
    assert quote["text"] == '"No."' and quote["speaker"]["name"] == "Moreau"
    assert html[quote["html_start"] : quote["html_end"]] == "&quot;No.&quot;"


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(ARTICLES)))
    assert main(["extract", "--jsonl", str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for line, text in zip(lines, ARTICLES, strict=True):
        _check(line["quotes"], text)


def test_spacy_component() -> None:
    nlp = load_pipeline(MODEL)
    nlp.add_pipe("quotes")
    for text in ARTICLES:
        doc = nlp(text)
        found = [(q.span.text, q.speaker.name if q.speaker else None) for q in doc._.quotes]
        assert found == _expected(text)
