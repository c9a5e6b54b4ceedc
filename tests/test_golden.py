"""Whole articles against their golden files (regenerate with `python -m tests.golden`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.core import Extractor

from .golden import articles, expected_path, indirect_articles, indirect_path, summary


@pytest.mark.parametrize("article", articles(), ids=lambda p: p.stem)
def test_article_matches_golden_file(extractor: Extractor, article: Path) -> None:
    expected = json.loads(expected_path(article).read_text(encoding="utf-8"))
    assert summary(extractor.extract(article.read_text(encoding="utf-8"))) == expected


@pytest.mark.parametrize("article", indirect_articles(), ids=lambda p: p.stem)
def test_article_with_reported_speech_matches_golden_file(extractor: Extractor, article: Path) -> None:
    expected = json.loads(indirect_path(article).read_text(encoding="utf-8"))
    assert summary(extractor.extract(article.read_text(encoding="utf-8"), indirect=True)) == expected


def test_seed_article_has_its_eight_quotes_and_two_canonical_speakers(
    extractor: Extractor, seed_text: str
) -> None:
    extraction = extractor.extract(seed_text)
    assert len(extraction.quotes) == 8
    assert {q.speaker.name for q in extraction.quotes if q.speaker} == {"Min Aung Hlaing", "Sergei Shoigu"}
    assert all(q.speaker is not None for q in extraction.quotes)


def test_there_are_at_least_six_hand_written_articles() -> None:
    assert len([a for a in articles() if a.stem != "myanmar-junta-moscow"]) >= 6
