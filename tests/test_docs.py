"""The README stays true: every setting is in its table, and its examples run as written."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings
from service.core import RULES_VERSION, Extractor

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`QUOTES_{name.upper()}`" in README, name


def test_readme_names_the_two_commands() -> None:
    assert "make serve" in README and "make test" in README


def test_readme_example_response_is_what_the_extractor_returns(extractor: Extractor) -> None:
    """The example request and response in the README, quotes and speakers, as the core gives them."""
    request = re.search(r"--data-binary '([^']*)'", README)
    assert request is not None
    body = re.search(r"```json\n(.*?)\n```", README, re.DOTALL)
    assert body is not None
    shown = json.loads(body.group(1))
    actual = json.loads(json.dumps(extractor.extract(request.group(1)).to_dict()))
    assert shown["quotes"] == actual["quotes"] and shown["speakers"] == actual["speakers"]
    assert shown["meta"]["rules_version"] == RULES_VERSION


def _section(title: str) -> str:
    start = README.index(f"\n## {title}") if f"\n## {title}" in README else README.index(f"\n### {title}")
    following = re.search(r"\n##+ ", README[start + 1 :])
    return README[start : start + 1 + following.start()] if following else README[start:]


def _request_and_shown(section: str, request_pattern: str) -> tuple[str, dict[str, Any]]:
    """A README section's request (its curl body) and the JSON answer it shows."""
    request = re.search(request_pattern, section)
    shown = re.search(r"```json\n(.*?)\n```", section, re.DOTALL)
    assert request is not None and shown is not None
    return request.group(1), json.loads(shown.group(1))


def _same_answer(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    for body in (actual, expected):
        body["meta"].pop("processing_ms")
    assert actual == expected


def test_readme_html_example_is_what_the_service_answers(nlp: Language) -> None:
    markup, expected = _request_and_shown(_section("HTML articles"), r"--data-binary '([^']*)'")
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as client:
        response = client.post("/quotes", content=markup.encode(), headers={"Content-Type": "text/html"})
    _same_answer(response.json(), expected)


def test_readme_spacy_example_runs_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    code = re.search(r"```python\n(.*?)\n```", _section("In a spaCy pipeline"), re.DOTALL)
    assert code is not None
    previous = os.getcwd()
    os.chdir(ROOT)  # it reads seeds/ as a reader in a checkout would
    try:
        exec(compile(code.group(1), "README.md", "exec"), {})
    finally:
        os.chdir(previous)
    printed = capsys.readouterr().out
    assert "Sergei Shoigu" in printed and "Min Aung Hlaing" in printed


def test_readme_batch_error_is_what_the_service_answers(nlp: Language) -> None:
    shown = re.search(r'"error": (\{.*?\})\}\]\}', README, re.DOTALL)
    assert shown is not None
    body = b'{"documents": [{"id": "b", "text": "\\ud800"}]}'
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as client:
        response = client.post("/quotes/batch", content=body, headers={"Content-Type": "application/json"})
    assert response.json()["results"][0]["error"] == json.loads(shown.group(1))


def test_readme_reported_speech_example_is_what_the_service_answers(nlp: Language) -> None:
    request, expected = _request_and_shown(_section("Reported speech"), r"-d '([^']*)'")
    with TestClient(create_app(Settings(cache_enabled=False), nlp=nlp)) as client:
        actual = client.post("/quotes", json=json.loads(request)).json()
    _same_answer(actual, expected)
    assert any(q["type"] == "indirect" for q in actual["quotes"])
