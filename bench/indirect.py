"""Reported speech's cost: ``quotes extract --jsonl --indirect`` beside a bare ``nlp.pipe``
over the same articles' full texts, the floor once every paragraph must be parsed.

    python -m bench.indirect [FILE.jsonl] [--repeat N] [--limit N] [--out FILE]

Rows, all on the same texts in one process, best of ``--repeat`` passes (noise on a
shared machine only slows a pass down):

- floor: ``nlp.pipe`` over the full texts with the components the extractor runs
  (tok2vec, tagger, attribute_ruler, parser, ner): the strict floor;
- floor, full pipeline: the same with every default component (the lemmatizer too), as
  ``bench.run``'s floor row;
- ours, --indirect: what ``quotes extract --jsonl --indirect`` runs
  (``service.backfill.extract_rows``, JSON encoding included);
- ours, default: the same without the option (only quote paragraphs parsed).

Target (issue #17): ours with --indirect at most 1.15x the floor. Without FILE, the
benchmark's generated articles (``bench.corpus``) are used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

from bench.corpus import articles
from bench.run import timed
from service.backfill import extract_rows
from service.core import Extractor
from service.core.extract import NEEDED_COMPONENTS
from service.nlp import load_pipeline, resolve_model_name

TARGET = 1.15


def texts_from(path: str | None, limit: int | None) -> list[str]:
    if path is None:
        texts = [a["text"] for a in articles(limit or 200)]
    else:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    return texts[:limit] if limit else texts


def run(texts: list[str], repeat: int) -> dict[str, Any]:
    nlp = load_pipeline("en_core_web_sm")
    extractor = Extractor(nlp)
    disabled = [n for n in nlp.pipe_names if n not in NEEDED_COMPONENTS]
    full = spacy.load(resolve_model_name("en_core_web_sm"))
    rows = [{"id": str(n), "text": text} for n, text in enumerate(texts)]
    list(nlp.pipe(texts[:5]))  # warm up
    list(extractor.extract_many(texts[:5], indirect=True))
    found: dict[str, int] = {}

    def floor() -> None:
        with nlp.memory_zone():
            for _ in nlp.pipe(texts, disable=disabled):
                pass

    def floor_full() -> None:
        with full.memory_zone():
            for _ in full.pipe(texts):
                pass

    def ours(indirect: bool) -> Callable[[], None]:
        def go() -> None:
            count = 0
            for result in extract_rows(rows, nlp, extractor, indirect=indirect):
                json.dumps(result, ensure_ascii=False)
                count += sum(1 for q in result.get("quotes", []) if q["type"] == "indirect")
            found["indirect" if indirect else "default"] = count

        return go

    seconds = {
        "floor: nlp.pipe, the extractor's components": timed(floor, repeat),
        "floor: nlp.pipe, full pipeline": timed(floor_full, repeat),
        "ours: quotes extract --jsonl --indirect": timed(ours(True), repeat),
        "ours: quotes extract --jsonl (default)": timed(ours(False), repeat),
    }
    base = seconds["floor: nlp.pipe, the extractor's components"]
    return {
        "documents": len(texts),
        "characters": sum(len(t) for t in texts),
        "seconds": seconds,
        "x_floor": {name: s / base for name, s in seconds.items()},
        "indirect_quotes_found": found.get("indirect", 0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="JSONL of {'text': ...} (default: the generated corpus)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--out", default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    result = run(texts_from(args.file, args.limit), args.repeat)
    print(f"{result['documents']} documents, {result['characters']:,} characters, best of {args.repeat}")
    for name, seconds in result["seconds"].items():
        print(f"  {name:46} {seconds:8.2f} s  {result['x_floor'][name]:5.2f}x floor")
    ratio = result["x_floor"]["ours: quotes extract --jsonl --indirect"]
    verdict = "PASS" if ratio <= TARGET else "MISS"
    print(f"  {verdict} --indirect within {TARGET}x the floor: {ratio:.2f}x")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
