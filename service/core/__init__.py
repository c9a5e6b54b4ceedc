"""The extraction core: text in, frozen dataclasses out. No HTTP here."""

from .extract import Extractor
from .model import Attribution, Extraction, Quote, QuoteType, Resolution, Speaker, SpeakerKind
from .parsing import BudgetExceeded

# Bump when a rule or word list changes what is extracted: cached answers depend on it.
RULES_VERSION = "2026.12.01.18"
# Bump when a reported-speech rule changes (``reporting``): answers with the ``indirect``
# option are cached under it too, so the default answers keep their cache entries.
REPORTING_VERSION = "2026.12.01.17"

__all__ = [
    "REPORTING_VERSION",
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
