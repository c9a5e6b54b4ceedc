"""The size rules every entry point shares (API, batch, CLI): how much markup and JSON a
text within ``QUOTES_MAX_TEXT_CHARS`` may come in, so that bytes are refused before they
are read and lines before they are parsed, and what text is not Unicode."""

from __future__ import annotations

import re

# An article's markup may be this many times longer than the text it holds.
HTML_CHARS_PER_TEXT_CHAR = 4
# JSON may escape every character as "\uXXXX": six bytes a character.
JSON_BYTES_PER_CHAR = 6
FRAMING_BYTES = 65_536  # ids, options and the JSON around the text
# JSON allows "\ud800" alone; UTF-8 and every client reading the answer back do not.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_bytes(chars: int) -> int:
    """The largest JSON body or line that can hold ``chars`` characters of text or markup."""
    return chars * JSON_BYTES_PER_CHAR + FRAMING_BYTES
