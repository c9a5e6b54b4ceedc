"""Teach the tokenizer to split quote marks glued to words.

Wire copy often loses the space around a quote: ``Clinton:"We learned`` or
``he said,"I know``. spaCy's English tokenizer keeps ``Clinton:"We`` as one token,
so the quote's first word and the speaker's name vanish into it. Two extra infix
rules split such tokens; text with normal spacing tokenizes exactly as before.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[:;,](?=[\"“‘])",  # Clinton:"We -> Clinton : "We
    r"(?<=[\w.,:;!?])[\"“”](?=\w)",  # :"We -> : " We
)


def split_glued_quotes(nlp: Language) -> None:
    """Add the infix rules to ``nlp``'s tokenizer once (calling it again changes nothing)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: leave it alone
    current = tokenizer.infix_finditer
    pattern = getattr(getattr(current, "__self__", None), "pattern", "")
    if GLUED_QUOTE_INFIXES[0] in pattern:
        return
    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
