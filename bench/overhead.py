"""How much the rules cost on top of the parse: extraction time against a bare nlp.pipe
over exactly the paragraphs the extractor parses.

    python bench/overhead.py FILE.jsonl|FILE.txt ...
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from service.core import Extractor
from service.core.extract import NEEDED_COMPONENTS
from service.nlp import load_pipeline


def texts_of(paths: list[str]) -> list[str]:
    texts: list[str] = []
    for path in paths:
        p = Path(path)
        if p.suffix == ".jsonl":
            texts += [
                json.loads(line)["text"]
                for line in p.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
        else:
            texts.append(p.read_text(encoding="utf-8"))
    return texts


def main(paths: list[str]) -> None:
    nlp = load_pipeline("en_core_web_sm")
    extractor = Extractor(nlp)
    texts = texts_of(paths)
    disabled = [n for n in nlp.pipe_names if n not in NEEDED_COMPONENTS]
    jobs = []
    for text in texts:
        plan = extractor._plan(text)
        jobs += [text[plan.paragraphs[i].start : plan.paragraphs[i].end] for i in plan.to_parse]
    list(nlp.pipe(jobs[:50], disable=disabled))  # warm up
    best_parse = best_total = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with nlp.memory_zone():
            list(nlp.pipe(jobs, disable=disabled, batch_size=64))
        best_parse = min(best_parse, time.perf_counter() - started)
        started = time.perf_counter()
        with nlp.memory_zone():
            list(extractor.extract_many(texts))
        best_total = min(best_total, time.perf_counter() - started)
    overhead = (best_total - best_parse) / best_parse
    print(f"{len(texts)} documents, {len(jobs)} paragraphs parsed")
    print(
        f"parse {best_parse:.3f} s, extraction {best_total:.3f} s, rules overhead {overhead:.1%} of the parse"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
