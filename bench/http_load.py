"""A real ``quotes serve`` on a free loopback port, and a bounded concurrent load on it."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.processes import RedisServer, RedisUnavailable, free_port


def _tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = task / "children"
            if children.exists():
                todo += [int(child) for child in children.read_text().split()]
    return pids


def _status_kb(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """``quotes serve`` with the given worker count; cache in process unless ``redis_url``."""

    def __init__(
        self,
        model: str,
        workers: int,
        redis_url: str | None = None,
        warm_up: list[str] | None = None,
        settings: dict[str, str] | None = None,
    ) -> None:
        self.warm_up_texts = warm_up or []
        self.port = free_port()
        self.url = f"127.0.0.1:{self.port}"
        self.workers = workers
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTES_")}
        env.update(
            QUOTES_HOST="127.0.0.1",
            QUOTES_PORT=str(self.port),
            QUOTES_WORKERS=str(workers),
            QUOTES_MODEL=model,
            QUOTES_MAX_PENDING="256",
            QUOTES_LOG_LEVEL="warning",
        )
        if redis_url:
            env["QUOTES_REDIS_URL"] = redis_url
        env.update(settings or {})
        quotes = Path(sys.executable).with_name("quotes")
        self.process = subprocess.Popen([str(quotes), "serve"], env=env, stdout=subprocess.DEVNULL)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"quotes serve exited with {self.process.returncode}")
            try:
                status, _, _ = request(self.url, "GET", "/readyz")
                if status == 200:
                    self._warm_up()
                    return self
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError("quotes serve did not become ready in 120 s")

    def _warm_up(self) -> None:
        """Some uncached requests first, as the in-process rows warm up too: a fresh
        process's first parses are slower (allocations, lazily built tables)."""
        load(
            self.url,
            self.warm_up_texts,
            concurrency=self.workers,
            seconds=60,
            headers={"Cache-Control": "no-cache"},
        )

    def rss_mb(self) -> float:
        """The largest current RSS of any process of the server: a worker's."""
        return round(max(_status_kb(pid, "VmRSS") for pid in _tree(self.process.pid)) / 1024, 1)

    def peak_rss_mb(self) -> float:
        """The largest peak RSS (VmHWM) of any process of the server: a worker's."""
        return round(max(_status_kb(pid, "VmHWM") for pid in _tree(self.process.pid)) / 1024, 1)

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def request(
    url: str, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(url, timeout=120)
    try:
        return _send(connection, method, path, body, headers or {})
    finally:
        connection.close()


def _send(
    connection: http.client.HTTPConnection, method: str, path: str, body: Any, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    payload = None if body is None else json.dumps(body).encode()
    connection.request(method, path, payload, {"Content-Type": "application/json", **headers})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


@dataclass
class LoadResult:
    documents: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    cache_states: Counter[str] = field(default_factory=Counter)
    errors: int = 0


def load(
    url: str,
    texts: list[str],
    *,
    concurrency: int,
    seconds: float,
    headers: dict[str, str] | None = None,
    batch: int | None = None,
) -> LoadResult:
    """Send every text once (``POST /quotes``, or ``/quotes/batch`` in groups of ``batch``)
    from ``concurrency`` keep-alive connections; stop early after ``seconds``."""
    size = batch or 1
    jobs = [texts[i : i + size] for i in range(0, len(texts), size)]
    result = LoadResult()
    lock = threading.Lock()
    next_job = iter(range(len(jobs)))
    started = time.perf_counter()
    deadline = started + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(url, timeout=300)
        try:
            while time.perf_counter() < deadline:
                with lock:
                    index = next(next_job, None)
                if index is None:
                    return
                job = jobs[index]
                if batch:
                    path, body = "/quotes/batch", {"documents": [{"text": t} for t in job]}
                else:
                    path, body = "/quotes", {"text": job[0]}
                sent = time.perf_counter()
                status, response_headers, _ = _send(connection, "POST", path, body, headers or {})
                elapsed = (time.perf_counter() - sent) * 1000
                with lock:
                    if status != 200:
                        result.errors += 1
                        continue
                    result.documents += len(job)
                    result.latencies_ms.append(elapsed)
                    result.cache_states[response_headers.get("x-cache", "")] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    if result.errors:
        print(f"{result.errors} requests failed", file=sys.stderr)
    return result


def start_redis() -> RedisServer | None:
    """A redis-server of our own, or None where it is not installed."""
    server = RedisServer()
    try:
        server.start()
    except RedisUnavailable as exc:
        print(f"{exc}: no Redis rows", file=sys.stderr)
        server.remove()
        return None
    return server
