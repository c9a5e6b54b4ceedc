"""API keys fail closed and clear: compared as bytes, either header, a setting that holds
no key refuses to start."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from spacy.language import Language

from service.api.app import create_app
from service.cli import main
from service.config import Settings

from .helpers import assert_problem

ARTICLE = {"text": "“We will stay,” said Zoé Lefèvre."}


@pytest.fixture
def client(nlp: Language) -> Iterator[TestClient]:
    settings = Settings(api_keys=["k1", "clé-ключ"])
    with TestClient(create_app(settings, nlp=nlp), raise_server_exceptions=False) as c:
        yield c


def _post(client: TestClient, headers: list[tuple[bytes, bytes]]) -> httpx.Response:
    """Headers as raw bytes, as a client on the wire sends them (httpx would refuse non-ASCII str)."""
    return client.post("/quotes", json=ARTICLE, headers=httpx.Headers(headers))


@pytest.mark.parametrize(
    "headers, status",
    [
        ([], 401),
        ([(b"x-api-key", b"k1")], 200),
        ([(b"authorization", b"Bearer k1")], 200),
        ([(b"authorization", b"bearer   k1 ")], 200),
        ([(b"x-api-key", "clé-ключ".encode())], 200),  # a non-ASCII key, sent in UTF-8
        ([(b"x-api-key", "k1é".encode())], 401),  # was a 500: compare_digest on str
        ([(b"authorization", "Bearer ключ".encode())], 401),
        ([(b"x-api-key", b"")], 401),
        ([(b"x-api-key", b""), (b"authorization", b"Bearer k1")], 200),  # an empty header is ignored
        ([(b"x-api-key", b"wrong"), (b"authorization", b"Bearer k1")], 200),  # any valid one wins
        ([(b"x-api-key", b"k1"), (b"authorization", b"Bearer wrong")], 200),
        ([(b"authorization", b"Basic k1")], 401),
        ([(b"authorization", b"Bearer")], 401),
    ],
)
def test_keys(client: TestClient, headers: list[tuple[bytes, bytes]], status: int) -> None:
    response = _post(client, headers)
    if status == 401:
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
    else:
        assert response.status_code == status, response.text


@pytest.mark.parametrize("value", [" , ", ",", " ", ",,,"])
def test_a_key_setting_with_no_key_refuses_to_start(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("QUOTES_API_KEYS", value)
    with pytest.raises(ValidationError, match="holds no key"):
        Settings()


def test_an_empty_key_setting_means_no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_API_KEYS", "")
    assert Settings().api_keys == []
    monkeypatch.setenv("QUOTES_API_KEYS", " k1 , k2 ")
    assert Settings().api_keys == ["k1", "k2"]


def test_serve_refuses_a_key_setting_with_no_key_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTES_API_KEYS", " , ")
    with pytest.raises(SystemExit, match="QUOTES_API_KEYS: .*holds no key"):
        main(["serve"])
