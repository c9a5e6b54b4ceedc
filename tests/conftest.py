from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import spacy
from spacy.language import Language

from service.core import Extractor
from service.nlp import load_pipeline, resolve_model_name

MODEL = os.environ.get("QUOTES_MODEL", "en_core_web_sm")


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Golden outputs depend on these versions."""
    package = resolve_model_name(MODEL)
    try:
        version = spacy.util.get_package_version(package)
    except Exception:  # noqa: BLE001 - a header must never break the run
        version = "?"
    return [f"spacy {spacy.__version__}; model {package} {version}"]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(MODEL)


@pytest.fixture(scope="session")
def extractor(nlp: Language) -> Extractor:
    return Extractor(nlp)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RedisServer:
    port: int
    workdir: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed (`apt-get install -y redis-server`)")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.workdir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server of our own on a free port, stopped after the session."""
    with tempfile.TemporaryDirectory() as workdir:
        server = RedisServer(free_port(), workdir)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def seed_text() -> str:
    return (Path(__file__).resolve().parent.parent / "seeds" / "myanmar-junta-moscow.txt").read_text(
        encoding="utf-8"
    )
