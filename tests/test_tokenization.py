"""Quote marks glued to words are split off; normally spaced text tokenizes as before."""

from __future__ import annotations

import spacy
from spacy.language import Language

from service.core.tokenization import split_glued_quotes


def test_glued_quote_marks_are_split(nlp: Language) -> None:
    split_glued_quotes(nlp)
    assert [t.text for t in nlp.tokenizer('Berg:"We won."')] == ["Berg", ":", '"', "We", "won", ".", '"']
    assert [t.text for t in nlp.tokenizer("she said,“I know”")][:5] == ["she", "said", ",", "“", "I"]


def test_normal_spacing_and_apostrophes_tokenize_as_before(nlp: Language) -> None:
    split_glued_quotes(nlp)
    split_glued_quotes(nlp)  # a second call changes nothing
    plain = spacy.blank("en")
    for text in ["“We won,” Berg said.", "rock 'n' roll in the ’90s", "He is 5'10\" tall", "don’t"]:
        assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain.tokenizer(text)]
