"""Arbitrary text never raises, and every offset slices to its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.core import Extractor
from service.core.marks import find_quoted_spans

MARKY = st.text(
    alphabet=st.sampled_from(list("\"“”‘’'«»„ \n\n.,:—abcHeShsaid5")) | st.characters(codec="utf-8"),
    max_size=300,
)
WORDS = st.lists(
    st.sampled_from(
        [
            "“",
            "”",
            '"',
            "‘",
            "’",
            "'",
            "he said",
            "Anna Berg said",
            ",",
            ".",
            "\n\n",
            "the plan",
            "—",
            ":",
            "We will win",
            "according to",
            "Shoigu",
            "«",
            "»",
            "🙂",
        ]
    ),
    max_size=40,
).map(" ".join)


@given(MARKY)
def test_marks_never_raise_and_spans_are_in_bounds(text: str) -> None:
    for span in find_quoted_spans(text):
        assert 0 <= span.start < span.end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(WORDS, MARKY))
def test_extraction_never_raises_and_offsets_slice(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract(text)
    for quote in extraction.quotes + extraction.others:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue):
            assert span is None or text[span.start : span.end] == span.text
