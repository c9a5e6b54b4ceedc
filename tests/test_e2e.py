"""`quotes serve` as a real process on a free port, spoken to over HTTP."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .helpers import start_serve, stop


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, base = start_serve({}, tmp_path_factory.mktemp("serve") / "stderr.log")
    try:
        yield base
    finally:
        stop(process)


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
    settings = {"QUOTES_SHUTDOWN_SECONDS": "15", "QUOTES_MAX_SECONDS": "10", "QUOTES_CACHE_ENABLED": "false"}
    process, base = start_serve(settings, tmp_path / "stderr.log")
    try:
        # Texts long enough to keep the worker busy for a while, each a little different.
        texts = [
            " ".join(
                f"“We will rebuild pier {n} by spring,” Mayor Lena Hoffmann said." for n in range(k, k + 120)
            )
            for k in range(4)
        ]
        with ThreadPoolExecutor(len(texts)) as pool:
            futures = [pool.submit(httpx.post, f"{base}/quotes", json={"text": t}, timeout=60) for t in texts]
            time.sleep(0.5)  # the first request is being parsed, the others wait
            process.send_signal(signal.SIGTERM)
            responses = [f.result() for f in futures]
        assert [r.status_code for r in responses] == [200] * len(texts)
        assert all(len(r.json()["quotes"]) == 120 for r in responses)
        # uvicorn finishes the requests, then re-raises the signal it caught: a clean
        # exit is 0 or "terminated by SIGTERM", never a kill.
        assert process.wait(timeout=30) in (0, -signal.SIGTERM)
    finally:
        stop(process)


def test_sigterm_with_a_deep_queue_answers_every_request_200_or_503(tmp_path: Path) -> None:
    """More work queued than the shutdown leaves time for: what cannot finish in time is
    given up with 503 problem+json and Retry-After (to retry on another replica), and
    nothing is answered 500 or in plain text; the process then exits."""
    settings = {"QUOTES_SHUTDOWN_SECONDS": "3", "QUOTES_MAX_SECONDS": "30", "QUOTES_CACHE_ENABLED": "false"}
    log = tmp_path / "stderr.log"
    process, base = start_serve(settings, log)
    try:
        texts = [
            "\n\n".join(
                f"“We will rebuild pier {n} by spring,” Mayor Lena Hoffmann said on day {k}."
                for n in range(400)
            )
            for k in range(8)
        ]
        with ThreadPoolExecutor(len(texts)) as pool:
            futures = [pool.submit(httpx.post, f"{base}/quotes", json={"text": t}, timeout=60) for t in texts]
            time.sleep(1.0)  # every request is in, parsed together in one long batch
            process.send_signal(signal.SIGTERM)
            responses = [f.result() for f in futures]
        statuses = sorted(r.status_code for r in responses)
        assert set(statuses) <= {200, 503} and 503 in statuses, statuses
        for response in responses:
            if response.status_code == 503:
                assert response.headers["content-type"] == "application/problem+json"
                assert response.headers["retry-after"] == "1" and "shutting down" in response.json()["detail"]
        assert process.wait(timeout=30) in (0, -signal.SIGTERM)
        assert "Cancel" not in log.read_text()  # uvicorn never had to cancel a request
    finally:
        stop(process)
