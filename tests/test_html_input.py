"""HTML articles in: the plain text they read as, and every offset mapped back to the markup.

Invariant, for every quote, speaker mention and cue: the markup between html_start and
html_end, with tags stripped, entities decoded and white space collapsed, is its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings
from service.html_text import html_to_text, literal_lts, scan_lts

from .helpers import assert_problem

TAG = re.compile(r"<[^>]*>")


def visible(markup: str) -> str:
    """Tags stripped, entities decoded, white space collapsed."""
    return re.sub(r"\s+", " ", unescape(TAG.sub("", markup))).strip()


def spans_of(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for quote in body["quotes"]:
        yield quote
        for key in ("speaker_mention", "cue"):
            if quote[key]:
                yield quote[key]
    for speaker in body["speakers"]:
        yield from speaker["mentions"]


@pytest.fixture(scope="module")
def client(nlp: Language) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), nlp=nlp)) as c:
        yield c


ARTICLES = {
    # nested inline tags inside a quote, a quote spanning <em>, entities for the marks
    "inline tags": (
        '<p>&ldquo;We made <em>hard <strong>choices</strong></em>,&rdquo; Mayor <a href="/p/1">Lena '
        "Hoffmann</a> told reporters.</p>",
        [("“We made hard choices,”", "Lena Hoffmann")],
    ),
    # <blockquote> paragraphs, and the speaker named in the paragraph before
    "blockquote": (
        "<p>Finance Minister Arturo Delgado spoke on the radio.</p>"
        "<blockquote><p>“Every city was told in June that the grants would be reviewed,” the minister said."
        "</p></blockquote>",
        [("“Every city was told in June that the grants would be reviewed,”", "Arturo Delgado")],
    ),
    # <br><br> as a paragraph break, a script and a comment that must not count
    "br paragraphs": (
        "Dr. Amelia Stone spoke first.<br><br>“We lost a third of our nurses,” she said."
        '<script>var s = "“not a quote,” he said";</script><!-- “nor this,” said Anna Berg -->',
        [("“We lost a third of our nurses,”", "Amelia Stone")],
    ),
    # broken markup: an unclosed tag and a stray <
    "broken tags": (
        "<div><p>Council member Daniel Okafor voted no. <b>“Closing the branches is a mistake,” Okafor said."
        " 3 < 4</div>",
        [("“Closing the branches is a mistake,”", "Daniel Okafor")],
    ),
}


@pytest.mark.parametrize("name", list(ARTICLES))
def test_html_articles(client: TestClient, name: str) -> None:
    markup, expected = ARTICLES[name]
    response = client.post("/quotes", content=markup.encode(), headers={"Content-Type": "text/html"})
    assert response.status_code == 200
    body = response.json()
    assert [(q["text"], q["speaker"]["name"] if q["speaker"] else None) for q in body["quotes"]] == expected
    assert "<" not in body["text"].replace("3 < 4", "") and "script" not in body["text"]
    for span in spans_of(body):
        assert body["text"][span["start"] : span["end"]] == span["text"]
        assert visible(markup[span["html_start"] : span["html_end"]]) == re.sub(r"\s+", " ", span["text"])


def test_html_in_the_json_form_and_in_utf16(client: TestClient) -> None:
    markup = "<p>🎉 &ldquo;We won,&rdquo; said <i>Anna Berg</i>.</p>"
    body = client.post("/quotes", json={"html": markup, "options": {"offset_unit": "utf16"}}).json()
    (quote,) = body["quotes"]
    assert body["text"] == "🎉 “We won,” said Anna Berg."
    assert (quote["start"], quote["end"]) == (3, 12)  # the emoji counts twice in UTF-16
    # html offsets in UTF-16 units of the markup, as a browser indexes it
    assert markup.encode("utf-16-le")[quote["html_start"] * 2 : quote["html_end"] * 2].decode(
        "utf-16-le"
    ) == ("&ldquo;We won,&rdquo;")


def test_text_and_html_together_are_refused(client: TestClient) -> None:
    assert_problem(client.post("/quotes", json={"text": "a", "html": "<p>a</p>"}), 422)
    assert_problem(client.post("/quotes", json={}), 422)


def test_plain_text_answers_have_no_html_fields(client: TestClient) -> None:
    body = client.post("/quotes", json={"text": "“We won,” said Anna Berg."}).json()
    assert "text" not in body and "html_start" not in body["quotes"][0]


markup_pieces = st.sampled_from(
    ["<p>", "</p>", "<br>", "<em>", "</em>", "<div>", "</div>", "<script>", "</script>", "<!--", "-->",
     "&ldquo;", "&rdquo;", "&amp;", "&#8220;", "&quot;", "<a href='x'>", "</a>", "<", ">", "“", "”", '"',
     " ", "\n", "said", "Anna Berg", "We won", ",", ".",
     # broken markup: tags, comments and marked sections that never close
     "<a ", "</", "<![CDATA[", "]]>", "<!x", "<?", "\ue000"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(markup_pieces, max_size=40).map("".join))
def test_random_markup_never_raises_and_keeps_the_map(markup: str) -> None:
    mapped = html_to_text(markup)
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for i, ch in enumerate(mapped.text):
        start, end = mapped.starts[i], mapped.ends[i]
        assert 0 <= start <= end <= len(markup)
        if not ch.isspace():
            assert unescape(markup[start:end]) == ch or markup[start:end] == ch
    assert mapped.starts == sorted(mapped.starts)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("x <a <b>y</b>", "x <a y"),  # a "<" with another "<" before its ">" opens no tag
        ("1 < 2 and 3 <a", "1 < 2 and 3 <a"),  # nor one with no ">" after it at all
        ("<p>a<!-- <p>b</p> <a --> c</p>", "a c"),  # markup inside a closed comment stays hidden
        ("<p>a</p><![CDATA[ <b", "a\n\n<![CDATA[ <b"),  # a marked section never closed is text
        ("<p>a</p><!-- <p>b</p> <a", "a"),  # a comment never closed hides the rest, as in a browser
        ("<p>a</p>" + "<!--" * 50, "a"),
        ("<p>a\ue000b</p>", "a\ue000b"),  # the stand-in character itself, when an article has it
    ],
)
def test_broken_tags_are_text(markup: str, text: str) -> None:
    mapped = html_to_text(markup)
    assert mapped.text == text
    for i, ch in enumerate(mapped.text):
        if not ch.isspace():
            assert markup[mapped.starts[i] : mapped.ends[i]] == ch


def test_literal_lts_keeps_length_and_changes_only_broken_openers() -> None:
    markup = '<p class="x">1 < 2</p><a <b>c</b><!-- <i> --><![CDATA[d]]><e'
    marked, end = literal_lts(markup)
    assert end == len(markup)
    assert len(marked) == len(markup)
    changed = [i for i, (a, b) in enumerate(zip(markup, marked, strict=True)) if a != b]
    assert [markup[i : i + 2] for i in changed] == ["< ", "<a", "<e"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/a \"'=b\n")), max_size=80))
def test_the_regular_expression_and_the_scan_agree_without_comments(markup: str) -> None:
    assert literal_lts(markup) == scan_lts(markup)
