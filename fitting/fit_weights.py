"""Fit the weights of ``service/core/data/fitted_weights.json`` on hand-read names
(PolNeAR train), never on dev.

    python -m fitting.fit_weights                         # run the rules over train, fit, write
    python -m fitting.fit_weights --rows rows.json        # ... and keep the feature rows
    python -m fitting.fit_weights --from-rows rows.json --out weights.json   # fit only

Two models, fitted in turn:
1. **antecedent**: which of a he/she's compatible candidates it stands for. Every he/she
   that is the speaker mention of a gold quote with a hand-read name (``speaker_name``),
   with two or more candidates one of which bears that name, is one group: the features
   ``service.core.resolution.antecedent_features`` computes for each candidate. A
   conditional logit (softmax over the group) picks the candidate.
2. **confidence**: whether a quote's name is right. Every direct quote the rules find that
   matches a gold quote with a hand-read name, and that the rules gave a name, is one row:
   the features ``service.core.confidence.features`` computes for it, labelled by the
   scorer's own test (``canonical_ok`` in ``../shared/eval/score.py``). Collected again
   after the antecedent weights are in place, since they change which names quotes get.

Both are L2-regularised and fitted by Newton's method in numpy: the same rows give the
same weights to the last digit (``tests/test_fitting.py``). numpy comes with spaCy;
nothing here is imported by the service.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import math
import random
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_GOLD = EVAL / "polnear-train.gold.jsonl"
DEFAULT_OUT = ROOT / "service" / "core" / "data" / "fitted_weights.json"
L2 = 1.0  # ridge on every weight but the bias: a rare feature cannot swing to extremes
# The he/she ranking's ridge, chosen by cross-validation over train's articles (``--cv``:
# five folds, five shuffles; rules 2026.11.30.44: held-out right candidate 0.9287 at 0.1,
# 0.9303 at 0.3, 0.9284 at 0.5, 0.9244 at 1.0, 0.9197 at 2.0). The confidence model's
# held-out log-loss barely moves with its ridge (0.1356 at 1.0, 0.1355 at 2.0): it keeps L2.
L2_ANTECEDENT = 0.3
CV_FOLDS = 5
CV_REPEATS = 5
CV_L2 = (0.1, 0.3, 0.5, 1.0, 2.0)
BINS = [(0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]

Row = dict[str, Any]  # {"features": {name: value}, "label": 0 | 1, "article": id}
Group = dict[str, Any]  # {"candidates": [{name: value}], "right": index, "article": id}


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(
    gold_path: Path, scorer: ModuleType, weights: Path | None = None
) -> tuple[list[Row], list[Group]]:
    """Run the extractor over every gold article: confidence rows and antecedent groups."""
    from service.core import Extractor
    from service.core.confidence import weights_from
    from service.core.normalize import normalize, original_span
    from service.nlp import load_pipeline

    extractor = Extractor(load_pipeline("en_core_web_sm"))
    if weights is not None:
        extractor.weights = weights_from(json.loads(weights.read_text(encoding="utf-8")))
    seen: dict[str, dict[str, float]] = {}
    candidates: list[tuple[int, int, list[tuple[str | None, dict[str, float]]]]] = []
    extractor.observe = lambda quote_id, features: seen.__setitem__(quote_id, features)
    extractor.observe_candidates = lambda mention, found: candidates.append(
        (mention.start, mention.end, [(entity.name, features) for entity, features in found])
    )
    rows: list[Row] = []
    groups: list[Group] = []
    for article, g in scorer.load(str(gold_path)).items():
        seen.clear()
        candidates.clear()
        text = g["text"]
        quotes = list(extractor.extract(text).quotes)
        named = [q for q in g["quotes"] if q.get("direct") and q.get("speaker_name")]
        # The rules read the normalised text (invisible characters out, garbled ones
        # repaired): a he/she's offsets go back into the text as the gold file has it.
        normalized = normalize(text)
        for start, end, found in candidates:
            start, end = original_span(start, end, normalized.origin, normalized.widths)
            gold = next(
                (
                    q
                    for q in named
                    if q.get("speaker")
                    and scorer.overlaps((start, end), (q["speaker"]["start"], q["speaker"]["end"]))
                ),
                None,
            )
            if gold is None:
                continue
            right = [
                i for i, (name, _) in enumerate(found) if scorer.canonical_ok(gold["speaker_name"], name)
            ]
            if len(right) == 1:
                groups.append({"article": article, "candidates": [f for _, f in found], "right": right[0]})
        predicted = [(scorer.trim(text, q.start, q.end), q) for q in quotes]
        for gq in named:
            for s, e in gq["spans"]:
                span = scorer.trim(text, s, e)
                best = max(predicted, key=lambda p: scorer.jaccard(span, p[0]), default=None)
                if best is None or scorer.jaccard(span, best[0]) < 0.5 or best[1].id not in seen:
                    continue
                quote = best[1]
                name = quote.speaker.name if quote.speaker else None
                label = int(bool(scorer.canonical_ok(gq["speaker_name"], name)))
                rows.append({"article": article, "features": seen[quote.id], "label": label})
    return rows, groups


def fit_antecedent(groups: list[Group], l2: float = L2, iterations: int = 50) -> dict[str, Any]:
    """A conditional logit: for each group, softmax over its candidates' scores."""
    names = sorted({name for g in groups for c in g["candidates"] for name in c})
    column = {name: i for i, name in enumerate(names)}
    matrices, right = [], []
    for g in groups:
        x = np.zeros((len(g["candidates"]), len(names)))
        for r, c in enumerate(g["candidates"]):
            for name, value in c.items():
                x[r, column[name]] = value
        matrices.append(x)
        right.append(g["right"])
    w = np.zeros(len(names))
    for _ in range(iterations):
        gradient = l2 * w
        hessian = l2 * np.eye(len(names))
        for x, y in zip(matrices, right, strict=True):
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            mean = p @ x
            gradient += mean - x[y]
            hessian += (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return {"weights": {name: round(float(w[column[name]]), 6) for name in names}}


def antecedent_accuracy(groups: list[Group], weights: dict[str, float]) -> float:
    """How often the fitted weights pick the right candidate (ties: the first listed)."""
    hits = 0
    for g in groups:
        scores = [sum(weights.get(k, 0.0) * v for k, v in c.items()) for c in g["candidates"]]
        hits += scores.index(max(scores)) == g["right"]
    return hits / max(len(groups), 1)


def fit_confidence(rows: list[Row], l2: float = L2, iterations: int = 50) -> dict[str, Any]:
    """Weights by Newton's method on the penalised log-likelihood; features in name order."""
    names = sorted({name for row in rows for name in row["features"]})
    x = np.zeros((len(rows), len(names) + 1))
    x[:, 0] = 1.0
    column = {name: i + 1 for i, name in enumerate(names)}
    for r, row in enumerate(rows):
        for name, value in row["features"].items():
            x[r, column[name]] = value
    y = np.array([row["label"] for row in rows], dtype=float)
    penalty = np.full(len(names) + 1, l2)
    penalty[0] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return {
        "bias": round(float(w[0]), 6),
        "weights": {name: round(float(w[column[name]]), 6) for name in names},
    }


def probability(weights: dict[str, Any], features: dict[str, float]) -> float:
    from service.core.confidence import NameModel

    return NameModel(weights["bias"], weights["weights"]).probability(features)


def reliability(pairs: Iterable[tuple[float, int]]) -> tuple[list[str], float]:
    """The table ``../shared/eval/calibration.py`` prints, and the expected calibration error."""
    pairs = list(pairs)
    lines, ece = [], 0.0
    for lo, hi in BINS:
        b = [(c, ok) for c, ok in pairs if lo <= c < hi]
        if b:
            conf = sum(c for c, _ in b) / len(b)
            acc = sum(ok for _, ok in b) / len(b)
            ece += len(b) / len(pairs) * abs(conf - acc)
            lines.append(f"| [{lo:.2f}, {min(hi, 1):.2f}) | {len(b)} | {conf:.3f} | {acc:.3f} |")
    return lines, ece


SALIENCE_ONLY = {"weights": {"salience": 1.0}}


def _stage(path: Path, antecedent: dict[str, Any]) -> None:
    empty = {"bias": 0.0, "weights": {}}
    path.write_text(
        json.dumps({"rules_version": "", "confidence": empty, "antecedent": antecedent}), encoding="utf-8"
    )


def fit_all(
    rows: list[Row], groups: list[Group], l2: float = L2, l2_antecedent: float = L2_ANTECEDENT
) -> dict[str, Any]:
    return {
        "confidence": {"rows": len(rows), "l2": l2, **fit_confidence(rows, l2)},
        "antecedent": {"groups": len(groups), "l2": l2_antecedent, **fit_antecedent(groups, l2_antecedent)},
    }


def cross_validate(
    rows: list[Row], groups: list[Group], l2s: Iterable[float] = CV_L2, folds: int = CV_FOLDS
) -> list[tuple[float, float, float]]:
    """For each ridge, the he/she groups' held-out share of right candidates and the
    confidence rows' held-out log-loss, over ``folds`` folds of whole articles (an
    article's rows never straddle a fold), repeated over ``CV_REPEATS`` fixed shuffles:
    one split's noise is a few groups either way."""
    articles = sorted({g["article"] for g in groups} | {r["article"] for r in rows})
    splits = []
    for seed in range(CV_REPEATS):
        order = articles[:]
        random.Random(seed).shuffle(order)
        splits.append({a: i % folds for i, a in enumerate(order)})
    table = []
    for l2 in l2s:
        right = tried = 0
        loss = 0.0
        for fold, k in ((fold, k) for fold in splits for k in range(folds)):
            held = [g for g in groups if fold[g["article"]] == k]
            weights = fit_antecedent([g for g in groups if fold[g["article"]] != k], l2)["weights"]
            right += round(antecedent_accuracy(held, weights) * len(held)) if held else 0
            tried += len(held)
            model = fit_confidence([r for r in rows if fold[r["article"]] != k], l2)
            for r in (r for r in rows if fold[r["article"]] == k):
                p = min(max(probability(model, r["features"]), 1e-6), 1 - 1e-6)
                loss -= math.log(p) if r["label"] else math.log(1 - p)
        table.append((l2, right / max(tried, 1), loss / max(len(rows) * len(splits), 1)))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="hand-read names (train, never dev)")
    parser.add_argument("--scorer", type=Path, default=EVAL / "score.py")
    parser.add_argument("--rows", type=Path, help="also write the rows and groups here (JSON)")
    parser.add_argument(
        "--from-rows", type=Path, help="fit these rows and groups instead of running the rules"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--l2", type=float, default=L2, help="the confidence model's ridge")
    parser.add_argument(
        "--l2-antecedent", type=float, default=L2_ANTECEDENT, help="the he/she ranking's ridge"
    )
    parser.add_argument(
        "--cv", action="store_true", help="also print a cross-validation of the ridges over train's articles"
    )
    args = parser.parse_args(argv)
    if "dev" in args.gold.name:
        parser.error("dev is the check, not the fit: pass train")
    if args.from_rows:
        data = json.loads(args.from_rows.read_text(encoding="utf-8"))
        rows, groups, source = data["rows"], data["groups"], args.from_rows.name
    else:
        scorer = load_scorer(args.scorer)
        # Pass 1 ranks he/she by salience alone, whatever the weights file holds, so that a
        # refit starts from the same place every time; pass 2 uses the new antecedent weights.
        staged = args.out.with_suffix(".staged.json")
        try:
            _stage(staged, SALIENCE_ONLY)
            _, groups = collect(args.gold, scorer, staged)
            _stage(staged, fit_antecedent(groups, args.l2_antecedent))
            rows, _ = collect(args.gold, scorer, staged)
        finally:
            staged.unlink(missing_ok=True)
        source = args.gold.name
    if args.rows:
        args.rows.write_text(json.dumps({"rows": rows, "groups": groups}, sort_keys=True), encoding="utf-8")
    fitted = fit_all(rows, groups, args.l2, args.l2_antecedent)
    from service.core import RULES_VERSION

    document = {
        "rules_version": RULES_VERSION,
        "fitted_on": source,
        "date": datetime.date.today().isoformat(),
        **fitted,
    }
    args.out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    pairs = [
        (min(max(probability(fitted["confidence"], r["features"]), 0.04), 0.995), r["label"]) for r in rows
    ]
    lines, ece = reliability(pairs)
    print(f"{len(rows)} quote rows and {len(groups)} he/she groups from {source}; wrote {args.out}")
    before = antecedent_accuracy(groups, {"salience": 1.0})
    after = antecedent_accuracy(groups, fitted["antecedent"]["weights"])
    print(f"he/she groups: right candidate {before:.3f} by salience alone, {after:.3f} fitted")
    print("| confidence | quotes | mean confidence | name right |\n|---|---|---|---|")
    print("\n".join(lines))
    high = [ok for c, ok in pairs if c >= 0.9]
    print(
        f"fitted rows: conf >= 0.9: {len(high)} at precision "
        f"{sum(high) / max(len(high), 1):.3f}; ECE {ece:.3f}"
    )
    if args.cv:
        print(f"{CV_FOLDS}-fold cross-validation over articles, {CV_REPEATS} shuffles:")
        print("| ridge | he/she right, held out | confidence log-loss, held out |\n|---|---|---|")
        for l2, right, loss in cross_validate(rows, groups):
            print(f"| {l2} | {right:.4f} | {loss:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
