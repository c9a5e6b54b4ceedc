"""Many documents, one batch at a time: the path of ``quotes extract --jsonl``, of each
shard of a backfill Job, and of the benchmark's in-process run.

Each batch is parsed with one ``nlp.pipe`` call inside its own ``memory_zone``, so a
backfill over millions of documents keeps a flat footprint: nothing holds the whole
input, and the words a batch brings into the vocabulary are released after it.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol, TextIO

from spacy.language import Language

from .analyzer import answer_meta
from .core import Extractor
from .html_text import HtmlText, html_answer, html_to_text
from .limits import HTML_CHARS_PER_TEXT_CHAR, LONE_SURROGATE, json_bytes
from .nlp import model_id
from .offsets import to_utf16


class InputError(ValueError):
    """A JSONL line that cannot be a document: too long, not UTF-8 or JSON, no string
    ``text`` or ``html``, a text over the limit."""


class Document(dict[str, Any]):
    """An input row, which remembers the line of the file it came from."""

    line: int = 0


@dataclass
class Rejects:
    """Where documents that cannot be extracted go, with their line and reason; counted
    either way, so that the summary says how many were read, written and rejected."""

    stream: TextIO | None = None  # --skip-bad FILE; None: a malformed line stops the run
    read: int = 0
    written: int = 0
    rejected: int = 0
    unrecorded: int = 0  # rejected with nowhere to record them (no --skip-bad)

    def reject(self, line: int, doc_id: object, reason: str, raw: str | None = None) -> None:
        self.rejected += 1
        print(f"line {line}: {reason}" + (f" (id {doc_id!r})" if doc_id is not None else ""), file=sys.stderr)
        if self.stream is None:
            self.unrecorded += 1
            return
        entry = {"line": line, "id": doc_id, "reason": reason}
        if raw is not None:
            entry["input"] = raw.rstrip("\n")
        self.stream.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def summary(self) -> str:
        return f"read {self.read}, written {self.written}, rejected {self.rejected}"


@dataclass(frozen=True)
class Shard:
    """Line ``n`` of the input (counting from 0) belongs to shard ``n % count``."""

    index: int = 0
    count: int = 1

    @classmethod
    def parse(cls, value: str) -> Shard:
        """ "2/8" is shard 2 of 8 (Kubernetes' JOB_COMPLETION_INDEX counts from 0)."""
        try:
            index, count = (int(part) for part in value.split("/"))
        except ValueError:
            raise ValueError(f"expected INDEX/COUNT such as 0/4, got {value!r}") from None
        if not 0 <= index < count:
            raise ValueError(f"shard index must be in 0..{count - 1}, got {index}")
        return cls(index, count)

    def holds(self, line_number: int) -> bool:
        return line_number % self.count == self.index


class LineReader(Protocol):
    """A binary stream read line by line: a file, stdin's buffer, a counting wrapper."""

    def readline(self, size: int = -1, /) -> bytes: ...


def _lines(stream: LineReader, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Each line's number and bytes; ``None`` for a line longer than ``max_bytes``, which
    is skipped to its end in pieces rather than read whole."""
    for number in itertools.count(1):
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def read_jsonl(
    stream: LineReader,
    shard: Shard = Shard(),
    rejects: Rejects | None = None,
    max_chars: int = 200_000,
) -> Iterator[Document]:
    """The ``{"id", "text"}`` or ``{"id", "html"}`` rows of this shard, from a byte stream;
    blank lines are skipped, not counted. A line that cannot be a document (over the size
    limit, not UTF-8, not JSON, no string ``text`` or ``html``, a text over ``max_chars``)
    goes to ``rejects`` with its line number and the run goes on; without ``rejects`` it
    raises ``InputError`` naming its line."""
    number = -1
    max_bytes = json_bytes(max_chars * HTML_CHARS_PER_TEXT_CHAR)  # no document is longer
    for line_number, line in _lines(stream, max_bytes):
        if line is not None and not line.strip():
            continue
        number += 1
        if not shard.holds(number):
            continue
        if rejects is not None:
            rejects.read += 1
        row, problem = _row(line, max_bytes, max_chars)
        if problem is not None:
            if rejects is None:
                raise InputError(f"line {line_number}: {problem}")
            raw = None if line is None else line.decode("utf-8", "replace")
            rejects.reject(line_number, row.get("id") if isinstance(row, dict) else None, problem, raw)
            continue
        document = Document(row)
        document.line = line_number
        yield document


def _row(line: bytes | None, max_bytes: int, max_chars: int) -> tuple[Any, str | None]:
    """A line as a document, or why it is not one."""
    if line is None:
        return None, f"line longer than {max_bytes} bytes"
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte {exc.start + 1})"
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg}, column {exc.colno})"
    except RecursionError:  # "[" nested 100,000 deep
        return None, "not valid JSON (nested too deep)"
    except ValueError as exc:  # a 5,000-digit number
        return None, f"not valid JSON ({str(exc)[:80]})"
    if not isinstance(row, dict):
        return row, "expected an object with a string 'text' or 'html'"
    text, html = row.get("text"), row.get("html")
    content = text if html is None else html
    if (text is None) == (html is None) or not isinstance(content, str):
        return row, "expected an object with a string 'text' or 'html'"
    if text is not None and len(text) > max_chars:
        return row, f"text longer than {max_chars} characters"
    if html is not None and len(html) > max_chars * HTML_CHARS_PER_TEXT_CHAR:
        return row, f"html longer than {max_chars * HTML_CHARS_PER_TEXT_CHAR} characters"
    if LONE_SURROGATE.search(content):
        return row, "the text holds a lone surrogate (\\ud800-\\udfff), not Unicode"
    return row, None


@contextmanager
def output_file(path: str | None) -> Iterator[TextIO]:
    """stdout for None or "-"; otherwise ``path``, which appears only once it is complete
    (written as ``path.partial``, then renamed), so a retried shard never leaves half a file."""
    if path is None or path == "-":
        yield sys.stdout
        return
    partial = f"{path}.partial"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    try:
        with open(partial, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def extract_rows(
    rows: Iterable[dict[str, Any]],
    nlp: Language,
    extractor: Extractor,
    *,
    batch_size: int = 64,
    include_other: bool = False,
    indirect: bool = False,
    offset_unit: str = "codepoint",
    max_seconds: float | None = None,
    rejects: Rejects | None = None,
    model: str | None = None,
) -> Iterator[dict[str, Any]]:
    """One result per row, in order: ``{"id": ..., "quotes": [...], "speakers": [...],
    "meta": {...}}`` (an HTML row also gets ``text`` and html offsets, as from the API).
    A document that fails or runs past ``max_seconds`` is reported to ``rejects`` and
    left out (without ``rejects``, its error is raised)."""
    iterator = iter(rows)
    model = model or model_id(nlp)
    utf16 = offset_unit == "utf16"
    while batch := list(islice(iterator, batch_size)):
        began = time.perf_counter()
        texts, mapped, spent = _texts_of(batch)
        with nlp.memory_zone():
            # Plain dicts of str and int: safe to use after the zone closes.
            results = [
                r if isinstance(r, BaseException) else r.to_dict(include_other)
                for r in extractor.extract_each(texts, max_seconds, spent, indirect=indirect)
            ]
        seconds = time.perf_counter() - began
        chars = sum(map(len, texts)) or 1
        for row, text, html, result in zip(batch, texts, mapped, results, strict=True):
            if isinstance(result, BaseException):
                if rejects is None:
                    raise result
                reason = str(result) or type(result).__name__
                rejects.reject(getattr(row, "line", 0), row.get("id"), reason)
                continue
            body = html_answer(result, html, utf16) if html is not None else result
            if html is None and utf16:
                body = to_utf16(body, text)
            if rejects is not None:
                rejects.written += 1
            share = seconds * max(len(text), 1) / chars  # the batch's time, by characters
            yield {"id": row.get("id"), **body, "meta": answer_meta(model, False, share, offset_unit)}


def _texts_of(batch: list[dict[str, Any]]) -> tuple[list[str], list[HtmlText | None], list[float]]:
    """Each row's text (HTML rows converted, the conversion timed against its budget)."""
    texts: list[str] = []
    mapped: list[HtmlText | None] = []
    spent: list[float] = []
    for row in batch:
        if row.get("html") is not None:
            began = time.perf_counter()
            converted = html_to_text(row["html"])
            texts.append(converted.text)
            mapped.append(converted)
            spent.append(time.perf_counter() - began)
        else:
            texts.append(row["text"])
            mapped.append(None)
            spent.append(0.0)
    return texts, mapped, spent
