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
    """A JSONL line that is not an object with a string ``text``."""


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


def read_jsonl(stream: TextIO, shard: Shard = Shard()) -> Iterator[dict[str, Any]]:
    """The ``{"id", "text"}`` rows of this shard; blank lines are skipped, not counted."""
    number = -1
    for line in stream:
        if not line.strip():
            continue
        number += 1
        if not shard.holds(number):
            continue
        row = json.loads(line)
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise InputError(f"document {number + 1}: expected an object with a string 'text'")
        yield row


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
) -> Iterator[dict[str, Any]]:
    """One result per row, in order: ``{"id": ..., "quotes": [...], "speakers": [...]}``."""
    iterator = iter(rows)
    while batch := list(islice(iterator, batch_size)):
        with nlp.memory_zone():
            extractions = extractor.extract_many(row["text"] for row in batch)
            # Plain dicts of str and int: safe to use after the zone closes.
            for row, extraction in zip(batch, extractions, strict=True):
                body = extraction.to_dict(include_other)
                if offset_unit == "utf16":
                    body = to_utf16(body, row["text"])
                yield {"id": row.get("id"), **body}
