"""How much the rules cost on top of the parse: a bare nlp.pipe over exactly the
paragraphs the extractor parses, then everything else the extractor does on those
same Docs (planning, quote marks, rules, resolution, output dicts), timed on its own.

    python bench/overhead.py FILE.jsonl|FILE.txt ...
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from service.core import Extractor
from service.core.extract import NEEDED_COMPONENTS
from service.core.normalize import normalize, restore
from service.core.parsing import Clock
from service.core.planning import plan
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
    plans = [plan(normalize(text).text) for text in texts]
    jobs = [p.text[p.paragraphs[i].start : p.paragraphs[i].end] for p in plans for i in p.to_parse]
    list(nlp.pipe(jobs[:50], disable=disabled))  # warm up
    best_parse = best_rules = float("inf")
    for _ in range(3):
        with nlp.memory_zone():
            started = time.perf_counter()
            docs = iter(list(nlp.pipe(jobs, disable=disabled, batch_size=64)))
            best_parse = min(best_parse, time.perf_counter() - started)
            # Everything but the parse, on the same Docs: normalising, planning, rules,
            # resolution, offsets put back, output.
            started = time.perf_counter()
            for text in texts:
                normalized = normalize(text)
                p = plan(normalized.text)
                found = extractor._assemble(p, {i: next(docs) for i in p.to_parse}, Clock(None))
                if normalized.changed:
                    found = restore(found, text, normalized.origin)
                found.to_dict()
            best_rules = min(best_rules, time.perf_counter() - started)
    print(f"{len(texts)} documents, {len(jobs)} paragraphs parsed")
    print(
        f"parse {best_parse:.3f} s, everything else {best_rules:.3f} s: "
        f"{best_rules / best_parse:.1%} of the parse"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
