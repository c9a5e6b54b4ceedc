"""Quote marks at the character level: what counts as a quote, and what never does."""

from __future__ import annotations

import pytest

from service.core.marks import find_quoted_spans, has_quote_marks


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Curly quotes,” she said.", ["“Curly quotes,”"]),
        ('"Straight quotes," she said.', ['"Straight quotes,"']),
        # the seed article: straight opener with a curly closer, and the other way round
        (
            'He said. "Mismatched one way.” And “the other way" too.',
            ['"Mismatched one way.”', '“the other way"'],
        ),
        ("„Low opener“ style, she said.", ["„Low opener“"]),
        ("« Guillemets », dit-elle.", ["« Guillemets »"]),
        ("“Outer with ‘nested’ inside,” he said.", ["“Outer with ‘nested’ inside,”"]),
        # news style: a paragraph opens, does not close, and the next paragraph opens again
        (
            "“First paragraph of a speech.\n\n“Second paragraph,” he said.",
            ["“First paragraph of a speech.\n\n“Second paragraph,”"],
        ),
        # British style: single marks throughout, double marks nested
        (
            "‘We will rebuild the wall,’ said the manager. ‘It was “under review” for years.’",
            ["‘We will rebuild the wall,’", "‘It was “under review” for years.’"],
        ),
        # a plural possessive inside single marks is an apostrophe when the quote closes later
        (
            "'The tenants' complaints were ignored,' said Mary Lund.",
            ["'The tenants' complaints were ignored,'"],
        ),
        (
            "‘We fed the cats’ bowls first,’ she said, ‘then the dogs.’",
            ["‘We fed the cats’ bowls first,’", "‘then the dogs.’"],
        ),
        # ... and closes the quote when nothing closes after it: 'Thanks' said Bob, 'great work.'
        ("'Thanks' said Bob, 'great work.'", ["'Thanks'", "'great work.'"]),
    ],
)
def test_quotes_are_found(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Don’t touch the ’90s records.",
        "A rock ’n’ roll band from Hawai‘i.",
        "The players’ union met O'Brien.",
        'He is 5\'10" tall and carries a 12" ruler.',
        "It’s the band’s best year, isn’t it?",
    ],
)
def test_apostrophes_and_primes_are_not_quotes(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # an orphan opener is skipped; the next pair is still found and the rest is not swallowed
        ("He called it “exhausting. Then “a real quote,” she said.", ["“a real quote,”"]),
        ("An orphan closer” here, then “a pair” later.", ["“a pair”"]),
        # an unclosed quote does not run into the next paragraph unless it reopens there
        ("“Never closed.\n\nA new paragraph with “a pair.”", ["“a pair.”"]),
        ('Odd "number of " marks " here.', ['"number of "']),
    ],
)
def test_unbalanced_marks_never_swallow_the_article(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_text_without_marks_is_recognised_without_work() -> None:
    assert not has_quote_marks("No quotation here at all.")
    assert find_quoted_spans("No quotation here at all.") == []
