"""How much the rules cost on top of the parse: a bare nlp.pipe over exactly the
paragraphs the extractor parses, then everything else the extractor does on those
same Docs (planning, quote marks, rules, resolution, output dicts), timed on its own.

    python bench/overhead.py [--rounds N] FILE.jsonl|FILE.txt ...

Each round parses and then runs the rules; the figure is the best parse against the best
rules over the rounds (default 5). On a shared machine one timing can be 30% off the
next, so the spread of the per-round ratios is printed beside it.
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
from service.core.spans import remember_text
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


def main(argv: list[str]) -> None:
    rounds = 5
    if argv[:1] == ["--rounds"]:
        rounds, argv = int(argv[1]), argv[2:]
    paths = argv
    nlp = load_pipeline("en_core_web_sm")
    extractor = Extractor(nlp)
    texts = texts_of(paths)
    disabled = [n for n in nlp.pipe_names if n not in NEEDED_COMPONENTS]
    plans = [plan(normalize(text).text) for text in texts]
    jobs = [p.text[p.paragraphs[i].start : p.paragraphs[i].end] for p in plans for i in p.to_parse]
    list(nlp.pipe(jobs[:50], disable=disabled))  # warm up
    best_parse = best_rules = float("inf")
    ratios: list[float] = []
    for _ in range(rounds):
        with nlp.memory_zone():
            started = time.perf_counter()
            docs = iter(list(nlp.pipe(jobs, disable=disabled, batch_size=64)))
            parse = time.perf_counter() - started
            best_parse = min(best_parse, parse)
            # Everything but the parse, on the same Docs: normalising, planning, rules,
            # resolution, offsets put back, output.
            started = time.perf_counter()
            for text in texts:
                normalized = normalize(text)
                p = plan(normalized.text)
                parsed = {i: next(docs) for i in p.to_parse}
                for i, doc in parsed.items():  # as ``parsing`` does: the Doc's text is known
                    remember_text(doc, p.text[p.paragraphs[i].start : p.paragraphs[i].end])
                found = extractor._assemble(p, parsed, Clock(None))
                if normalized.changed:
                    found = restore(found, text, normalized.origin)
                found.to_dict()
            rules = time.perf_counter() - started
            best_rules = min(best_rules, rules)
            ratios.append(rules / parse)
    print(f"{len(texts)} documents, {len(jobs)} paragraphs parsed")
    print(
        f"parse {best_parse:.3f} s, everything else {best_rules:.3f} s: "
        f"{best_rules / best_parse:.1%} of the parse "
        f"(rounds: {min(ratios):.1%} to {max(ratios):.1%}, median {sorted(ratios)[len(ratios) // 2]:.1%})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
