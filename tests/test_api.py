"""The HTTP contract through the app's own lifespan (TestClient as a context manager)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.api.schemas import BatchResponse, QuotesResponse
from service.config import Settings

from .helpers import assert_problem

OPENAPI_SNAPSHOT = Path(__file__).with_name("openapi.json")


def client_for(nlp: Language, **overrides: Any) -> TestClient:
    return TestClient(create_app(Settings(**overrides), nlp=nlp), raise_server_exceptions=False)


@pytest.fixture
def client(nlp: Language) -> Iterator[TestClient]:
    with client_for(nlp) as c:
        yield c


def test_seed_article_returns_eight_quotes_then_a_cache_hit(client: TestClient, seed_text: str) -> None:
    first = client.post("/quotes", json={"text": seed_text, "id": "seed"})
    assert first.status_code == 200 and first.headers["x-cache"] == "MISS"
    body = first.json()
    assert body["id"] == "seed" and len(body["quotes"]) == 8
    assert {q["speaker"]["name"] for q in body["quotes"]} == {"Min Aung Hlaing", "Sergei Shoigu"}
    assert body["meta"]["cached"] is False and body["meta"]["model"].startswith("en_core_web_sm")
    second = client.post("/quotes", json={"text": seed_text})
    assert second.headers["x-cache"] == "HIT" and second.json()["meta"]["cached"] is True
    assert second.json()["quotes"] == body["quotes"]


@pytest.mark.parametrize("cache_state", ["MISS", "HIT"])
def test_responses_match_the_documented_models(client: TestClient, seed_text: str, cache_state: str) -> None:
    """Responses are assembled from the cached JSON, not through the models: check both agree."""
    article = {"text": seed_text, "id": 'seed "quoted" ü', "options": {"include_other": True}}
    if cache_state == "HIT":
        client.post("/quotes", json=article)
    single = client.post("/quotes", json=article)
    assert single.headers["x-cache"] == cache_state
    assert single.headers["content-type"] == "application/json"
    assert QuotesResponse.model_validate(single.json()).id == 'seed "quoted" ü'
    documents = [{"text": seed_text, "id": article["id"]}, {"text": "No quotes."}]
    batch = client.post("/quotes/batch", json={"documents": documents, "options": article["options"]})
    assert [r.id for r in BatchResponse.model_validate(batch.json()).results] == ['seed "quoted" ü', None]


def test_cache_control_no_cache_bypasses_the_read(client: TestClient, seed_text: str) -> None:
    client.post("/quotes", json={"text": seed_text})
    response = client.post("/quotes", json={"text": seed_text}, headers={"Cache-Control": "no-cache"})
    assert response.headers["x-cache"] == "BYPASS" and response.json()["meta"]["cached"] is False


def test_plain_text_body(client: TestClient) -> None:
    response = client.post(
        "/quotes", content="“We will win,” Anna Berg said.".encode(), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 200
    assert response.json()["quotes"][0]["speaker"]["name"] == "Anna Berg"


def test_empty_text_is_a_valid_request(client: TestClient) -> None:
    for text in ("", "   \n  "):
        response = client.post("/quotes", json={"text": text})
        assert response.status_code == 200 and response.json()["quotes"] == []


def test_utf16_offsets_count_astral_characters_twice(client: TestClient) -> None:
    text = "🙂🙂 “We will win the vote,” Anna Berg said."
    codepoint = client.post("/quotes", json={"text": text}).json()["quotes"][0]
    utf16 = client.post("/quotes", json={"text": text, "options": {"offset_unit": "utf16"}}).json()["quotes"][
        0
    ]
    assert utf16["start"] == codepoint["start"] + 2 and utf16["end"] == codepoint["end"] + 2
    encoded = text.encode("utf-16-le")
    assert encoded[utf16["start"] * 2 : utf16["end"] * 2].decode("utf-16-le") == codepoint["text"]


def test_include_other_returns_titles_with_their_type(client: TestClient) -> None:
    text = "The festival opened with “Loud Summer,” a documentary."
    assert client.post("/quotes", json={"text": text}).json()["quotes"] == []
    others = client.post("/quotes", json={"text": text, "options": {"include_other": True}}).json()["quotes"]
    assert [q["type"] for q in others] == ["other"]


def test_batch_keeps_order_and_uses_the_cache(client: TestClient, seed_text: str) -> None:
    docs = [
        {"id": "a", "text": seed_text},
        {"id": "b", "text": "No quotes."},
        {"id": "c", "text": "“Yes we can,” she said."},
    ]
    response = client.post("/quotes/batch", json={"documents": docs})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["a", "b", "c"]
    assert [len(r["quotes"]) for r in results] == [8, 0, 1]
    again = client.post("/quotes/batch", json={"documents": docs})
    assert again.headers["x-cache"] == "HIT"


def test_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert (
        ready["status"] == "ready" and ready["cache_backend"] == "memory" and ready["cache_reachable"] is True
    )


def test_metrics_count_requests_and_cache(client: TestClient, seed_text: str) -> None:
    client.post("/quotes", json={"text": seed_text})
    client.post("/quotes", json={"text": seed_text})
    text = client.get("/metrics").text
    assert 'quotes_http_requests_total{method="POST",route="/quotes",status="200"} 2.0' in text
    assert 'quotes_cache_hits_total{backend="memory"} 1.0' in text
    assert "quotes_http_request_duration_seconds_bucket" in text
    assert "quotes_quotes_extracted_total 16.0" in text


# -- errors: one shape everywhere ------------------------------------------------------------


def test_malformed_json_is_400(client: TestClient) -> None:
    assert_problem(
        client.post("/quotes", content=b"{not json", headers={"Content-Type": "application/json"}), 400
    )
    assert_problem(
        client.post("/quotes/batch", content=b"{not json", headers={"Content-Type": "application/json"}), 400
    )


@pytest.mark.parametrize(
    "payload",
    [{}, {"text": 5}, {"text": "x", "options": {"offset_unit": "bytes"}}, {"text": "x", "unknown": 1}],
)
def test_bad_fields_are_422(client: TestClient, payload: dict[str, Any]) -> None:
    body = assert_problem(client.post("/quotes", json=payload), 422)
    assert body["errors"]


def test_text_over_the_limit_is_413(nlp: Language) -> None:
    with client_for(nlp, max_text_chars=100, max_batch_documents=2) as c:
        assert_problem(c.post("/quotes", json={"text": "x" * 101}), 413)
        assert_problem(
            c.post("/quotes", content=("x" * 101).encode(), headers={"Content-Type": "text/plain"}), 413
        )
        assert_problem(c.post("/quotes/batch", json={"documents": [{"text": "a"}] * 3}), 413)
        assert_problem(
            c.post("/quotes", content=b"x" * 2_000_000, headers={"Content-Type": "text/plain"}), 413
        )


def test_wrong_content_type_is_415(client: TestClient) -> None:
    assert_problem(
        client.post("/quotes", content=b"<p>hi</p>", headers={"Content-Type": "application/xml"}), 415
    )


def test_api_keys(nlp: Language) -> None:
    with client_for(nlp, api_keys=["k1", "k2"]) as c:
        assert_problem(c.post("/quotes", json={"text": "x"}), 401)
        assert_problem(c.post("/quotes", json={"text": "x"}, headers={"X-API-Key": "nope"}), 401)
        assert c.post("/quotes", json={"text": "x"}, headers={"X-API-Key": "k2"}).status_code == 200
        assert (
            c.post("/quotes", json={"text": "x"}, headers={"Authorization": "Bearer k1"}).status_code == 200
        )
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200


def test_overload_is_503(nlp: Language) -> None:
    """A worker whose extraction queue is full answers 503 with Retry-After."""
    with client_for(nlp, max_pending=1) as c:
        from service.analyzer import Analyzer

        original = Analyzer._extract

        def full(self: Analyzer, texts: list[str], *args: Any) -> Any:
            self._pending = self.max_pending
            try:
                return original(self, texts, *args)
            finally:
                self._pending = 0

        Analyzer._extract = full  # type: ignore[method-assign]
        try:
            response = c.post("/quotes", json={"text": "“We are full,” she said."})
        finally:
            Analyzer._extract = original  # type: ignore[method-assign]
        assert_problem(response, 503)
        assert response.headers["retry-after"] == "1"


def test_unknown_route_and_method(client: TestClient) -> None:
    assert_problem(client.get("/nope"), 404)
    assert_problem(client.get("/quotes"), 405)


def test_internal_errors_do_not_leak(nlp: Language) -> None:
    from service.analyzer import Analyzer

    original = Analyzer.analyze

    def broken(self: Analyzer, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret database password in message")

    with client_for(nlp) as c:
        Analyzer.analyze = broken  # type: ignore[method-assign]
        try:
            response = c.post("/quotes", json={"text": "“x y z w,” she said."})
        finally:
            Analyzer.analyze = original  # type: ignore[method-assign]
    body = assert_problem(response, 500)
    assert "secret" not in json.dumps(body)


def test_cors_origins(nlp: Language) -> None:
    with client_for(nlp, cors_origins=["https://cms.example.org"]) as c:
        response = c.options(
            "/quotes",
            headers={"Origin": "https://cms.example.org", "Access-Control-Request-Method": "POST"},
        )
        assert response.headers["access-control-allow-origin"] == "https://cms.example.org"


def test_openapi_schema_is_pinned(client: TestClient) -> None:
    """A change to the contract must be a deliberate diff: QUOTES_UPDATE_OPENAPI=1 rewrites it."""
    import os

    schema = client.get("/openapi.json").json()
    if os.environ.get("QUOTES_UPDATE_OPENAPI"):
        OPENAPI_SNAPSHOT.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    assert schema == json.loads(OPENAPI_SNAPSHOT.read_text(encoding="utf-8"))
    ops = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"extract_quotes", "extract_batch", "healthz", "readyz", "metrics"} <= ops


@pytest.mark.parametrize("content_type", ["text/plain; charset=iso-8859-1", "text/html; charset=ISO-8859-1"])
def test_a_declared_charset_is_honoured(client: TestClient, content_type: str) -> None:
    text = '"Nous resterons," a dit Zoé Lefèvre. "We will stay," said Zoé Lefèvre.'
    response = client.post("/quotes", content=text.encode("latin-1"), headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    assert "Zoé Lefèvre" in {q["speaker"]["name"] for q in response.json()["quotes"] if q["speaker"]}


def test_an_unknown_charset_or_undecodable_body_is_refused(client: TestClient) -> None:
    for charset in ("klingon", "base64", "rot13", "punycode", "idna"):  # not text encodings, or slow
        refused = client.post(
            "/quotes", content=b"x", headers={"Content-Type": f"text/plain; charset={charset}"}
        )
        assert_problem(refused, 415)
    sjis = client.post(
        "/quotes",
        content="「勝つ」と彼女は言った。".encode("shift_jis"),
        headers={"Content-Type": "text/html; charset=Shift_JIS"},
    )
    assert sjis.status_code == 200 and sjis.json()["text"] == "「勝つ」と彼女は言った。"
    broken = client.post("/quotes", content=b"\xff\xfe\xfa", headers={"Content-Type": "text/plain"})
    assert_problem(broken, 400)


def test_an_article_whose_only_quote_marks_are_garbled_is_still_parsed(client: TestClient) -> None:
    # “We were warned,” said Marc Trévidic. — decoded as Windows-1252 upstream: no quote
    # mark as sent, so the service must not skip the parse.
    text = "â€œWe were warned,â€\x9d said Marc TrÃ©vidic."
    body = client.post("/quotes", json={"text": text}).json()
    assert [(q["text"], q["speaker"]["name"]) for q in body["quotes"]] == [
        ("â€œWe were warned,â€\x9d", "Marc Trévidic")
    ]
