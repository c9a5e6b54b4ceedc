"""How likely a quote's speaker name is right: a logistic model over the evidence behind it.

``evidence`` turns what the rules know about a quote (how it was linked to its mention,
how the mention became a name, how many rivals the name had, how the name is formed) into
named features; ``confidence`` weighs them with the weights in ``data/fitted_weights.json``,
fitted on PolNeAR train by ``fitting/fit_weights.py`` (``docs/accuracy.md`` says how to
refit), beside the weights ``resolution`` ranks a he/she's candidates with. Serving is
plain Python: a dot product and a logistic. A quote without a name cannot be right, so it
scores a fixed floor below every named one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .entities import Entity
from .lexicon import Lexicon
from .model import Attribution, Resolution, SpeakerKind
from .resolution import Resolved

UNRESOLVED = 0.03  # a speaker mention without a name: nothing to be right
NO_SPEAKER = 0.02
# A cue read from the words beside the quote, past the parse allowance (``lexical``): news
# never reaches the allowance, so the fit has seen no such quote. Never auto-accepted.
LEXICAL_CAP = 0.85
WEIGHTS_FILE = "fitted_weights.json"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a quote's name rests on, beside its resolution."""

    attribution: Attribution
    linked: bool  # the cue is on the quote's dependency path
    lexical: bool = False  # read from the words beside the quote, past the parse allowance
    paragraphs_back: int = 0  # paragraphs between the speaker mention and the quote


def features(
    evidence: Evidence, resolved: Resolved, entity: Entity, lexicon: Lexicon, common: frozenset[str]
) -> dict[str, float]:
    """The named features of one quote whose speaker resolved to ``entity``."""
    f: dict[str, float] = {}
    attribution = evidence.attribution
    if attribution is Attribution.CUE:
        f["link_lexical" if evidence.lexical else "link_cue" if evidence.linked else "link_cue_nearby"] = 1.0
    else:
        f[f"link_{attribution.value}"] = 1.0
    f["paragraphs_back"] = float(min(evidence.paragraphs_back, 3))
    resolution = resolved.resolution
    f[f"resolution_{resolution.value}"] = 1.0
    rivals = max(resolved.candidates - 1, 0)
    if rivals:
        f["rivals"] = math.log1p(rivals)
        f["close_rival"] = 1.0 - max(0.0, min(resolved.margin, 1.0))
    if resolution is Resolution.PRONOUN:
        if resolved.share < 1.0:
            f["antecedent_doubt"] = 1.0 - resolved.share  # the he/she ranking's own doubt
        if not resolved.agreement:
            f["pronoun_gender_unconfirmed"] = 1.0
        if entity.kind is SpeakerKind.ORGANIZATION:
            f["pronoun_group"] = 1.0
    if resolved.by_salience:
        f["role_by_salience"] = 1.0
    if resolution is Resolution.PARTIAL_NAME and rivals:
        f["shared_surname"] = 1.0
    if entity.kind is SpeakerKind.ORGANIZATION:
        f["organization"] = 1.0
    elif len(entity.tokens) >= 2:
        f["full_name"] = 1.0
        given = entity.given
        if any(token in lexicon.given_names for token in given):
            f["listed_given_name"] = 1.0
        if any(token in common for token in given):
            f["given_is_common_word"] = 1.0
    else:
        f["one_word_name"] = 1.0
    if entity.kind is SpeakerKind.UNKNOWN:
        f["kind_unknown"] = 1.0
    f["times_named"] = math.log1p(entity.seen)
    f["times_quoted"] = math.log1p(len(entity.mentions))  # one per quote it was linked to so far
    return f


@dataclass(frozen=True)
class NameModel:
    """Weights of a logistic model, as fitted; unknown features weigh nothing."""

    bias: float
    weights: dict[str, float]

    def probability(self, f: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in f.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@dataclass(frozen=True)
class FittedWeights:
    rules_version: str
    confidence: NameModel
    antecedent: dict[str, float]  # he/she candidates: feature -> weight (``resolution``)


def weights_from(raw: dict[str, Any]) -> FittedWeights:
    """The models of a weights document, as ``fitting/fit_weights.py`` writes it."""
    conf = raw["confidence"]
    return FittedWeights(
        str(raw["rules_version"]),
        NameModel(float(conf["bias"]), {k: float(v) for k, v in conf["weights"].items()}),
        {k: float(v) for k, v in raw["antecedent"]["weights"].items()},
    )


@cache
def load_weights() -> FittedWeights:
    return weights_from(
        json.loads(resources.files("service.core.data").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    )


def confidence(
    evidence: Evidence,
    resolved: Resolved | None,
    lexicon: Lexicon,
    common: frozenset[str],
    model: NameModel | None = None,
) -> tuple[float, dict[str, float] | None]:
    """The probability that the quote's name is right, with the features it came from
    (``None`` for a quote without a name)."""
    if evidence.attribution is Attribution.NONE or resolved is None:
        return NO_SPEAKER, None
    entity = resolved.entity
    if entity is None or not entity.name:
        return UNRESOLVED, None
    f = features(evidence, resolved, entity, lexicon, common)
    p = (model or load_weights().confidence).probability(f)
    if evidence.lexical:
        p = min(p, LEXICAL_CAP)
    # Named quotes stay above the unnamed ones, and no name is certain.
    return round(min(max(p, UNRESOLVED + 0.01), 0.995), 3), f
