"""A default backfill of long ordinary articles loses nothing to the time budget.

Builds long news articles (corpus articles joined to about ``--chars`` characters each),
times each alone, then runs them through ``quotes extract --jsonl`` exactly as a backfill
does (default batch size and budget) and reports read / written / rejected; then sends
them as concurrent requests to a real ``quotes serve`` and counts the answers:

    python -m bench.backfill --count 20 --chars 40000 [--max-seconds 2] [--indirect]

A budget counts each text's own work, so a batch-mate's parse never makes a text fail:
with a budget a few times what one article costs alone, every document is written.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.corpus import articles
from bench.http_load import Server, request
from service.core import Extractor
from service.nlp import load_pipeline


def long_articles(count: int, chars: int) -> list[dict[str, str]]:
    source = articles(count * (chars // 3000 + 2))
    docs = []
    for n in range(count):
        parts: list[str] = []
        while sum(len(p) for p in parts) < chars:
            parts.append(next(source)["text"])
        docs.append({"id": f"long-{n}", "text": "\n\n".join(parts)[:chars]})
    return docs


def concurrent_requests(
    docs: list[dict[str, str]], model: str, max_seconds: float | None, indirect: bool = False
) -> dict[str, int]:
    """The same articles as concurrent POST /quotes requests to a real one-worker server:
    how many got each status (a 503 must carry Retry-After: refused up front, not given up)."""
    settings = {"QUOTES_CACHE_ENABLED": "false"}
    if max_seconds:
        settings["QUOTES_MAX_SECONDS"] = str(max_seconds)
    with Server(model, 1, settings=settings) as server, ThreadPoolExecutor(len(docs)) as pool:
        body = (
            (lambda d: {"text": d["text"], "options": {"indirect": True}})
            if indirect
            else (lambda d: {"text": d["text"]})
        )
        answers = list(pool.map(lambda d: request(server.url, "POST", "/quotes", body(d)), docs))
    counted: Counter[str] = Counter()
    for status, headers, _ in answers:
        retry = status == 503 and any(k.lower() == "retry-after" for k in headers)
        counted[f"{status}{' with Retry-After' if retry else ''}"] += 1
    return dict(counted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--chars", type=int, default=40_000)
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument(
        "--max-seconds", type=float, help="each document's budget (default QUOTES_MAX_SECONDS, 10 s)"
    )
    parser.add_argument("--indirect", action="store_true", help="reported speech too: every paragraph parsed")
    args = parser.parse_args(argv)
    docs = long_articles(args.count, args.chars)
    extractor = Extractor(load_pipeline(args.model))
    alone = []
    for doc in docs[:3]:
        began = time.perf_counter()
        extractor.extract(doc["text"], indirect=args.indirect)
        alone.append(time.perf_counter() - began)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        quotes = Path(sys.executable).with_name("quotes")
        began = time.perf_counter()
        run = subprocess.run(
            [str(quotes), "extract", "--jsonl", str(source), "--model", args.model]
            + (["--max-seconds", str(args.max_seconds)] if args.max_seconds else [])
            + (["--indirect"] if args.indirect else []),
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - began
    written = sum(1 for line in run.stdout.splitlines() if line.strip())
    summary = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
    statuses = concurrent_requests(docs, args.model, args.max_seconds, args.indirect)
    print(
        json.dumps(
            {
                "concurrent_http_statuses": statuses,
                "documents": len(docs),
                "chars_each": args.chars,
                "seconds_alone": [round(s, 2) for s in alone],
                "max_seconds": args.max_seconds,
                "indirect": args.indirect,
                "backfill_seconds": round(seconds, 1),
                "written": written,
                "summary": summary,
                "exit": run.returncode,
            }
        )
    )
    return 0 if written == len(docs) else 1


if __name__ == "__main__":
    sys.exit(main())
