"""One request must never take a worker out: a time budget per text, and a failing text
that fails only its own request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.analyzer import Analyzer, Options, _Job
from service.api.app import create_app
from service.cache import make_cache
from service.config import Settings
from service.core import BudgetExceeded, Extractor, parsing
from service.core.parsing import CHUNK_CHARS, cut

from .helpers import assert_problem

QUOTED = "“We will keep the buses running,” Mayor Lena Hoffmann said."


def test_a_failing_text_fails_only_its_own_request_in_a_shared_parse(
    nlp: Language, broken_on_boom: None
) -> None:
    analyzer = Analyzer(nlp, make_cache(Settings()), max_seconds=10)
    good, bad, other = (
        _Job([QUOTED], False, [0.0]),
        _Job(["“BOOM goes the budget,” he said."], False, [0.0]),
        _Job([QUOTED], True, [0.0]),
    )
    analyzer._parse([good, bad, other])  # one batch, as the group commit builds it
    assert (
        good.error is None
        and good.bodies
        and good.bodies[0]["quotes"][0]["speaker"]["name"] == "Lena Hoffmann"
    )
    assert other.error is None and other.bodies
    assert bad.error is None and bad.bodies is not None and isinstance(bad.bodies[0], RuntimeError)


def test_extract_each_yields_the_failure_in_place(extractor: Extractor, broken_on_boom: None) -> None:
    results = list(extractor.extract_each([QUOTED, "“BOOM,” he said loudly today.", QUOTED]))
    assert [type(r).__name__ for r in results] == ["Extraction", "RuntimeError", "Extraction"]


def test_a_failing_text_is_a_500_that_tells_nothing_internal(nlp: Language, broken_on_boom: None) -> None:
    with TestClient(create_app(Settings(), nlp=nlp), raise_server_exceptions=False) as client:
        response = client.post("/quotes", json={"text": "“BOOM goes the budget,” he said."})
        body = assert_problem(response, 500)
        assert "secret" not in json.dumps(body)
        assert client.post("/quotes", json={"text": QUOTED}).status_code == 200  # the worker is fine


def test_over_budget_is_a_503_problem(nlp: Language) -> None:
    # A budget no parse can meet stands in for a text made slow on purpose.
    with TestClient(create_app(Settings(max_seconds=1e-9), nlp=nlp), raise_server_exceptions=False) as client:
        body = assert_problem(client.post("/quotes", json={"text": QUOTED}), 503)
        assert "budget" in body["detail"]
        # A text with no quote marks needs no parse and is answered at once.
        assert client.post("/quotes", json={"text": "No quotes here."}).status_code == 200


def test_the_budget_is_checked_while_rules_run(extractor: Extractor) -> None:
    """The deadline is checked quote by quote after the parse, not only between parses."""
    calls = {"n": 0}
    original = extractor.linker.draft

    def slow_draft(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            import time

            time.sleep(0.3)  # the second quote takes longer than the whole budget
        return original(*args, **kwargs)

    extractor.linker.draft = slow_draft  # type: ignore[method-assign]
    try:
        with pytest.raises(BudgetExceeded):
            extractor.extract(QUOTED + " " + QUOTED + " " + QUOTED, budget=0.2)
    finally:
        del extractor.linker.draft
    assert calls["n"] == 2  # given up at the next quote, not after all of them


def test_a_shutdown_that_begins_mid_batch_ends_the_batch_by_its_deadline(nlp: Language) -> None:
    """SIGTERM may arrive while a batch is already being extracted: the deadline ``drain``
    sets is read at every check of that batch too, not only by batches that start after
    it (else uvicorn cancels the requests when its graceful timeout runs out)."""
    analyzer = Analyzer(nlp, make_cache(Settings()), max_seconds=60)
    original = analyzer.extractor.linker.draft
    calls = {"n": 0}

    def draft_then_shutdown(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            analyzer.drain(0.0)  # the shutdown begins while the first quote is worked on
        return original(*args, **kwargs)

    analyzer.extractor.linker.draft = draft_then_shutdown  # type: ignore[method-assign]
    with pytest.raises(BudgetExceeded) as raised:
        analyzer.analyze(QUOTED + " " + QUOTED + " " + QUOTED, Options(), use_cache=False)
    assert raised.value.draining
    assert calls["n"] == 1  # given up at the next check, not after the batch


def test_a_long_paragraph_is_parsed_in_pieces_that_join_to_it(extractor: Extractor) -> None:
    paragraph = " ".join([QUOTED] * 400)
    assert len(paragraph) > 3 * CHUNK_CHARS
    pieces = cut(paragraph)
    assert "".join(pieces) == paragraph and all(len(p) <= CHUNK_CHARS for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])  # cut after a sentence's end
    quotes = extractor.extract(paragraph).quotes
    assert len(quotes) == 400 and all(q.speaker and q.speaker.name == "Lena Hoffmann" for q in quotes)


def test_analyzer_maps_the_budget_to_its_setting(nlp: Language) -> None:
    analyzer = Analyzer(nlp, make_cache(Settings()), max_seconds=1e-9)
    with pytest.raises(BudgetExceeded):
        analyzer.analyze(QUOTED, Options())


def test_a_full_queue_refuses_before_reading_the_body(nlp: Language) -> None:
    """Under overload the refusal is made in the request context, before the body is read
    or a thread is taken; health checks still answer."""
    with TestClient(create_app(Settings(max_pending=2), nlp=nlp), raise_server_exceptions=False) as client:
        client.get("/healthz")
        analyzer: Analyzer = client.app_state["analyzer"]
        called = {"n": 0}
        original = analyzer.analyze_each

        def counting(*args: Any, **kwargs: Any) -> Any:
            called["n"] += 1
            return original(*args, **kwargs)

        analyzer.analyze_each = counting  # type: ignore[method-assign]
        analyzer._pending = 2
        try:
            busy = client.post("/quotes", json={"text": QUOTED})
            body = assert_problem(busy, 503)
            assert busy.headers["retry-after"] == "1" and "busy" in body["detail"]
            assert client.get("/healthz").status_code == 200
            assert called["n"] == 0
        finally:
            analyzer._pending = 0
        assert client.post("/quotes", json={"text": QUOTED}).status_code == 200


class _FailingParse:
    """The real pipeline, except that a batch holding BOOM raises, and so does BOOM alone."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp

    def pipe(self, docs: list[Any], **kwargs: Any) -> Any:
        if any("BOOM" in d.text for d in docs):
            raise RuntimeError("the parser broke")
        return self._nlp.pipe(docs, **kwargs)

    def __call__(self, text: str, **kwargs: Any) -> Any:
        if "BOOM" in text:
            raise RuntimeError("the parser broke")
        return self._nlp(text, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


def test_a_parse_that_raises_fails_only_its_own_text(nlp: Language) -> None:
    extractor = Extractor(_FailingParse(nlp))  # type: ignore[arg-type]
    results = list(extractor.extract_each([QUOTED, "“BOOM goes the budget,” he said.", QUOTED]))
    assert [type(r).__name__ for r in results] == ["Extraction", "RuntimeError", "Extraction"]
    assert all(r.quotes[0].speaker.name == "Lena Hoffmann" for r in results[::2])  # type: ignore[union-attr]


class _FakeTime:
    """A clock that moves only when a parse runs: one millisecond per character parsed, so
    what each text is charged is exact whatever the machine is doing."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def parse_costs_a_millisecond_a_character(monkeypatch: pytest.MonkeyPatch) -> _FakeTime:
    fake = _FakeTime()
    original = parsing._parse_isolated

    def timed(nlp: Language, batch: list[Any], *args: Any) -> Any:
        fake.now += sum(piece.chars for piece in batch) / 1000
        return original(nlp, batch, *args)

    monkeypatch.setattr(parsing, "time", fake)
    monkeypatch.setattr(parsing, "_parse_isolated", timed)
    return fake


def _long_article(n: int) -> str:
    paragraph = f"“We will keep route {n} running through the winter,” Mayor Lena Hoffmann said on Monday."
    return "\n\n".join([paragraph] * 20)  # about 1,800 characters: 1.8 s of fake parse alone


def test_a_text_is_charged_its_own_parse_only_not_its_batch_mates(
    extractor: Extractor, parse_costs_a_millisecond_a_character: _FakeTime
) -> None:
    texts = [_long_article(n) for n in range(12)]  # 21,600 characters: one minibatch and a bit
    alone = [extractor.extract(text, budget=2.5) for text in texts[:2]]  # each passes alone
    assert all(len(a.quotes) == 20 for a in alone)
    together = list(extractor.extract_each(texts, budget=2.5))
    assert [type(r).__name__ for r in together] == ["Extraction"] * 12


def test_a_text_over_its_own_budget_still_fails_in_a_batch(
    extractor: Extractor, parse_costs_a_millisecond_a_character: _FakeTime
) -> None:
    texts = [_long_article(1), _long_article(2) * 3, _long_article(3)]  # the middle one costs 5.4 s
    results = list(extractor.extract_each(texts, budget=2.5))
    assert [type(r).__name__ for r in results] == ["Extraction", "BudgetExceeded", "Extraction"]


def test_html_conversion_counts_against_the_budget(nlp: Language) -> None:
    analyzer = Analyzer(nlp, make_cache(Settings()), max_seconds=5)
    assert analyzer.analyze(QUOTED, Options(), use_cache=False, spent=1.0).body["quotes"]
    with pytest.raises(BudgetExceeded):
        analyzer.analyze(QUOTED, Options(), use_cache=False, spent=5.5)
