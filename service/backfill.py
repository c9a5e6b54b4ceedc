"""Many documents, one batch at a time: the path of ``quotes extract --jsonl``, of each
shard of a backfill Job, and of the benchmark's in-process run.

Each batch is parsed with one ``nlp.pipe`` call inside its own ``memory_zone``, so a
backfill over millions of documents keeps a flat footprint: nothing holds the whole
input, and the words a batch brings into the vocabulary are released after it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, TextIO

from spacy.language import Language

from .core import Extractor
from .offsets import to_utf16


class InputError(ValueError):
    """A JSONL line that is not JSON, or not an object with a string ``text``."""


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


def read_jsonl(stream: TextIO, shard: Shard = Shard(), rejects: Rejects | None = None) -> Iterator[Document]:
    """The ``{"id", "text"}`` rows of this shard; blank lines are skipped, not counted. A
    malformed line raises ``InputError`` naming its line, or goes to ``rejects`` when it
    has a file to go to (``--skip-bad``)."""
    number = -1
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        number += 1
        if not shard.holds(number):
            continue
        if rejects is not None:
            rejects.read += 1
        try:
            row = json.loads(line)
            problem = (
                None
                if isinstance(row, dict) and isinstance(row.get("text"), str)
                else "expected an object with a string 'text'"
            )
        except json.JSONDecodeError as exc:
            row, problem = None, f"not valid JSON ({exc.msg}, column {exc.colno})"
        if problem is not None:
            if rejects is None or rejects.stream is None:
                raise InputError(f"line {line_number}: {problem}")
            rejects.reject(line_number, row.get("id") if isinstance(row, dict) else None, problem, line)
            continue
        document = Document(row)
        document.line = line_number
        yield document


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
    offset_unit: str = "codepoint",
    max_seconds: float | None = None,
    rejects: Rejects | None = None,
) -> Iterator[dict[str, Any]]:
    """One result per row, in order: ``{"id": ..., "quotes": [...], "speakers": [...]}``.
    A document that fails or runs past ``max_seconds`` is reported to ``rejects`` and
    left out (without ``rejects``, its error is raised)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        with nlp.memory_zone():
            results = extractor.extract_each((row["text"] for row in batch), max_seconds)
            # Plain dicts of str and int: safe to use after the zone closes.
            for row, result in zip(batch, results, strict=True):
                if isinstance(result, BaseException):
                    if rejects is None:
                        raise result
                    rejects.reject(
                        getattr(row, "line", 0), row.get("id"), str(result) or type(result).__name__
                    )
                    continue
                body = result.to_dict(include_other)
                if offset_unit == "utf16":
                    body = to_utf16(body, row["text"])
                if rejects is not None:
                    rejects.written += 1
                yield {"id": row.get("id"), **body}
