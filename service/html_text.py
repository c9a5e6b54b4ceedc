"""HTML articles in: the plain text the extractor reads, and a map back to the markup.

A CMS keeps article bodies as HTML. ``html_to_text`` turns them into the extractor's plain
text (block elements become paragraphs, ``<br>`` a line break, entities decoded, scripts,
styles and comments dropped, inline tags transparent, runs of white space one space) and
remembers, for every character of that text, where it came from in the markup, so every
offset of the answer can be given in both (``html_span``). It uses the standard library's
``html.parser``, which never raises on broken markup: an unclosed tag or a stray ``<``
only changes what counts as text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from itertools import combinations
from typing import Any

from .core.attribution import DASHES
from .core.marks import ALL_MARKS
from .offsets import to_utf16

BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td "
    "tfoot th thead title tr ul".split()
)
HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Tags the converter does more with than record: the rest only nest.
SPECIAL = BLOCKS | HIDDEN | {"a", "br", "cite", "footer"}
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Stands in, for the parser, for a "<" that opens no tag; the text keeps the "<" itself.
_LITERAL_LT = "\ue000"
# Where html.parser ends a comment and a marked section (html/parser.py, _markupbase.py).
COMMENT_CLOSE = re.compile(r"--\s*>")
MARKED_SECTION_CLOSE = re.compile(r"]\s*]\s*>")
# The longest link text that can be a person's or organisation's name.
LINK_NAME_CHARS = 100
# A "<" with no ">" before the next "<" (or the end): it opens no tag.
_OPENS_NO_TAG = re.compile(r"<(?![^<>]*>)")


@dataclass
class HtmlText:
    html: str
    text: str = ""
    starts: list[int] = field(default_factory=list)  # text index -> first markup character
    ends: list[int] = field(default_factory=list)  # text index -> end of its markup
    # Every start and end tag in markup order: where it starts and ends, and the index of the
    # other tag of its element (-1: an element never closed, which takes part in no nesting).
    # Flat lists of ints, not a tuple a tag: tag-dense markup would keep the garbage
    # collector busy with a container per tag.
    tag_starts: list[int] = field(default_factory=list)
    tag_ends: list[int] = field(default_factory=list)
    tag_partners: list[int] = field(default_factory=list)
    # <a href>: where its content starts and ends in the markup, and the href
    links: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._links = sorted(self._in_text(link) for link in self.links)
        self._link_starts = [link[0] for link in self._links]
        # Each link by the set of words of its text, so a name finds its links in a look-up
        # or two (not a pass over every link for every speaker). Only links as short as a
        # name: anchors nested around the whole article would cost its length each.
        self._links_by_words: dict[frozenset[str], list[str]] = {}
        for start, end, href in self._links:
            if end - start > LINK_NAME_CHARS:
                continue
            key = frozenset(_name_words(self.text[start:end]))
            if key:
                self._links_by_words.setdefault(key, []).append(href)

    def _in_text(self, link: tuple[int, int, str]) -> tuple[int, int, str]:
        """A link's range in the text, without the white space and line breaks around it."""
        start, end = bisect_left(self.starts, link[0]), bisect_left(self.starts, link[1])
        href = link[2]
        while start < end and self.text[start] in " \n":
            start += 1
        while end > start and self.text[end - 1] in " \n":
            end -= 1
        return start, end, href

    def links_of(self, name: str | None, mentions: list[dict[str, Any]]) -> list[str]:
        """The hrefs of the links around a speaker's name: a link whose text is the name or
        words of it (<a href=x>Lena Hoffmann</a>, <a>Hoffmann</a>, anywhere in the article),
        or that lies within one of the speaker's mentions, or the mention within it. Links
        do not nest, so those overlapping a mention are a run in start order."""
        found: dict[str, None] = {}
        words = sorted(set(_name_words(name)))[:6] if name else []
        for size in range(1, len(words) + 1):  # every set of the name's words a link may hold
            for subset in combinations(words, size):
                for href in self._links_by_words.get(frozenset(subset), ()):
                    found.setdefault(href)
        for mention in mentions:
            start, end = mention["start"], mention["end"]
            i = max(bisect_right(self._link_starts, start) - 1, 0)
            while i < len(self._links) and self._links[i][0] < end:
                link_start, link_end, href = self._links[i]
                within = start <= link_start and link_end <= end
                if link_end > link_start and (within or (link_start <= start and end <= link_end)):
                    found.setdefault(href)
                i += 1
        return list(found)

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The markup range that produced text[start:end], widened so that it nests: where
        it would hold one tag of an element but not the other, it takes in the other too.
        ``html[:s] + "<mark>" + html[s:e] + "</mark>" + html[e:]`` is then well-formed
        (for "Mayor <a>Lena Hoffmann</a>", the span of "Mayor Lena Hoffmann" ends after
        ``</a>``). A span that starts or ends inside an element's text and crosses its
        boundary takes in the rest of that element's text."""
        if not self.text or end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.html)
            return at, at
        return self._nested(self.starts[start], self.ends[end - 1])

    def _nested(self, s: int, e: int) -> tuple[int, int]:
        starts, ends, partners = self.tag_starts, self.tag_ends, self.tag_partners
        widened = True
        while widened:
            widened = False
            i = bisect_left(starts, s)
            while i < len(starts) and starts[i] < e:
                other = partners[i]
                if other >= 0:
                    opening, closing = (other, i) if other < i else (i, other)
                    if starts[opening] < s:
                        s, widened = starts[opening], True
                    if ends[closing] > e:
                        e, widened = ends[closing], True
                i += 1
        return s, e


def _name_words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’.-]*", text.lower().replace("’", "'"))


def literal_lts(html: str) -> tuple[str, int]:
    """``html`` with every "<" that opens no complete tag replaced by ``_LITERAL_LT`` (same
    length, so offsets hold): a "<" with no ">" before the next "<", a marked section that
    is never closed; and where the markup to parse ends: at a comment that is never
    closed, which hides the rest as a browser does. ``html.parser`` looks for the end of
    such a tag or comment through the whole rest of the markup, once per "<": 50,000
    characters of "<a " took 28 s, 200,000 of ``<a href="x" `` 80 s, 160,000 of "<!--"
    7 s. One pass: each close is searched for by a pointer that only moves forward;
    comments are skipped to the close the parser itself uses. Without comments or marked
    sections, one regular expression does the same in C."""
    if "<!" not in html:
        return _OPENS_NO_TAG.sub(_LITERAL_LT, html), len(html)
    return scan_lts(html)


def scan_lts(html: str) -> tuple[str, int]:
    """``literal_lts`` for markup with comments or marked sections, "<" by "<"."""
    out: list[str] = []
    kept = 0  # html[:kept] is in out
    gt = marked = 0  # the next ">" and the next marked-section close (-1: none left)

    def literal(at: int) -> None:
        nonlocal kept
        out.extend((html[kept:at], _LITERAL_LT))
        kept = at + 1

    end = len(html)
    lt = html.find("<")
    while lt >= 0:
        following = html.find("<", lt + 1)
        if html.startswith("<!--", lt):
            close = COMMENT_CLOSE.search(html, lt + 4)
            if close is None:
                end = lt  # an unclosed comment runs to the end: nothing after it is shown
                break
            lt = html.find("<", close.end())
            continue
        if html.startswith("<![", lt):  # <![CDATA[ ... ]]>: its "<" inside are no tags either
            if 0 <= marked < lt:
                found = MARKED_SECTION_CLOSE.search(html, lt + 3)
                marked = found.start() if found else -1
            if marked < 0:
                literal(lt)
            lt = following
            continue
        if 0 <= gt <= lt:
            gt = html.find(">", lt + 1)
        if gt < 0 or 0 <= following < gt:
            literal(lt)
        lt = following
    return ("".join(out) + html[kept:] if out else html), end


class _Converter(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.original = html
        self.html, self.end = literal_lts(html)  # what the parser reads, and up to where
        self.lines = [0]
        for match in re.finditer("\n", html):
            self.lines.append(match.end())
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.hidden = 0
        self.pending_break = 0  # newlines owed before the next text (1: <br>, 2: a block)
        # Elements not closed yet: their names, and where their start tags are in tag_starts.
        self.open_names: list[str] = []
        self.open_tags: list[int] = []
        self.tag_starts: list[int] = []
        self.tag_ends: list[int] = []
        self.tag_partners: list[int] = []
        self.anchors: list[tuple[int, str]] = []  # <a href> open: where its content starts, href
        self.links: list[tuple[int, int, str]] = []
        self.quote_depth = 0  # <blockquote> nesting
        self.quote_start = 0  # where the outermost blockquote's text starts
        self.quote_end: int | None = None  # where its quotation ends: before a <cite> or <footer>
        self.cite_start: int | None = None  # where the text of its first <cite> starts

    def _offset(self) -> int:
        return self.lines[self.lineno - 1] + self.offset  # getpos(), without the call

    def _emit(self, ch: str, start: int, end: int) -> None:
        if ch.isspace():
            if not self.chars or self.chars[-1] in " \n" or self.pending_break:
                return  # white space collapses, and none opens a line
            ch = " "
        elif self.pending_break:
            if self.chars:
                while self.chars and self.chars[-1] == " ":
                    self._pop()
                for _ in range(self.pending_break):
                    self.chars.append("\n")
                    self.starts.append(start)
                    self.ends.append(start)
            self.pending_break = 0
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def _pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def _break(self, lines: int) -> None:
        self.pending_break = max(self.pending_break, lines) if self.chars else 0

    def _closed(self, tag: str) -> None:
        """Match an end tag to the innermost open element of its name; the elements left
        open inside it were never closed and take part in no nesting."""
        names = self.open_names
        depth = len(names) - 1
        while depth >= 0 and names[depth] != tag:
            depth -= 1
        if depth < 0:
            return
        opening = self.open_tags[depth]
        del names[depth:], self.open_tags[depth:]
        start = self.lines[self.lineno - 1] + self.offset
        close = self.html.find(">", start)
        self.tag_partners[opening] = len(self.tag_starts)
        self.tag_starts.append(start)
        self.tag_ends.append(close + 1 if close >= 0 else len(self.html))
        self.tag_partners.append(opening)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in VOID:  # recorded for nesting; inline, as tag-dense markup calls it most
            start = self.lines[self.lineno - 1] + self.offset
            self.open_names.append(tag)
            self.open_tags.append(len(self.tag_starts))
            self.tag_starts.append(start)
            self.tag_ends.append(start + len(self.get_starttag_text() or ""))
            self.tag_partners.append(-1)
            if tag not in SPECIAL:
                return
        if tag == "a":
            href = next((value for name, value in attrs if name == "href" and value), None)
            if href is not None:
                self.anchors.append((self._offset() + len(self.get_starttag_text() or ""), href))
        elif tag == "blockquote":
            self.quote_depth += 1
            if self.quote_depth == 1:
                self.quote_start, self.quote_end, self.cite_start = len(self.chars), None, None
        elif tag in ("cite", "footer") and self.quote_depth:
            if self.quote_end is None:
                self.quote_end = len(self.chars)
            if tag == "cite" and self.cite_start is None:
                self.cite_start = len(self.chars)
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.pending_break = min(2, self.pending_break + 1) if self.chars else 0
        elif tag in BLOCKS:
            self._break(2)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)
        elif tag in BLOCKS:
            self._break(2)

    def handle_endtag(self, tag: str) -> None:
        self._closed(tag)
        if tag not in SPECIAL:
            return
        if tag == "a" and self.anchors:
            start, href = self.anchors.pop()
            self.links.append((start, self._offset(), href))
        elif tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
            if self.quote_depth == 0:
                self._quotation()
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self._break(2)

    def _quotation(self) -> None:
        """A blockquote is a quotation: without marks of its own, its text is put in marks
        (news style, “ opening each paragraph and ” closing the last; the marks take no
        room in the markup), and a <cite> in it becomes a "— Name" line below, as bylines
        are written. Only the outermost blockquote, in one pass over its text."""
        chars = self.chars
        start = self.quote_start
        end = self.quote_end if self.quote_end is not None else len(chars)
        while start < end and chars[start] in " \n":
            start += 1
        while end > start and chars[end - 1] in " \n":
            end -= 1
        cite = self.cite_start
        if cite is not None:
            while cite < len(chars) and chars[cite] in " \n":
                cite += 1
            if cite >= len(chars) or any(ch in DASHES or ch == "-" for ch in chars[end:cite]):
                cite = None  # no name, or already after a dash ("— <cite>Name</cite>")
        marks = start < end and chars[start] not in ALL_MARKS
        if not marks and cite is None:
            return
        tail = range(start, len(chars))
        out: list[tuple[str, int, int]] = []
        for i in tail:
            if marks and (i == start or (start < i < end and chars[i - 1] == "\n" != chars[i])):
                out.append(("“", self.starts[i], self.starts[i]))  # each paragraph opens
            if i == cite:
                out += [("—", self.starts[i], self.starts[i]), (" ", self.starts[i], self.starts[i])]
            if marks and i == end:
                out.append(("”", self.ends[i - 1], self.ends[i - 1]))
            out.append((chars[i], self.starts[i], self.ends[i]))
        if marks and end == len(chars):
            out.append(("”", self.ends[end - 1], self.ends[end - 1]))
        del chars[start:], self.starts[start:], self.ends[start:]
        for ch, first, last in out:
            chars.append(ch)
            self.starts.append(first)
            self.ends.append(last)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        start = self._offset()
        # The parser hands over the data as written: find it in the markup to map each character.
        if self.html.startswith(data, start):
            for i in range(len(data)):
                self._emit(self.original[start + i], start + i, start + i + 1)
        else:  # should not happen; keep the text, map it to where the data began
            for ch in data.replace(_LITERAL_LT, "<"):
                self._emit(ch, start, start)

    def _reference(self) -> None:
        if self.hidden:
            return
        start = self._offset()
        match = _ENTITY.match(self.html, start)
        end = match.end() if match else start + 1
        for ch in unescape(self.html[start:end]):
            self._emit(ch, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()


def html_to_text(html: str) -> HtmlText:
    converter = _Converter(html)
    try:
        converter.feed(converter.html[: converter.end])
        converter.close()
    except Exception:  # noqa: BLE001 - broken markup costs the rest of the text, never a 500
        pass
    while converter.chars and converter.chars[-1] in " \n":
        converter._pop()
    return HtmlText(
        html,
        "".join(converter.chars),
        converter.starts,
        converter.ends,
        converter.tag_starts,
        converter.tag_ends,
        converter.tag_partners,
        converter.links,
    )


def add_html_offsets(body: dict[str, Any], mapped: HtmlText) -> dict[str, Any]:
    """Give every quote, speaker mention and cue of a response body (in code points of
    ``mapped.text``) its ``html_start``/``html_end`` in the markup."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items()}
            if isinstance(out.get("start"), int) and isinstance(out.get("end"), int):
                out["html_start"], out["html_end"] = mapped.html_span(out["start"], out["end"])
            return out
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return {key: walk(value) for key, value in body.items()}


def html_answer(body: dict[str, Any], mapped: HtmlText, utf16: bool = False) -> dict[str, Any]:
    """An answer (in code points of ``mapped.text``) for HTML input: the plain text it read
    and every span's ``html_start``/``html_end``; with ``utf16``, every offset in UTF-16
    units (of the text, and of the markup for the html ones)."""
    answer = {"text": mapped.text, **add_html_offsets(body, mapped)}
    for speaker in answer.get("speakers", []):
        speaker["links"] = mapped.links_of(speaker["name"], speaker["mentions"])
    if utf16:
        answer = to_utf16(to_utf16(answer, mapped.html, ("html_start", "html_end")), mapped.text)
    return answer
