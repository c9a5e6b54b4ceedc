"""The fitted weights: the fit reproduces, the data file matches the rules, the hooks feed it.

The fixture holds feature rows only (numbers and labels, no article text), sampled from a
run of ``fitting/fit_weights.py --rows`` over PolNeAR train.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from fitting.fit_weights import antecedent_accuracy, collect, fit_all
from service.core import RULES_VERSION, Extractor
from service.core.confidence import NameModel, load_weights

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_fit_reproduces_its_weights() -> None:
    data = json.loads((FIXTURES / "fit_rows.json").read_text(encoding="utf-8"))
    expected = json.loads((FIXTURES / "fit_expected.json").read_text(encoding="utf-8"))
    fitted = fit_all(data["rows"], data["groups"])
    for model in ("confidence", "antecedent"):
        assert fitted[model]["weights"].keys() == expected[model]["weights"].keys()
        for name, weight in expected[model]["weights"].items():
            assert fitted[model]["weights"][name] == pytest.approx(weight, abs=1e-5), (model, name)
    assert fitted["confidence"]["bias"] == pytest.approx(expected["confidence"]["bias"], abs=1e-5)


def test_the_fitted_models_beat_chance_on_their_rows() -> None:
    data = json.loads((FIXTURES / "fit_rows.json").read_text(encoding="utf-8"))
    fitted = fit_all(data["rows"], data["groups"])
    model = NameModel(fitted["confidence"]["bias"], fitted["confidence"]["weights"])
    right = [model.probability(r["features"]) for r in data["rows"] if r["label"]]
    wrong = [model.probability(r["features"]) for r in data["rows"] if not r["label"]]
    assert sum(right) / len(right) > sum(wrong) / len(wrong) + 0.2
    assert antecedent_accuracy(data["groups"], fitted["antecedent"]["weights"]) > 0.8


def test_cross_validation_holds_whole_articles_out_and_reproduces() -> None:
    from fitting.fit_weights import cross_validate

    data = json.loads((FIXTURES / "fit_rows.json").read_text(encoding="utf-8"))
    # The fixture keeps no article ids: three rows (or groups) an article, as in news
    rows = [{**r, "article": f"a{i // 3}"} for i, r in enumerate(data["rows"])]
    groups = [{**g, "article": f"b{i // 3}"} for i, g in enumerate(data["groups"])]
    first = cross_validate(rows, groups, (0.3, 1.0))
    assert first == cross_validate(rows, groups, (0.3, 1.0))
    for l2, right, loss in first:
        assert l2 in (0.3, 1.0)
        assert 0.5 < right <= 1.0  # held-out he/she groups mostly right
        assert 0.0 < loss < 0.69  # better than a coin on held-out rows


def test_the_weights_were_fitted_for_these_rules() -> None:
    weights = load_weights()
    # Bump RULES_VERSION, then refit (docs/accuracy.md): the weights belong to the rules.
    assert weights.rules_version == RULES_VERSION
    assert weights.confidence.weights and weights.antecedent


def _toy_scorer(gold: dict[str, dict[str, object]]) -> SimpleNamespace:
    """The few functions of ``../shared/eval/score.py`` that ``collect`` calls."""

    def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
        inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
        return inter / (max(a[1], b[1]) - min(a[0], b[0]))

    return SimpleNamespace(
        load=lambda path: gold,
        trim=lambda text, s, e: (s, e),
        jaccard=jaccard,
        overlaps=lambda a, b: a[0] < b[1] and b[0] < a[1],
        canonical_ok=lambda want, got: bool(got) and want.split()[-1] in got.split(),
    )


def test_collect_gathers_quotes_and_pronoun_candidates(extractor: Extractor, tmp_path: Path) -> None:
    text = (
        "Anna Berg and Tom Reyes met the press on Monday.\n\n"
        "“We start in May,” Berg said.\n\n"
        "Maria Lund, the treasurer, disagreed with her.\n\n"
        "“It is too soon,” she said."
    )
    first, second = text.index("“We"), text.index("“It")
    she = text.rindex("she")
    gold = {
        "a": {
            "text": text,
            "quotes": [
                {
                    "direct": True,
                    "spans": [[first, text.index("”", first) + 1]],
                    "speaker_name": "Anna Berg",
                    "speaker": {"start": text.index("Berg said"), "end": text.index("Berg said") + 4},
                },
                {
                    "direct": True,
                    "spans": [[second, text.index("”", second) + 1]],
                    "speaker_name": "Maria Lund",
                    "speaker": {"start": she, "end": she + 3},
                },
            ],
        }
    }
    rows, groups = collect(tmp_path / "gold.jsonl", _toy_scorer(gold))
    assert len(rows) == 2 and all(r["features"] for r in rows)
    assert len(groups) == 1 and len(groups[0]["candidates"]) >= 2
    assert all("salience" in c for c in groups[0]["candidates"])
