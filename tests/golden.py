"""Golden files for whole articles: ``seeds/NAME.txt`` and its ``seeds/NAME.expected.json``;
with reported speech asked for, ``seeds/NAME.indirect.json`` for the articles in
``INDIRECT_ARTICLES``.

Regenerate after a deliberate change and review the diff:
    .venv/bin/python -m tests.golden
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from service.core import Extraction, Extractor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Articles whose reported speech is pinned too (every expected quote read against the text).
INDIRECT_ARTICLES = ("harbour-dredging", "myanmar-junta-moscow")


def summary(extraction: Extraction) -> dict[str, Any]:
    """What a golden file pins: every quote's span, type and speaker, and the speakers."""
    return {
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "text": q.text,
                "type": str(q.type),
                "speaker": q.speaker.name if q.speaker else None,
                "mention": q.speaker_mention.text if q.speaker_mention else None,
                "attribution": str(q.attribution),
                "split_part": q.group is not None,
            }
            for q in extraction.quotes
        ],
        "speakers": [
            {"name": s.name, "kind": str(s.kind), "quotes": len(s.quote_ids)} for s in extraction.speakers
        ],
    }


def articles() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def expected_path(article: Path) -> Path:
    return article.with_suffix(".expected.json")


def indirect_path(article: Path) -> Path:
    return article.with_suffix(".indirect.json")


def indirect_articles() -> list[Path]:
    return [SEEDS / f"{name}.txt" for name in INDIRECT_ARTICLES]


if __name__ == "__main__":
    from service.nlp import load_pipeline

    extractor = Extractor(load_pipeline("en_core_web_sm"))
    for article in articles():
        result = summary(extractor.extract(article.read_text(encoding="utf-8")))
        expected_path(article).write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {expected_path(article).name}: {len(result['quotes'])} quotes")
    for article in indirect_articles():
        result = summary(extractor.extract(article.read_text(encoding="utf-8"), indirect=True))
        indirect_path(article).write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {indirect_path(article).name}: {len(result['quotes'])} quotes")
