"""`quotes serve` as a real process on a free port, spoken to over HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from service.testing import free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("serve") / "stderr.log"
    env = {**os.environ, "QUOTES_PORT": str(port), "QUOTES_HOST": "127.0.0.1"}
    env.pop("QUOTES_REDIS_URL", None)
    quotes = Path(sys.executable).with_name("quotes")
    log = log_path.open("wb")
    process = subprocess.Popen(
        [str(quotes), "serve", "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if process.poll() is not None:
                    pytest.fail(log_path.read_text(errors="replace"))
                time.sleep(0.2)
        else:
            pytest.fail("quotes serve did not become ready")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_served_over_http(server: str, seed_text: str) -> None:
    first = httpx.post(f"{server}/quotes", json={"text": seed_text}, timeout=30)
    assert first.status_code == 200 and first.headers["x-cache"] == "MISS"
    names = {q["speaker"]["name"] for q in first.json()["quotes"]}
    assert len(first.json()["quotes"]) == 8 and names == {"Min Aung Hlaing", "Sergei Shoigu"}
    second = httpx.post(
        f"{server}/quotes", content=seed_text.encode(), headers={"Content-Type": "text/plain"}
    )
    assert second.headers["x-cache"] == "HIT"
    assert httpx.get(f"{server}/healthz").json() == {"status": "ok"}


def test_sigterm_lets_requests_in_flight_finish_then_exits(tmp_path: Path) -> None:
    """Requests in flight when SIGTERM arrives are answered; then the process exits,
    within the shutdown bound (the budget keeps every request short)."""
    port = free_port()
    env = {
        **os.environ,
        "QUOTES_PORT": str(port),
        "QUOTES_HOST": "127.0.0.1",
        "QUOTES_SHUTDOWN_SECONDS": "15",
        "QUOTES_MAX_SECONDS": "10",
        "QUOTES_CACHE_ENABLED": "false",
    }
    env.pop("QUOTES_REDIS_URL", None)
    quotes = Path(sys.executable).with_name("quotes")
    log_path = tmp_path / "stderr.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([str(quotes), "serve", "--workers", "1"], env=env, stderr=log)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_ready(base, process, log_path)
            # Texts long enough to keep the worker busy for a while, each a little different.
            texts = [
                " ".join(
                    f"“We will rebuild pier {n} by spring,” Mayor Lena Hoffmann said."
                    for n in range(k, k + 120)
                )
                for k in range(4)
            ]
            with ThreadPoolExecutor(len(texts)) as pool:
                futures = [
                    pool.submit(httpx.post, f"{base}/quotes", json={"text": t}, timeout=60) for t in texts
                ]
                time.sleep(0.5)  # the first request is being parsed, the others wait
                process.send_signal(signal.SIGTERM)
                responses = [f.result() for f in futures]
            assert [r.status_code for r in responses] == [200] * len(texts)
            assert all(len(r.json()["quotes"]) == 120 for r in responses)
            # uvicorn finishes the requests, then re-raises the signal it caught: a clean
            # exit is 0 or "terminated by SIGTERM", never a kill.
            assert process.wait(timeout=30) in (0, -signal.SIGTERM)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _wait_ready(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            if process.poll() is not None:
                pytest.fail(log_path.read_text(errors="replace"))
            time.sleep(0.2)
    pytest.fail("quotes serve did not become ready")
