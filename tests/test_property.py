"""Arbitrary text never raises, and every offset slices to its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.core import Extractor
from service.core.marks import find_quoted_spans
from service.core.parsing import Clock
from service.core.planning import plan

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


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(WORDS, MARKY), st.integers(0, 300))
def test_past_the_parse_allowance_nothing_raises_and_offsets_slice(
    extractor: Extractor, text: str, cut: int
) -> None:
    """The lexical frames, from any point of the text on (as if the allowance ran out there)."""
    p = plan(text)
    p.unparsed_from = min(cut, len(text))
    parsed = {i: extractor.nlp(text[p.paragraphs[i].start : p.paragraphs[i].end]) for i in p.to_parse}
    # A paragraph the cut falls in keeps only what lies before it, as parsing gives it.
    docs = {i: doc for i, doc in parsed.items() if p.paragraphs[i].end <= p.unparsed_from}
    extraction = extractor._assemble(p, docs, Clock(None))
    if p.spans:
        assert extraction.unparsed is not None and extraction.unparsed.start == p.unparsed_from
    for quote in extraction.quotes + extraction.others:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker_mention, quote.cue):
            assert span is None or text[span.start : span.end] == span.text
