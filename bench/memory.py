"""RSS after N unique documents, each one a request through the service's Analyzer.

Run in a fresh process by ``bench.run``; prints one JSON object:

    python -m bench.memory --total 20000 --checkpoint 1000
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
from pathlib import Path

from bench.corpus import unique_briefs
from service.analyzer import Analyzer, Options
from service.cache import NullCache
from service.nlp import load_pipeline


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--total", type=int, default=20000)
    parser.add_argument("--checkpoint", type=int, default=1000)
    args = parser.parse_args()
    analyzer = Analyzer(load_pipeline(args.model), NullCache())
    options = Options()
    marks = sorted({args.checkpoint, args.total})
    rss: dict[str, float] = {}
    strings: dict[str, int] = {}
    done = 0
    for text in unique_briefs(args.total):
        analyzer.analyze(text, options, use_cache=False)
        done += 1
        if done in marks:
            gc.collect()
            rss[str(done)] = round(rss_mb(), 1)
            strings[str(done)] = len(analyzer.nlp.vocab.strings)
    print(
        json.dumps(
            {"total": args.total, "checkpoint": args.checkpoint, "rss_mb": rss, "vocab_strings": strings}
        )
    )


if __name__ == "__main__":
    main()
