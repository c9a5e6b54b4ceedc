"""The extraction core: text in, frozen dataclasses out. No HTTP here."""

from .extract import Extractor
from .model import Attribution, Extraction, Quote, QuoteType, Resolution, Speaker, SpeakerKind
from .parsing import BudgetExceeded

# Bump when a rule or word list changes what is extracted: cached answers depend on it.
RULES_VERSION = "2026.11.12"

__all__ = [
    "RULES_VERSION",
    "Attribution",
    "BudgetExceeded",
    "Extraction",
    "Extractor",
    "Quote",
    "QuoteType",
    "Resolution",
    "Speaker",
    "SpeakerKind",
]
