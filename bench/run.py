"""Throughput, latency and memory, side by side with the spaCy floor and the textacy peer.

    python -m bench.run                         # 200 generated articles (about 10 minutes on 2 cores)
    python -m bench.run --smoke                 # a handful of documents: checks every part works
    python -m bench.run --extra ../shared/eval/polnear-dev.gold.jsonl   # add real news texts

Every figure comes from one run on one machine with one model, and is also given as
a ratio to the floor measured in the same run: these machines are noisy, so absolute
times alone mean little. The table goes to the terminal, the figures to a JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy

from bench.corpus import articles, speaker_accuracy
from bench.http_load import LoadResult, Server, load, start_redis
from service.backfill import extract_rows
from service.core import Extractor
from service.nlp import load_pipeline, model_id, resolve_model_name

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measure:
    """One row of the table."""

    name: str
    documents: int
    words: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    def summary(self, floor: Measure | None) -> dict[str, Any]:
        return {
            "name": self.name,
            "documents": self.documents,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_s, 2),
            "words_per_s": round(self.words_per_s, 1),
            "p50_ms": _round(self.percentile(0.5)),
            "p99_ms": _round(self.percentile(0.99)),
            "vs_floor": round(self.docs_per_s / floor.docs_per_s, 3) if floor and floor.docs_per_s else None,
            **self.notes,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def words_in(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` runs: the machine's noise only ever slows a run down."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def best_load(url: str, texts: list[str], repeat: int, **kwargs: Any) -> LoadResult:
    """The best of ``repeat`` bounded loads (by documents per second)."""
    runs = [load(url, texts, **kwargs) for _ in range(repeat)]
    return max(runs, key=lambda r: r.documents / r.seconds if r.seconds else 0.0)


def latencies(texts: list[str], one: Callable[[str], object]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        one(text)
        out.append((time.perf_counter() - started) * 1000)
    return out


# -- in process -----------------------------------------------------------------------------
def floor_and_peer(
    model: str, texts: list[str], sample: list[str], repeat: int
) -> tuple[Measure, Measure | None]:
    """The floor: a bare ``nlp.pipe`` with the full default pipeline. The peer: the same
    plus textacy's ``direct_quotations`` on every Doc."""
    nlp = spacy.load(resolve_model_name(model))
    list(nlp.pipe(texts[:5]))  # warm up
    words = words_in(texts)

    def floor_pass() -> None:
        with nlp.memory_zone():
            for _ in nlp.pipe(texts):
                pass

    floor = Measure("floor: nlp.pipe, full pipeline", len(texts), words, timed(floor_pass, repeat))
    floor.notes.update(pipeline=nlp.pipe_names, model=model_id(nlp))
    floor.latencies_ms = latencies(sample, nlp)
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print("textacy is not installed (pip install -e '.[bench]'): no peer row", file=sys.stderr)
        return floor, None
    failures = found = 0

    def quotations(doc: Any) -> None:
        nonlocal failures, found
        try:
            found += len(list(direct_quotations(doc)))
        except Exception:  # textacy raises on an odd number of quote marks
            failures += 1

    def peer_pass() -> None:
        nonlocal failures, found
        failures = found = 0
        with nlp.memory_zone():
            for doc in nlp.pipe(texts):
                quotations(doc)

    peer = Measure("peer: + textacy direct_quotations", len(texts), words, timed(peer_pass, repeat))
    peer.notes.update(quotes_found=found, documents_failed=failures)
    peer.latencies_ms = latencies(sample, lambda text: quotations(nlp(text)))
    return floor, peer


def ours_in_process(
    model: str, texts: list[str], sample: list[str], repeat: int, gold: list[list[dict[str, Any]]]
) -> Measure:
    """What ``quotes extract --jsonl`` runs, JSON encoding included; and, on the generated
    articles, whether each quote went to the speaker the generator wrote it for."""
    nlp = load_pipeline(model)
    extractor = Extractor(nlp)
    rows = [{"id": str(n), "text": text} for n, text in enumerate(texts)]
    list(extractor.extract_many(texts[:5]))  # warm up
    results: list[dict[str, Any]] = []

    def run() -> None:
        results.clear()
        for result in extract_rows(rows, nlp, extractor):
            results.append(result)
            json.dumps(result, ensure_ascii=False)

    measure = Measure("ours: quotes extract --jsonl", len(texts), words_in(texts), timed(run, repeat))
    scores = [speaker_accuracy(expected, r["quotes"]) for expected, r in zip(gold, results, strict=False)]
    measure.notes.update(
        quotes_found=sum(len(r["quotes"]) for r in results),
        generated_quotes_to_the_right_speaker=f"{sum(r for r, _ in scores)}/{sum(t for _, t in scores)}",
    )

    def one(text: str) -> None:
        with nlp.memory_zone():
            extractor.extract(text).to_dict()

    measure.latencies_ms = latencies(sample, one)
    return measure


def memory_growth(model: str, total: int, checkpoint: int) -> dict[str, Any]:
    """RSS after ``checkpoint`` and after ``total`` unique documents, each a request
    through the service's Analyzer, in a fresh process."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.memory",
            "--model",
            model,
            "--total",
            str(total),
            "--checkpoint",
            str(checkpoint),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


# -- over HTTP ------------------------------------------------------------------------------
# Requests the load generator keeps in flight per worker: a newsroom pipeline or a backfill
# sends many at once, and the service parses the requests that wait together.
IN_FLIGHT = 8


def http_rows(
    model: str, texts: list[str], hits_sample: list[str], seconds: float, repeat: int
) -> list[Measure]:
    rows: list[Measure] = []
    uncached = {"Cache-Control": "no-cache"}  # skips the read; the write warms the cache for the hit rows
    with Server(model, workers=1, warm_up=texts[:10]) as server:
        one = best_load(server.url, texts, repeat, concurrency=IN_FLIGHT, seconds=seconds, headers=uncached)
        rows.append(
            Measure(
                "http: 1 worker, uncached",
                one.documents,
                words_in(texts[: one.documents]),
                one.seconds,
                one.latencies_ms,
            )
        )
        rows[-1].notes.update(in_flight=IN_FLIGHT, peak_rss_mb_per_worker=server.peak_rss_mb())
        hits = load(server.url, hits_sample * 5, concurrency=1, seconds=seconds)
        rows.append(
            Measure("http: cache hits, in-process", hits.documents, 0, hits.seconds, hits.latencies_ms)
        )
        rows[-1].notes["x_cache"] = hits.cache_states
        batch = best_load(
            server.url, texts, repeat, concurrency=2, seconds=seconds, headers=uncached, batch=16
        )
        rows.append(
            Measure(
                "http: /quotes/batch of 16, uncached",
                batch.documents,
                words_in(texts[: batch.documents]),
                batch.seconds,
            )
        )
        rows[-1].notes["in_flight"] = 2
    redis = start_redis()
    try:
        with Server(model, workers=2, redis_url=redis.url if redis else None, warm_up=texts[:10]) as server:
            two = best_load(
                server.url, texts, repeat, concurrency=2 * IN_FLIGHT, seconds=seconds, headers=uncached
            )
            rows.append(
                Measure(
                    "http: 2 workers, uncached",
                    two.documents,
                    words_in(texts[: two.documents]),
                    two.seconds,
                    two.latencies_ms,
                )
            )
            rows[-1].notes.update(in_flight=2 * IN_FLIGHT, peak_rss_mb_per_worker=server.peak_rss_mb())
            if redis:
                hits = load(server.url, hits_sample * 5, concurrency=1, seconds=seconds)
                rows.append(
                    Measure("http: cache hits, Redis", hits.documents, 0, hits.seconds, hits.latencies_ms)
                )
                rows[-1].notes["x_cache"] = hits.cache_states
    finally:
        if redis:
            redis.remove()
    return rows


# -- report ---------------------------------------------------------------------------------
def targets(by_name: dict[str, Measure], memory: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    def ratio(a: str, b: str) -> float | None:
        if a in by_name and b in by_name and by_name[b].docs_per_s:
            return by_name[a].docs_per_s / by_name[b].docs_per_s
        return None

    ours, floor, peer = (
        "ours: quotes extract --jsonl",
        "floor: nlp.pipe, full pipeline",
        "peer: + textacy direct_quotations",
    )
    one, two = "http: 1 worker, uncached", "http: 2 workers, uncached"
    checks = [
        ("in-process >= 1.5x peer", ratio(ours, peer), 1.5),
        ("in-process >= 1.2x floor", ratio(ours, floor), 1.2),
        ("HTTP 1 worker >= 0.9x in-process", ratio(one, ours), 0.9),
        ("HTTP 2 workers >= 1.7x 1 worker", ratio(two, one), 1.7),
    ]
    out: list[tuple[str, bool | None, str]] = [
        (label, None if value is None else value >= goal, "n/a" if value is None else f"{value:.2f}x")
        for label, value, goal in checks
    ]
    for name in ("http: cache hits, in-process", "http: cache hits, Redis"):
        if name in by_name:
            p99 = by_name[name].percentile(0.99) or 0.0
            out.append((f"{name.removeprefix('http: ')} p99 < 5 ms", p99 < 5.0, f"{p99:.2f} ms"))
    first, last = memory["rss_mb"][str(memory["checkpoint"])], memory["rss_mb"][str(memory["total"])]
    growth = last - first
    ok = growth <= max(0.10 * first, 50.0)
    out.append(
        (
            f"RSS after {memory['total']} docs within 10% or 50 MB of after {memory['checkpoint']}",
            ok,
            f"{first:.0f} -> {last:.0f} MB",
        )
    )
    return out


def print_table(rows: list[dict[str, Any]], checks: list[tuple[str, bool | None, str]]) -> None:
    header = f"{'':40} {'docs/s':>8} {'words/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'x floor':>8}"
    print(header)
    print("-" * len(header))
    for row in rows:
        p50 = "" if row["p50_ms"] is None else f"{row['p50_ms']:.1f}"
        p99 = "" if row["p99_ms"] is None else f"{row['p99_ms']:.1f}"
        vs = "" if row["vs_floor"] is None else f"{row['vs_floor']:.2f}"
        print(
            f"{row['name']:40} {row['docs_per_s']:8.2f} {row['words_per_s']:9.0f} {p50:>8} {p99:>8} {vs:>8}"
        )
    print()
    for label, ok, value in checks:
        mark = "n/a " if ok is None else ("PASS" if ok else "MISS")
        print(f"  {mark}  {label}: {value}")


def corpus(count: int, extra: list[str]) -> tuple[list[str], list[list[dict[str, Any]]]]:
    """The texts (generated first, then any extra), and the generated articles' quotes."""
    generated = list(articles(count))
    texts = [row["text"] for row in generated]
    for path in extra:
        if Path(path).exists():
            texts += [
                json.loads(line)["text"]
                for line in Path(path).read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
        else:
            print(f"--extra {path}: not found, skipped", file=sys.stderr)
    return texts, [row["quotes"] for row in generated]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument(
        "--extra", action="append", default=[], help="a JSONL file of {text} to add (repeatable)"
    )
    parser.add_argument("--latency-docs", type=int, default=100, help="documents timed one at a time")
    parser.add_argument("--memory-docs", type=int, default=20000, help="unique documents for the RSS check")
    parser.add_argument("--memory-checkpoint", type=int, default=1000)
    parser.add_argument("--http-seconds", type=float, default=180.0, help="time bound of each HTTP load")
    parser.add_argument("--model", default=os.environ.get("QUOTES_MODEL", "en_core_web_sm"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--repeat", type=int, default=2, help="throughput passes per row; the best counts")
    parser.add_argument("--smoke", action="store_true", help="tiny inputs: checks that every part runs")
    args = parser.parse_args(argv)
    if args.smoke:
        args.docs, args.latency_docs, args.memory_docs, args.memory_checkpoint = 6, 3, 60, 20
        args.repeat = 1
        args.http_seconds = 30.0
        if args.out == parser.get_default("out"):
            args.out = str(Path(tempfile.gettempdir()) / "quotes-bench-smoke.json")

    texts, gold = corpus(args.docs, args.extra)
    sample = texts[: args.latency_docs]
    print(f"{len(texts)} documents, {words_in(texts)} words; model {args.model}", file=sys.stderr)
    floor, peer = floor_and_peer(args.model, texts, sample, args.repeat)
    measures = (
        [floor] + ([peer] if peer else []) + [ours_in_process(args.model, texts, sample, args.repeat, gold)]
    )
    measures += http_rows(args.model, texts, texts[: min(50, len(texts))], args.http_seconds, args.repeat)
    memory = memory_growth(args.model, args.memory_docs, args.memory_checkpoint)

    by_name = {m.name: m for m in measures}
    rows = [m.summary(floor) for m in measures]
    checks = targets(by_name, memory)
    print_table(rows, checks)
    if args.smoke:
        print("  smoke run: six documents, one pass; the figures only show that every part runs")
    print(f"  memory: {json.dumps(memory['rss_mb'])} MB RSS by documents processed")
    ours = by_name["ours: quotes extract --jsonl"].notes
    print(
        f"  generated quotes attributed to the right speaker: {ours['generated_quotes_to_the_right_speaker']}"
    )
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "model": floor.notes["model"],
        "corpus": {
            "documents": len(texts),
            "words": words_in(texts),
            "generated": args.docs,
            "extra": args.extra,
        },
        "rows": rows,
        "memory": memory,
        "targets": [{"target": label, "met": ok, "value": value} for label, ok, value in checks],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"  figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
