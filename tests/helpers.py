"""Assertions and a live server shared by the API tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .processes import free_port


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    """Every error is application/problem+json with the same fields and the request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "request_id"}
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in body["detail"]
    return dict(body)


def start_serve(settings: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``quotes serve`` (one worker, no Redis) on a free loopback port, once it is ready;
    ``settings`` are QUOTES_* variables. Returns the process and its base URL."""
    port = free_port()
    env = {**os.environ, "QUOTES_PORT": str(port), "QUOTES_HOST": "127.0.0.1", **settings}
    for name in ("QUOTES_REDIS_URL", "QUOTES_API_KEYS"):
        if name not in settings:
            env.pop(name, None)
    quotes = Path(sys.executable).with_name("quotes")
    with log.open("wb") as stderr:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen([str(quotes), "serve", "--workers", "1"], env=env, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            if process.poll() is not None:
                pytest.fail(log.read_text(errors="replace"))
            time.sleep(0.2)
    process.kill()
    pytest.fail("quotes serve did not become ready")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
