"""Rules that exist for the parser's mistakes, tested on hand-built parses.

The small English model makes these mistakes on some sentences and not on others, so a
sentence run through the real pipeline may not show them. Each Doc here carries the
faulty parse the rule was written for (heads, labels, tags and entities as the model
gave them on a news article), so the test fails without the rule whatever the model.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from service.core.attribution import Attributor, CharSpan
from service.core.lexicon import load_lexicon

# (word, tag, pos, dep, head index, entity label or "")
Row = tuple[str, str, str, str, int, str]


def parsed(nlp: Language, rows: list[Row]) -> Doc:
    words = [r[0] for r in rows]
    glued_left, glued_right = {",", ".", "”", ")", "-"}, {"“", "(", "-"}
    spaces = [
        i + 1 < len(rows) and rows[i + 1][0] not in glued_left and row[0] not in glued_right
        for i, row in enumerate(rows)
    ]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        sent_starts=[True] + [False] * (len(rows) - 1),
    )
    ents, i = [], 0
    while i < len(rows):
        label = rows[i][5]
        if label:
            j = i
            while j + 1 < len(rows) and rows[j + 1][5] == label:
                j += 1
            ents.append(Span(doc, i, j + 1, label=label))
            i = j + 1
        else:
            i += 1
    doc.ents = ents
    return doc


def quotes_in(doc: Doc) -> list[CharSpan]:
    """Every “…” span of the Doc's text."""
    spans, start = [], None
    for i, ch in enumerate(doc.text):
        if ch == "“":
            start = i
        elif ch == "”" and start is not None:
            spans.append(CharSpan(start, i + 1))
            start = None
    return spans


def test_name_between_quote_and_cue_when_the_parser_hung_it_on_the_quote(nlp: Language) -> None:
    # “It is wrong and so is the mayor,” Berg, a union organiser, said on “Lund Today.”
    # The model made "Berg" an apposition of "mayor" inside the quote and gave "said"
    # the show's name as its subject, so the cue has no subject of its own.
    rows: list[Row] = [
        ("“", "``", "PUNCT", "punct", 2, ""),
        ("It", "PRP", "PRON", "nsubj", 2, ""),
        ("is", "VBZ", "AUX", "ccomp", 17, ""),
        ("wrong", "JJ", "ADJ", "acomp", 2, ""),
        ("and", "CC", "CCONJ", "cc", 2, ""),
        ("so", "RB", "ADV", "advmod", 6, ""),
        ("is", "VBZ", "AUX", "conj", 2, ""),
        ("the", "DT", "DET", "det", 8, ""),
        ("mayor", "NN", "NOUN", "nsubj", 6, ""),
        (",", ",", "PUNCT", "punct", 8, ""),
        ("”", "''", "PUNCT", "punct", 11, ""),
        ("Berg", "NNP", "PROPN", "appos", 8, "PERSON"),
        (",", ",", "PUNCT", "punct", 11, ""),
        ("a", "DT", "DET", "det", 15, ""),
        ("union", "NN", "NOUN", "compound", 15, ""),
        ("organiser", "NN", "NOUN", "appos", 11, ""),
        (",", ",", "PUNCT", "punct", 11, ""),
        ("said", "VBD", "VERB", "ROOT", 17, ""),
        ("on", "IN", "ADP", "prep", 17, ""),
        ("“", "``", "PUNCT", "punct", 21, ""),
        ("Lund", "NNP", "PROPN", "compound", 21, "ORG"),
        ("Today", "NNP", "PROPN", "nsubj", 17, "ORG"),
        (".", ".", "PUNCT", "punct", 17, ""),
        ("”", "''", "PUNCT", "punct", 17, ""),
    ]
    doc = parsed(nlp, rows)
    assert doc.text == "“It is wrong and so is the mayor,” Berg, a union organiser, said on “Lund Today.”"
    quotes = quotes_in(doc)
    link = Attributor(load_lexicon()).link(doc, quotes[0], quotes, None)
    assert link is not None and link.mention is not None
    assert link.mention.text == "Berg"
    assert link.cue is not None and doc.text[link.cue.start : link.cue.end] == "said"


def test_a_parenthetical_and_a_dateline_are_no_part_of_the_mention(nlp: Language) -> None:
    # LUND (Wire) — Mayor Anna Berg (D-Lund), parsed as one noun phrase around "Berg".
    rows: list[Row] = [
        ("LUND", "NNP", "PROPN", "compound", 7, "GPE"),
        ("(", "-LRB-", "PUNCT", "punct", 2, ""),
        ("Wire", "NNP", "PROPN", "appos", 0, "ORG"),
        (")", "-RRB-", "PUNCT", "punct", 2, ""),
        ("—", ":", "PUNCT", "punct", 7, ""),
        ("Mayor", "NNP", "PROPN", "compound", 7, ""),
        ("Anna", "NNP", "PROPN", "compound", 7, "PERSON"),
        ("Berg", "NNP", "PROPN", "ROOT", 7, "PERSON"),
        ("(", "-LRB-", "PUNCT", "punct", 11, ""),
        ("D", "NNP", "PROPN", "compound", 11, "ORG"),
        ("-", "HYPH", "PUNCT", "punct", 11, "ORG"),
        ("Lund", "NNP", "PROPN", "nmod", 7, "ORG"),
        (")", "-RRB-", "PUNCT", "punct", 11, ""),
    ]
    doc = parsed(nlp, rows)
    assert doc.text == "LUND (Wire) — Mayor Anna Berg (D-Lund)"
    assert Attributor(load_lexicon()).mention_span(doc[7]).text == "Mayor Anna Berg"


def test_name_right_before_a_subjectless_cue(nlp: Language) -> None:
    # Speaker Anna Berg (Lund) said “We will win the vote.” — parsed with "Berg" as a
    # loose dependent of "said" instead of its subject.
    rows: list[Row] = [
        ("Speaker", "NNP", "PROPN", "compound", 2, ""),
        ("Anna", "NNP", "PROPN", "compound", 2, "PERSON"),
        ("Berg", "NNP", "PROPN", "dep", 6, "PERSON"),
        ("(", "-LRB-", "PUNCT", "punct", 4, ""),
        ("Lund", "NNP", "PROPN", "appos", 2, "GPE"),
        (")", "-RRB-", "PUNCT", "punct", 4, ""),
        ("said", "VBD", "VERB", "ROOT", 6, ""),
        ("“", "``", "PUNCT", "punct", 10, ""),
        ("We", "PRP", "PRON", "nsubj", 10, ""),
        ("will", "MD", "AUX", "aux", 10, ""),
        ("win", "VB", "VERB", "ccomp", 6, ""),
        ("the", "DT", "DET", "det", 12, ""),
        ("vote", "NN", "NOUN", "dobj", 10, ""),
        (".", ".", "PUNCT", "punct", 6, ""),
        ("”", "''", "PUNCT", "punct", 6, ""),
    ]
    doc = parsed(nlp, rows)
    assert doc.text == "Speaker Anna Berg (Lund) said “We will win the vote.”"
    quotes = quotes_in(doc)
    link = Attributor(load_lexicon()).link(doc, quotes[0], quotes, None)
    assert link is not None and link.mention is not None
    assert link.mention.text == "Speaker Anna Berg"


def test_a_name_holds_no_verb_that_ner_ran_it_into(nlp: Language) -> None:
    # NER took "Duarte assured Jones" for one person; the mention stops before the verb.
    rows: list[Row] = [
        ("“", "``", "PUNCT", "punct", 5, ""),
        ("Fine", "JJ", "ADJ", "ccomp", 5, ""),
        (",", ",", "PUNCT", "punct", 5, ""),
        ("”", "''", "PUNCT", "punct", 5, ""),
        ("Duarte", "NNP", "PROPN", "nsubj", 5, "PERSON"),
        ("assured", "VBD", "VERB", "ROOT", 5, "PERSON"),
        ("Jones", "NNP", "PROPN", "dobj", 5, "PERSON"),
        (".", ".", "PUNCT", "punct", 5, ""),
    ]
    doc = parsed(nlp, rows)
    assert doc.text == "“Fine,” Duarte assured Jones."
    assert Attributor(load_lexicon()).mention_span(doc[4]).text == "Duarte"


def test_a_mention_does_not_start_with_a_clitic(nlp: Language) -> None:
    # "Here’s Clinton in 1992:" with NER's person from the clitic on.
    rows: list[Row] = [
        ("Here", "RB", "ADV", "advmod", 1, ""),
        ("’s", "VBZ", "AUX", "ROOT", 1, "PERSON"),
        ("Clinton", "NNP", "PROPN", "attr", 1, "PERSON"),
        ("in", "IN", "ADP", "prep", 2, ""),
        ("1992", "CD", "NUM", "pobj", 3, "DATE"),
        (":", ":", "PUNCT", "punct", 1, ""),
    ]
    doc = parsed(nlp, rows)
    assert Attributor(load_lexicon()).mention_span(doc[2]).text == "Clinton"


def test_a_rank_taken_for_the_subject_reaches_the_name_after_it(nlp: Language) -> None:
    # The parser ended the sentence at "Capt." and made the rank the cue's subject.
    rows: list[Row] = [
        ("“", "``", "PUNCT", "punct", 4, ""),
        ("Fine", "JJ", "ADJ", "ccomp", 4, ""),
        (",", ",", "PUNCT", "punct", 4, ""),
        ("”", "''", "PUNCT", "punct", 4, ""),
        ("said", "VBD", "VERB", "ROOT", 4, ""),
        ("Navy", "NNP", "PROPN", "compound", 6, "ORG"),
        ("Capt.", "NNP", "PROPN", "nsubj", 4, ""),
        ("Jeff", "NNP", "PROPN", "compound", 8, "PERSON"),
        ("Doe", "NNP", "PROPN", "ROOT", 8, "PERSON"),
        (".", ".", "PUNCT", "punct", 8, ""),
    ]
    doc = parsed(nlp, rows)
    assert Attributor(load_lexicon()).mention_span(doc[6]).text == "Navy Capt. Jeff Doe"
