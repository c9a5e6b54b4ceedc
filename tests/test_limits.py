"""Limits act before their cost, against a real ``quotes serve``: a chunked body is cut off
at its path's byte limit, an unauthenticated one before it is read at all; CORS headers
ride on every error a browser can get."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings

from .helpers import assert_problem, start_serve, stop

CHUNK = 1 << 20
ORIGIN = "https://cms.example.org"


def send_chunked(base: str, path: str, headers: dict[str, str], total: int) -> tuple[int, int]:
    """POST ``total`` bytes to ``path`` in 1 MiB chunks, as a client that never stops would,
    until the server answers; returns the status and how many bytes were sent by then."""
    url = urlparse(base)
    sock = socket.create_connection((url.hostname, url.port), timeout=30)
    head = f"POST {path} HTTP/1.1\r\nHost: {url.hostname}\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sent, answer = 0, b""
    try:
        sock.sendall(head.encode())
        chunk = f"{CHUNK:x}\r\n".encode() + b"a" * CHUNK + b"\r\n"
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            sock.sendall(chunk)
            sent += CHUNK
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        deadline = time.monotonic() + 20
        while b"\r\n" not in answer and time.monotonic() < deadline:
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    except (ConnectionResetError, TimeoutError):
        pass
    finally:
        sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0
    return status, sent


@pytest.fixture(scope="module")
def serve_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("serve") / "serve.log"


@pytest.fixture(scope="module")
def server(serve_log: Path) -> Iterator[str]:
    process, base = start_serve({"QUOTES_API_KEYS": "k1"}, serve_log)
    try:
        yield base
    finally:
        stop(process)


@pytest.mark.parametrize("path", ["/quotes", "/quotes/batch"])
def test_a_200_mb_chunked_upload_is_cut_off_at_the_limit(server: str, path: str) -> None:
    limits = {"/quotes": 200_000 * 4 * 6 + 65_536, "/quotes/batch": 2_000_000 * 6 + 65_536}
    content_type = "text/plain" if path == "/quotes" else "application/json"
    status, sent = send_chunked(server, path, {"X-API-Key": "k1", "Content-Type": content_type}, 200 * CHUNK)
    assert status == 413
    # What the kernel's buffers take beside the limit, never the whole 200 MB.
    assert sent < limits[path] + 40 * CHUNK


def test_an_unauthenticated_upload_is_refused_before_its_body_is_read(server: str) -> None:
    status, sent = send_chunked(server, "/quotes/batch", {"Content-Type": "application/json"}, 200 * CHUNK)
    assert status == 401 and sent < 40 * CHUNK


def test_a_client_that_leaves_mid_upload_is_a_499_at_info(server: str, serve_log: Path) -> None:
    url = urlparse(server)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        head = "POST /quotes HTTP/1.1\r\nHost: x\r\nX-API-Key: k1\r\nContent-Type: text/plain\r\n"
        sock.sendall((head + "Content-Length: 100000\r\n\r\n").encode() + b"a" * 1000)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and '"status": 499' not in serve_log.read_text():
        time.sleep(0.1)
    entries = [json.loads(line) for line in serve_log.read_text().splitlines() if line.startswith("{")]
    assert any(e.get("status") == 499 and e["level"] == "info" for e in entries)
    assert not [e for e in entries if e["level"] == "error"]
    metrics = httpx.get(f"{server}/metrics").text
    assert 'quotes_http_requests_total{method="POST",route="/quotes",status="499"} 1.0' in metrics


@pytest.fixture
def cors_client(nlp: Language) -> Iterator[TestClient]:
    settings = Settings(cors_origins=[ORIGIN], max_text_chars=100)
    with TestClient(create_app(settings, nlp=nlp), raise_server_exceptions=False) as client:
        yield client


def test_errors_from_every_layer_carry_cors_headers(cors_client: TestClient) -> None:
    origin = {"Origin": ORIGIN}
    too_large_header = cors_client.post(
        "/quotes", content=b"x" * 10_000_000, headers={**origin, "Content-Type": "text/plain"}
    )
    too_long_text = cors_client.post("/quotes", json={"text": "x" * 101}, headers=origin)
    unknown = cors_client.get("/nope", headers=origin)
    for response, status in ((too_large_header, 413), (too_long_text, 413), (unknown, 404)):
        assert_problem(response, status)
        assert response.headers["access-control-allow-origin"] == ORIGIN


def test_a_refused_preflight_is_a_problem(cors_client: TestClient) -> None:
    allowed = cors_client.options(
        "/quotes", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    )
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == ORIGIN
    refused = cors_client.options(
        "/quotes", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    body = assert_problem(refused, 400)
    assert "origin" in str(body["detail"]) and "access-control-allow-origin" not in refused.headers


def test_a_body_streamed_past_the_limit_in_process(nlp: Language) -> None:
    """The same cut-off without a server: a chunked body over the limit, no Content-Length."""
    with TestClient(create_app(Settings(max_text_chars=100), nlp=nlp)) as client:

        def chunks() -> Iterator[bytes]:
            for _ in range(1000):
                yield b"x" * 10_000

        response = client.post("/quotes", content=chunks(), headers={"Content-Type": "text/plain"})
        assert_problem(response, 413)
