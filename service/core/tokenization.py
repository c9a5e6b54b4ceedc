"""Teach the tokenizer to split quote marks glued to words, to keep the full stop of a
rank's abbreviation, and to stay linear.

Wire copy often loses the space around a quote: ``Clinton:"We learned`` or
``he said,"I know``. spaCy's English tokenizer keeps ``Clinton:"We`` as one token,
so the quote's first word and the speaker's name vanish into it. Two extra infix
rules split such tokens; text with normal spacing tokenizes exactly as before.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

GLUED_QUOTE_INFIXES = (
    r"(?<=\w)[:;,](?=[\"“‘])",  # Clinton:"We -> Clinton : "We
    r"(?<=[\w.,:;!?])[\"“”](?=\w)",  # :"We -> : " We
)


def _spacy_tokenizer(nlp: Language) -> Tokenizer | None:
    """``nlp``'s own spaCy tokenizer (inside the bound, if it has one); None for a custom
    tokenizer, which is left alone."""
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, BoundedTokenizer):
        tokenizer = tokenizer.inner
    return tokenizer if isinstance(tokenizer, Tokenizer) else None


def split_glued_quotes(nlp: Language) -> None:
    """Add the infix rules to ``nlp``'s tokenizer once (calling it again changes nothing)."""
    tokenizer = _spacy_tokenizer(nlp)
    if tokenizer is None:
        return
    current = tokenizer.infix_finditer
    pattern = getattr(getattr(current, "__self__", None), "pattern", "")
    if GLUED_QUOTE_INFIXES[0] in pattern:
        return
    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


# Ranks the English tokenizer splits from their full stop ("Capt" "."): the parser then
# ends the sentence there, and "Army Capt. Lena Ortiz said" loses its speaker.
TITLE_ABBREVIATIONS = (
    "Capt.", "Lt.", "Col.", "Maj.", "Sgt.", "Cpl.", "Pvt.", "Spc.", "Cmdr.", "Brig.",
    "Insp.", "Supt.", "Det.", "Amb.", "Atty.", "Gens.", "Reps.", "Sens.",
)  # fmt: skip


def keep_title_abbreviations(nlp: Language) -> None:
    """Each rank's abbreviation one token, full stop and all (again changes nothing)."""
    tokenizer = _spacy_tokenizer(nlp)
    if tokenizer is None:
        return
    for abbreviation in TITLE_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


LONGEST_RUN = 200  # characters without white space that the tokenizer takes in one piece


class BoundedTokenizer:
    """spaCy's tokenizer peels affixes off a word one at a time, each time searching the
    rest of the word: a word of n quote marks or dots costs n². Text without such a word
    (any ordinary article: even long URLs stay under ``LONGEST_RUN``) goes through
    unchanged; a longer run is tokenized in pieces of ``LONGEST_RUN`` characters, so the
    cost stays linear. The Doc's text is the input, character for character."""

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            doc: Doc = self.inner(text)
            return doc
        docs = [self.inner(piece) for piece in _pieces(text) if piece]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)  # vocab, pipe, rules ... as the wrapped tokenizer


_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1}}}")


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    last = 0
    for run in re.finditer(rf"\S{{{LONGEST_RUN + 1},}}", text):
        pieces.append(text[last : run.start()])
        starts = range(run.start(), run.end(), LONGEST_RUN)
        pieces += [text[i : min(i + LONGEST_RUN, run.end())] for i in starts]
        last = run.end()
    pieces.append(text[last:])
    return pieces


def bound_tokenizer(nlp: Language) -> None:
    """Wrap ``nlp``'s tokenizer in ``BoundedTokenizer`` once."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
