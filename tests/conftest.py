from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language

from service.core import Extractor
from service.core.extract import Extractor as CoreExtractor
from service.nlp import load_pipeline, resolve_model_name

from .processes import RedisServer

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


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A real redis-server of our own on a free port, stopped after the session."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def seed_text() -> str:
    return (Path(__file__).resolve().parent.parent / "seeds" / "myanmar-junta-moscow.txt").read_text(
        encoding="utf-8"
    )


@pytest.fixture
def broken_on_boom() -> Iterator[None]:
    """Extraction raises for any text that holds the word BOOM (a stand-in for a bug)."""
    original = CoreExtractor._assemble

    def assemble(self: CoreExtractor, plan: Any, *args: Any, **kwargs: Any) -> Any:
        if "BOOM" in plan.text:
            raise RuntimeError("secret detail of a bug")
        return original(self, plan, *args, **kwargs)

    CoreExtractor._assemble = assemble  # type: ignore[method-assign]
    try:
        yield
    finally:
        CoreExtractor._assemble = original  # type: ignore[method-assign]
