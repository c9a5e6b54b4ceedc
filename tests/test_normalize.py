"""Invisible differences change no answer: CR, CR LF, U+2028 and U+2029 line breaks, a
byte-order mark, zero-width characters and soft hyphens, no-break spaces, text garbled by a
wrong decoding; every offset still slices the text as sent."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.core import Extractor
from service.core.normalize import LINE_BREAKS, normalize
from service.nlp import load_pipeline

from .conftest import MODEL
from .golden import articles, expected_path

ZW = "\u200b"

VARIANTS: dict[str, Callable[[str], str]] = {
    "CR LF": lambda t: t.replace("\n", "\r\n"),
    "CR only": lambda t: t.replace("\n", "\r"),
    "line separator": lambda t: t.replace("\n", "\u2028"),
    "paragraph separator": lambda t: t.replace("\n", "\u2029"),
    "byte-order mark": lambda t: "\ufeff" + t,
    "zero-width spaces": lambda t: re.sub(r"(?<=\w)(?=\w)", lambda m: ZW if m.start() % 7 == 0 else "", t),
    "soft hyphens and joiners": lambda t: t.replace("ti", "t\u00adi").replace(" ", "\u200d \u2060"),
}


def _visible(text: str) -> str:
    """What a reader sees: invisible characters out, every line break one newline."""
    return re.sub("[\ufeff\u200b\u200c\u200d\u2060\u00ad]", "", text.replace("\r\n", "\n")).translate(
        str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\u00a0": " ", "\u202f": " "})
    )


def _checked(body: dict[str, Any], text: str) -> list[tuple[Any, ...]]:
    """Every span slices ``text`` to its own text; the answer as a reader compares it."""
    spans = [*body["quotes"], *(m for s in body["speakers"] for m in s["mentions"])]
    spans += [q[k] for q in body["quotes"] for k in ("speaker_mention", "cue") if q[k]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    return [
        (_visible(q["text"]), q["type"], (q["speaker"] or {}).get("name"), q["attribution"])
        for q in body["quotes"]
    ]


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("article", articles(), ids=lambda p: p.stem)
def test_golden_articles_answer_the_same_in_every_variant(
    extractor: Extractor, article: Path, variant: str
) -> None:
    text = article.read_text(encoding="utf-8")
    expected = json.loads(expected_path(article).read_text(encoding="utf-8"))
    changed = VARIANTS[variant](text)
    found = _checked(extractor.extract(changed).to_dict(), changed)
    assert found == [(q["text"], q["type"], q["speaker"], q["attribution"]) for q in expected["quotes"]]


def test_a_bom_or_zero_width_space_before_a_quote_keeps_it_direct(extractor: Extractor) -> None:
    for prefix in ("\ufeff", ZW, "\ufeff" + ZW):
        text = prefix + "“We will rebuild the bridge by spring,” Mayor Lena Hoffmann said."
        (quote,) = extractor.extract(text).quotes
        assert quote.type == "direct" and quote.speaker and quote.speaker.name == "Lena Hoffmann"
        assert quote.start == len(prefix) and text[quote.start : quote.end] == quote.text


def test_a_name_with_a_soft_hyphen_is_one_name(extractor: Extractor) -> None:
    text = "Sergei Shoi\u00adgu arrived on Monday.\n\n“We are ready,” Shoigu said."
    (quote,) = extractor.extract(text).quotes
    assert quote.speaker and quote.speaker.name == "Sergei Shoigu"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\r\u2028\ufeff\u200b\u00ad\u00a0\u202f“”")))
def test_normalize_maps_every_kept_character_back(text: str) -> None:
    normalized = normalize(text)
    assert "\r" not in normalized.text and "\u2028" not in normalized.text
    origin = normalized.origin or list(range(len(text) + 1))
    assert len(origin) == len(normalized.text) + 1 and origin[-1] == len(text)
    for i, ch in enumerate(normalized.text):
        assert _visible(text[origin[i]]) in (ch, "\n" if ch == "\n" else ch)


def test_the_spacy_component_reads_every_line_break_alike() -> None:
    component = load_pipeline(MODEL)
    component.add_pipe("quotes")
    text = "Lena Hoffmann spoke.\r“We will keep the buses running,” she said.\u2028“All night.”"
    doc = component(text)
    assert [(q.span.text, q.speaker.name if q.speaker else None) for q in doc._.quotes] == [
        ("“We will keep the buses running,”", "Lena Hoffmann"),
        ("“All night.”", "Lena Hoffmann"),
    ]


def _garbled(text: str, times: int = 1) -> str:
    """``text`` as an export that decoded UTF-8 as Windows-1252 ``times`` over shows it."""
    for _ in range(times):
        text = text.encode("utf-8").decode("cp1252", errors="replace")
    return text


def test_text_garbled_by_a_wrong_decoding_is_read_as_written(extractor: Extractor) -> None:
    # “We were warned,” said Marc Trévidic. — with its quote marks and accent garbled
    text = "â€œWe were warned,â€\x9d said Marc TrÃ©vidic.\n\nLater Ms. PeÃƒÂ±a spoke."
    extraction = extractor.extract(text)
    (quote,) = extraction.quotes
    assert quote.type == "direct" and quote.text == "â€œWe were warned,â€\x9d"
    assert quote.speaker is not None and quote.speaker.name == "Marc Trévidic"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Marc TrÃ©vidic"
    assert normalize(text).text == "“We were warned,” said Marc Trévidic.\n\nLater Ms. Peña spoke."


@pytest.mark.parametrize("kept", ["São Paulo", "café« x", "Ãœber alles", "naïve »quoted«"])
def test_text_that_only_looks_garbled_is_left_alone(kept: str) -> None:
    assert normalize(kept).text == (kept if kept != "Ãœber alles" else "Über alles")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "é", "“", "”", "ñ", "\u200b", "Ã", "©", "\n"]), max_size=30))
def test_every_repaired_offset_slices_the_original(pieces: list[str]) -> None:
    # Some pieces garbled once, some twice, some left as they are; the repaired text maps
    # every character back to where it stood, and its width covers what it replaced.
    original = "".join(_garbled(p, i % 3) if i % 2 else p for i, p in enumerate(pieces))
    normalized = normalize(original)
    origin = normalized.origin or list(range(len(original) + 1))
    assert len(origin) == len(normalized.text) + 1 and origin[-1] == len(original)
    for i in range(len(normalized.text)):
        end = origin[i] + normalized.widths.get(i, 1)
        assert origin[i] < end <= origin[i + 1]


def test_a_decomposed_garbled_lead_is_still_repaired() -> None:
    # "Ã" written as "A" and a combining tilde: the only such lead the text holds, so the
    # look at the text's characters before the patterns must count combining marks too.
    assert normalize("Caf" + "A\u0303\u00a9" + " opened.").text == "Café opened."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,.\n\r\u00a0\u2009“”’—")))
def test_text_with_nothing_to_repair_only_has_its_line_breaks_read_alike(text: str) -> None:
    normalized = normalize(text)
    assert normalized.text == text.translate(LINE_BREAKS) and normalized.origin is None
    assert normalized.changed == (normalized.text != text)


@pytest.mark.parametrize("written", ["“Viva JOSÉ”", "a letter to Mr. Preuß”", "café——then"])
def test_an_accented_letter_before_a_quote_mark_or_dash_is_no_garbled_run(written: str) -> None:
    # É and ” decode as the two bytes of "ɔ": no one writes that, so the marks stay.
    assert normalize(written).text == written
