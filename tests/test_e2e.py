"""`quotes serve` as a real process on a free port, spoken to over HTTP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
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
