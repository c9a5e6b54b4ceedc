"""The name scan for paragraphs that are not parsed: one row per rule, with near misses."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.core import Extractor
from service.core.lexicon import load_lexicon
from service.core.marks import Paragraph
from service.core.names import NameScanner


def names(text: str, surnames: frozenset[str] = frozenset(), index: int = 1) -> list[tuple[str, str, str]]:
    """(kind, mention text, name proper) for each name found in ``text``, scanned as the
    article's paragraph ``index``."""
    found = NameScanner(text, load_lexicon(), surnames).scan(Paragraph(index, 0, len(text)))
    return [
        (m.kind, m.text, text[m.name_start : m.end] if m.name_start is not None else m.text) for m in found
    ]


@pytest.mark.parametrize(
    "text, surnames, expected",
    [
        # A title before the name splits off: the mention keeps it, the name does not.
        (
            "It was signed by Sen. Claire McCaskill on Friday.",
            {"mccaskill"},
            [("PERSON", "Sen. Claire McCaskill", "Claire McCaskill")],
        ),
        # So is a title that only a person's name follows, whatever the first name.
        ("Mr. Tomas Lind spoke first.", set(), [("PERSON", "Mr. Tomas Lind", "Tomas Lind")]),
        # A title that may start other names is not: "American" before "Community Survey".
        ("Data from the American Community Survey show it.", set(), []),
        # A first name from the name lists is evidence on its own.
        ("Kevin McKinley runs a firm in Wisconsin.", set(), [("PERSON", "Kevin McKinley", "Kevin McKinley")]),
        # A surname some quote's speaker uses is evidence for a first name the lists lack.
        ("Rakeyia Scott filmed the encounter.", {"scott"}, [("PERSON", "Rakeyia Scott", "Rakeyia Scott")]),
        ("Rakeyia Scott filmed the encounter.", set(), []),
        # Capitalised function words and dates do not start a name.
        ("But on Monday Donald Trump was in Ohio.", set(), [("PERSON", "Donald Trump", "Donald Trump")]),
        # A sentence ends inside the run of capitals.
        ("He flew to Washington. Donald Trump met him.", set(), [("PERSON", "Donald Trump", "Donald Trump")]),
        # Initials, particles and possessives.
        ("Donald J. Trump's plan was new.", set(), [("PERSON", "Donald J. Trump", "Donald J. Trump")]),
        ("Juan de la Cruz arrived.", set(), [("PERSON", "Juan de la Cruz", "Juan de la Cruz")]),
        # Particles are lower case wherever the name recurs: no evidence of a common word.
        (
            "Amara van der Berg spoke. Then van der Berg left.",
            {"berg"},
            [
                ("PERSON", "Amara van der Berg", "Amara van der Berg"),
                ("PERSON", "van der Berg", "van der Berg"),
            ],
        ),
        # A party label before a first name is not part of the name.
        (
            "Democrat Hillary Clinton spoke.",
            set(),
            [("PERSON", "Hillary Clinton", "Hillary Clinton")],
        ),
        # A run that ends in an organisation noun is an organisation.
        ("A team from the Health Ministry came.", set(), [("ORG", "Health Ministry", "Health Ministry")]),
        # Places and buildings are not people, even when the capitals run on.
        ("She lives in New York City near Trump Tower.", {"trump"}, []),
        # A word the article also writes in lower case is no part of a name.
        ("The donor stayed away. Republican Donor Adelson spoke.", {"adelson"}, []),
        # Capitals run together with other words are no name: "5:30 PMDonald".
        ("At 5:30 PMDonald arrived.", set(), []),
        # In a title-case heading a name needs a first name, and ends at a known surname.
        (
            "Hillary Clinton Goes After Donald Trump As The New Mitt Romney",
            {"clinton"},
            [
                ("PERSON", "Hillary Clinton", "Hillary Clinton"),
                ("PERSON", "Donald Trump", "Donald Trump"),
                ("PERSON", "Mitt Romney", "Mitt Romney"),
            ],
        ),
        ("Washington Post Hit Piece Exploits Trump", {"trump"}, []),
    ],
)  # fmt: skip
def test_scan_names(text: str, surnames: set[str], expected: list[tuple[str, str, str]]) -> None:
    assert names(text, frozenset(surnames)) == expected


def test_a_short_first_paragraph_is_a_heading() -> None:
    """A heading capitalises common words: a known surname is not enough there."""
    assert names("Famous Perez raises political profile.", frozenset({"perez"}), index=0) == []
    assert names("Famous Perez raises political profile.", frozenset({"perez"}), index=3) != []


def test_an_apposition_naming_a_kind_of_body_makes_a_name_an_organisation() -> None:
    text = "The Lund Ledger, the county's largest newspaper, ran an editorial."
    assert names(text, index=3) == [("ORG", "Lund Ledger", "Lund Ledger")]
    # ... by its head noun, not by the body a person works for
    text = "Sofia Ashworth, the chief executive of Castlemere General Hospital, spoke."
    assert ("PERSON", "Sofia Ashworth", "Sofia Ashworth") in names(text, index=3)


@pytest.mark.parametrize(
    "text",
    [
        "Woodrow Benford, 58, who lives outside Lund, says he did not know much about it.",
        "The vote was close, according to Marisela Quon, who counted the ballots.",
    ],
)
def test_an_age_or_a_who_after_a_name_makes_it_a_person(text: str) -> None:
    assert [kind for kind, _, _ in names(text, index=3)] == ["PERSON"]


def test_a_person_introduced_by_name_is_named_even_by_a_given_name_alone() -> None:
    text = "She identified herself as a 52-year-old Lund resident named Caroline."
    assert names(text, index=3) == [("PERSON", "Caroline", "Caroline")]
    assert names("The base chief known as Bob agreed to talk.", index=3) == [("PERSON", "Bob", "Bob")]
    # what is named must be a person: an age or a noun only a person is
    assert names("They walked down a street named Harbor Lane.", index=3) == []


def test_a_function_word_or_month_after_a_given_name_is_its_surname() -> None:
    assert names("Prime Minister Theresa May spoke in Leeds.", index=3) == [
        ("PERSON", "Prime Minister Theresa May", "Theresa May")
    ]
    assert names("The columnist George Will disagreed.", index=3)[-1][2] == "George Will"
    # a weekday or a date after a given name is not: "Anna Monday", "Anna May 5"
    assert all("Monday" not in name for _, _, name in names("They told Anna Monday.", index=3))
    assert all("May" not in name for _, _, name in names("Anna May 5 was the date.", index=3))


def test_in_a_title_case_line_the_word_before_a_speakers_surname_is_a_given_name() -> None:
    line = "2 / Salma Hayek Described Her Experience Being Discriminated Against."
    assert [name for _, _, name in names(line, frozenset({"hayek"}), index=1)] == ["Salma Hayek"]
    # not another speaker's surname: two people
    line = "Clinton Sanders Debate Turns Nasty In Flint"
    assert names(line, frozenset({"clinton", "sanders"}), index=0) == []


def test_an_event_named_with_a_given_name_is_no_person() -> None:
    text = "Senator Tom Berg spoke at the Christian Monitor Breakfast in Lund."
    assert [name for _, _, name in names(text, index=3)] == ["Tom Berg"]


def test_a_place_before_a_title_is_no_given_name_and_a_suffix_no_surname() -> None:
    # "South Carolina Rep. Justin T. Bamberg": Carolina is a place here, not the start of
    # a five-word name; the name's surname is Bamberg. Martin Luther King Jr. is a King.
    text = "He came with South Carolina Rep. Justin T. Bamberg and spoke at a Martin Luther King Jr. dinner."
    found = NameScanner(text, load_lexicon(), frozenset()).scan(Paragraph(3, 0, len(text)))
    assert [(m.text, m.head) for m in found] == [
        ("Rep. Justin T. Bamberg", "bamberg"),
        ("Martin Luther King Jr.", "king"),
    ]


def test_a_run_inside_a_name_already_found_is_not_read_again() -> None:
    # In a parsed paragraph NER's names are passed in: the scan skips what they hold and
    # still finds the names beside them.
    text = "Mayor Ana Ruiz met Tom Berg in Lund."
    scanner = NameScanner(text, load_lexicon(), frozenset())
    found = scanner.scan(Paragraph(3, 0, len(text)), named=[(0, 14)])
    assert [m.text for m in found] == ["Tom Berg"]


def test_a_web_address_is_an_organisation_name() -> None:
    found = names("It was removed on Thursday. GunShop.com said so; see www.lund.com/a.", index=3)
    assert found == [("ORG", "GunShop.com", "GunShop.com")]


def test_a_plural_noun_before_a_list_of_names_is_no_given_name() -> None:
    found = names(
        "Celebrities Julianne Moore, Kay Obi and Tom Lee went on Twitter.", frozenset({"moore"}), index=3
    )
    assert ("PERSON", "Julianne Moore", "Julianne Moore") in found
    assert not any("Celebrities" in text for _, text, _ in found)


def test_a_participle_that_opens_a_sentence_is_no_given_name() -> None:
    """ "Following Perez on the radio, ...": capitalised for the sentence, heading or not."""
    for index in (0, 3):
        assert names("Understated Perez raises political profile.", frozenset({"perez"}), index=index) == []
    assert names(
        "Ines Duarte spoke. Following Perez on the radio, she smiled.", frozenset({"perez"}), index=3
    ) == [("PERSON", "Ines Duarte", "Ines Duarte")]


class CountingPipeline:
    """The real pipeline, recording every text it is asked to parse."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self.parsed: list[str] = []

    def pipe(self, texts: list[str | Doc], **kwargs: Any) -> Any:
        self.parsed += [t.text if isinstance(t, Doc) else t for t in texts]
        return self._nlp.pipe(texts, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


ARTICLE = """Russian Defense Minister Sergei Shoigu arrived in Naypyidaw on Tuesday.
The visit was his first since the coup. Talks lasted three hours.
Diplomats in Bangkok watched the meeting closely.
Shoigu told reporters after the talks:
“Our cooperation will grow, whatever the West says.”
Officials did not give details of any new contracts."""


def test_only_quote_paragraphs_and_their_predecessors_are_parsed(nlp: Language) -> None:
    counting = CountingPipeline(nlp)
    extraction = Extractor(counting).extract(ARTICLE)  # type: ignore[arg-type]
    assert counting.parsed == [
        "Shoigu told reporters after the talks:",
        "“Our cooperation will grow, whatever the West says.”",
    ]
    # The full name comes from the first paragraph, which was scanned, not parsed.
    [quote] = extraction.quotes
    assert quote.speaker is not None and quote.speaker.name == "Sergei Shoigu"
    [speaker] = extraction.speakers
    assert speaker.titles == ("Russian Defense Minister",)  # a title is the phrase as written


def test_article_without_quote_marks_is_never_parsed(nlp: Language) -> None:
    counting = CountingPipeline(nlp)
    assert Extractor(counting).extract("No quotes here.\nNone at all.").quotes == ()  # type: ignore[arg-type]
    assert counting.parsed == []
