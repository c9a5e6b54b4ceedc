"""POST /quotes/batch answers per document: a document that fails gets its own problem
object in its slot, the others their results; HTML documents as in POST /quotes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.api.schemas import BatchResponse
from service.config import Settings

from .helpers import assert_problem

GOOD = "“We will keep the buses running,” Mayor Lena Hoffmann said."
OTHER = "“The depot stays open,” said Grace Adeyemi, who runs it."


@pytest.fixture
def client(nlp: Language) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), nlp=nlp), raise_server_exceptions=False) as c:
        yield c


def _names(result: dict[str, Any]) -> list[str]:
    return [q["speaker"]["name"] for q in result["quotes"]]


def test_one_failing_document_gets_a_problem_object_and_the_others_their_results(
    client: TestClient, broken_on_boom: None
) -> None:
    documents = [
        {"id": "a", "text": GOOD},
        {"id": "b", "text": "“BOOM goes the depot,” she said."},
        {"id": "c", "text": OTHER},
    ]
    response = client.post("/quotes/batch", json={"documents": documents})
    assert response.status_code == 200
    results = response.json()["results"]
    BatchResponse.model_validate(response.json())  # the documented shape
    assert [r["id"] for r in results] == ["a", "b", "c"]
    assert _names(results[0]) == ["Lena Hoffmann"] and _names(results[2]) == ["Grace Adeyemi"]
    error = results[1]["error"]
    assert error["status"] == 500 and error["title"] == "Internal Server Error"
    assert set(error) == {"type", "title", "status", "detail"} and "secret" not in error["detail"]
    assert "quotes" not in results[1]


def test_a_lone_surrogate_is_a_422_for_that_document_only(client: TestClient) -> None:
    bad = '{"id": "bad", "text": "\\u201cNo,\\u201d he said. \\ud800"}'
    body = f'{{"documents": [{bad}, {{"text": "{GOOD}"}}]}}'
    response = client.post(
        "/quotes/batch", content=body.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    bad, good = response.json()["results"]
    assert bad["id"] == "bad" and bad["error"]["status"] == 422 and "surrogate" in bad["error"]["detail"]
    assert _names(good) == ["Lena Hoffmann"]


def test_a_lone_surrogate_in_a_single_request_is_a_422(client: TestClient) -> None:
    body = b'{"text": "\\u201cNo,\\u201d he said. \\udc00"}'
    assert_problem(client.post("/quotes", content=body, headers={"Content-Type": "application/json"}), 422)


def test_a_document_over_its_budget_gets_a_503_in_its_slot(nlp: Language) -> None:
    with TestClient(create_app(Settings(max_seconds=1e-9), nlp=nlp)) as c:
        response = c.post("/quotes/batch", json={"documents": [{"text": GOOD}, {"text": "No quotes here."}]})
    assert response.status_code == 200
    over, plain = response.json()["results"]
    assert over["error"]["status"] == 503 and "budget" in over["error"]["detail"]
    assert plain["quotes"] == []


def test_an_oversized_document_gets_a_413_in_its_slot(nlp: Language) -> None:
    with TestClient(create_app(Settings(max_text_chars=80), nlp=nlp)) as c:
        long_text = GOOD + " " + GOOD
        response = c.post("/quotes/batch", json={"documents": [{"text": long_text}, {"text": GOOD}]})
    assert response.status_code == 200
    too_long, good = response.json()["results"]
    assert too_long["error"]["status"] == 413 and _names(good) == ["Lena Hoffmann"]


def test_html_documents_in_a_batch(client: TestClient) -> None:
    html = "<p>&ldquo;We won,&rdquo; said <a href='/people/berg'>Anna Berg</a>.</p>"
    response = client.post(
        "/quotes/batch", json={"documents": [{"id": "h", "html": html}, {"id": "t", "text": GOOD}]}
    )
    assert response.status_code == 200
    from_html, from_text = response.json()["results"]
    assert from_html["text"] == "“We won,” said Anna Berg." and _names(from_html) == ["Anna Berg"]
    quote = from_html["quotes"][0]
    assert html[quote["html_start"] : quote["html_end"]] == "&ldquo;We won,&rdquo;"
    assert "text" not in from_text and _names(from_text) == ["Lena Hoffmann"]


@pytest.mark.parametrize(
    "body, status",
    [
        (b"{not json", 400),
        (b'{"documents": []}', 422),
        (b'{"documents": [{"text": "a", "html": "<p>a</p>"}]}', 422),
        (b'{"documents": [{"id": "x"}]}', 422),
    ],
)
def test_a_malformed_body_is_still_an_error_for_the_whole_call(
    client: TestClient, body: bytes, status: int
) -> None:
    assert_problem(
        client.post("/quotes/batch", content=body, headers={"Content-Type": "application/json"}), status
    )


def test_utf16_offsets_reach_every_span_including_speaker_mentions(client: TestClient) -> None:
    text = "🎉🎉 “We will keep the buses running,” Mayor Lena Hoffmann said. 🎉 Hoffmann left."
    units = text.encode("utf-16-le")

    def sliced(span: dict[str, Any]) -> str:
        return units[span["start"] * 2 : span["end"] * 2].decode("utf-16-le")

    single = client.post("/quotes", json={"text": text, "options": {"offset_unit": "utf16"}}).json()
    batch = client.post(
        "/quotes/batch", json={"documents": [{"text": text}], "options": {"offset_unit": "utf16"}}
    ).json()["results"][0]
    for body in (single, batch):
        (speaker,) = body["speakers"]
        assert speaker["mentions"] and all(sliced(m) == m["text"] for m in speaker["mentions"])
        for quote in body["quotes"]:
            assert sliced(quote) == quote["text"]
            assert sliced(quote["speaker_mention"]) == quote["speaker_mention"]["text"]
            assert sliced(quote["cue"]) == quote["cue"]["text"]


def test_an_escaped_batch_within_the_character_limit_is_accepted(client: TestClient) -> None:
    """32 documents of 55,000 Cyrillic characters (1.76 million, under the 2 million limit),
    sent with every character escaped as \\uXXXX: 10.6 MB of JSON, not "too large"."""
    text = "Дума" * 13_750
    documents = [{"id": str(n), "text": text} for n in range(32)]
    body = json.dumps({"documents": documents}, ensure_ascii=True).encode()
    assert len(body) > 10_000_000
    response = client.post("/quotes/batch", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text[:300]
    assert len(response.json()["results"]) == 32


def test_too_many_documents_are_refused_before_they_are_validated(client: TestClient) -> None:
    body = b'{"documents": [' + b",".join([b'{"text": ""}'] * 660_000) + b"]}"
    response = client.post("/quotes/batch", content=body, headers={"Content-Type": "application/json"})
    assert_problem(response, 413)
    assert "At most 64 documents" in response.json()["detail"]
