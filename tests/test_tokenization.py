"""Quote marks glued to words are split off; a rank's abbreviation keeps its full stop;
normally spaced text tokenizes as before."""

from __future__ import annotations

import spacy
from spacy.language import Language

from service.core import Extractor
from service.core.tokenization import keep_title_abbreviations, split_glued_quotes


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


def test_a_ranks_abbreviation_keeps_its_full_stop_and_its_speaker(
    extractor: Extractor, nlp: Language
) -> None:
    keep_title_abbreviations(nlp)
    keep_title_abbreviations(nlp)  # a second call changes nothing
    assert "Capt." in [t.text for t in nlp.tokenizer("Army Capt. Lena Ortiz spoke.")]
    (quote,) = extractor.extract("“We held the line,” Army Capt. Lena Ortiz said on Monday.").quotes
    assert quote.speaker is not None and quote.speaker.name == "Lena Ortiz"
