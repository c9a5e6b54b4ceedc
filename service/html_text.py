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
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from .offsets import to_utf16

BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td "
    "tfoot th thead title tr ul".split()
)
HIDDEN = frozenset({"script", "style", "template", "noscript", "head"})
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# Stands in, for the parser, for a "<" that opens no tag; the text keeps the "<" itself.
_LITERAL_LT = "\ue000"
# Where html.parser ends a comment and a marked section (html/parser.py, _markupbase.py).
COMMENT_CLOSE = re.compile(r"--\s*>")
MARKED_SECTION_CLOSE = re.compile(r"]\s*]\s*>")


@dataclass
class HtmlText:
    html: str
    text: str = ""
    starts: list[int] = field(default_factory=list)  # text index -> first markup character
    ends: list[int] = field(default_factory=list)  # text index -> end of its markup

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The markup range that produced text[start:end]."""
        if not self.text or end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.html)
            return at, at
        return self.starts[start], self.ends[end - 1]


def literal_lts(html: str) -> tuple[str, int]:
    """``html`` with every "<" that opens no complete tag replaced by ``_LITERAL_LT`` (same
    length, so offsets hold): a "<" with no ">" before the next "<", a marked section that
    is never closed; and where the markup to parse ends: at a comment that is never
    closed, which hides the rest as a browser does. ``html.parser`` looks for the end of
    such a tag or comment through the whole rest of the markup, once per "<": 50,000
    characters of "<a " took 28 s, 200,000 of ``<a href="x" `` 80 s, 160,000 of "<!--"
    7 s. One pass: each close is searched for by a pointer that only moves forward;
    comments are skipped to the close the parser itself uses."""
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

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

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

    def handle_starttag(self, tag: str, attrs: Any) -> None:
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
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self._break(2)

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
    return HtmlText(html, "".join(converter.chars), converter.starts, converter.ends)


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
    if utf16:
        answer = to_utf16(to_utf16(answer, mapped.html, ("html_start", "html_end")), mapped.text)
    return answer
