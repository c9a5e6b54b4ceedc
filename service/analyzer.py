"""One process's extraction service: the pipeline, the cache, and back-pressure.

The API layer calls this from its thread pool. spaCy's ``memory_zone`` is not safe to
enter from two threads at once, so parses run one batch at a time per process (scale
with worker processes), and requests that arrive during a parse are parsed together
in the next batch: one ``nlp.pipe`` call serves them all. ``max_pending`` bounds the
queue, beyond which callers get ``Overloaded`` (503). Cache reads and writes happen
outside the queue.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from spacy.language import Language

from .cache import Cache, cache_key
from .core import REPORTING_VERSION, RULES_VERSION, Extractor
from .core.model import Extraction
from .core.normalize import may_hold_quote_marks
from .limits import LONE_SURROGATE
from .nlp import model_id
from .offsets import to_utf16


class Overloaded(RuntimeError):
    """More extractions are queued in this worker than ``max_pending`` allows."""


class InvalidText(ValueError):
    """A text that is not Unicode a client could send back: a lone surrogate (JSON allows
    ``"\\ud800"``, UTF-8 does not)."""


@dataclass(frozen=True)
class Options:
    offset_unit: str = "codepoint"
    include_other: bool = False
    indirect: bool = False  # reported speech too

    def as_dict(self) -> dict[str, object]:
        key: dict[str, object] = {"offset_unit": self.offset_unit, "include_other": self.include_other}
        if self.indirect:  # without it, the key (and the cache entry) is what it always was
            key["indirect"] = REPORTING_VERSION
        return key


def answer_meta(model: str, cached: bool, seconds: float, offset_unit: str) -> dict[str, object]:
    """The ``meta`` of an answer, the same from the API and from ``quotes extract``."""
    return {
        "model": model,
        "rules_version": RULES_VERSION,
        "cached": cached,
        "processing_ms": round(seconds * 1000, 3),
        "offset_unit": offset_unit,
    }


@dataclass
class Result:
    body: dict[str, Any]  # quotes and speakers
    cached: bool
    seconds: float
    body_json: str = ""  # ``body`` as compact JSON: what the cache holds and responses embed


@dataclass
class Counters:
    documents: int = 0
    quotes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, documents: int, quotes: int) -> None:
        with self.lock:
            self.documents += documents
            self.quotes += quotes


class Analyzer:
    def __init__(
        self,
        nlp: Language,
        cache: Cache,
        max_pending: int = 32,
        max_seconds: float | None = None,
        parse_allowance: float = 1.0,
    ) -> None:
        self.nlp = nlp
        self.extractor = Extractor(nlp, parse_allowance=parse_allowance)
        self.cache = cache
        self.model = model_id(nlp)
        self.max_pending = max_pending
        self.max_seconds = max_seconds  # each text's budget, counted from its first parse
        self.counters = Counters()
        self._queue = _ParseQueue(self._parse, max_texts=self.extractor.batch_size)
        self._pending = 0
        self._pending_lock = threading.Lock()
        self.deadline: float | None = None  # set by ``drain``: all work ends by then

    def drain(self, seconds: float) -> None:
        """The worker stops in ``seconds``: every text still being extracted then (or queued
        and not reached) is given up with ``BudgetExceeded(draining=True)``, a 503 to retry
        elsewhere, so no request is still running when the server cancels what is left."""
        self.deadline = time.monotonic() + seconds

    def _deadline(self) -> float | None:
        return self.deadline

    def saturated(self) -> bool:
        """The queue is full: a new extraction would be refused (read without the lock;
        a request that slips past is refused in ``_extract``)."""
        return self._pending >= self.max_pending

    def _key(self, text: str, options: Options) -> str:
        options_key = options.as_dict()
        if self.extractor.parse_allowance != 1.0:  # another allowance, another answer for dense texts
            options_key["parse_allowance"] = self.extractor.parse_allowance
        return cache_key(RULES_VERSION, self.model, options_key, text)

    def analyze(self, text: str, options: Options, use_cache: bool = True, spent: float = 0.0) -> Result:
        result = self.analyze_each([text], options, use_cache, [spent])[0]
        if isinstance(result, BaseException):
            raise result
        return result

    def analyze_each(
        self,
        texts: Sequence[str],
        options: Options,
        use_cache: bool = True,
        spent: Sequence[float] | None = None,
    ) -> list[Result | BaseException]:
        """Results in input order; the misses are parsed together in one ``nlp.pipe``. A
        text that fails (invalid text, its budget run out, a bug) gets its exception in its
        slot and the others their results; only a full queue (``Overloaded``) fails them all.
        ``spent``: seconds each text already cost before (its HTML conversion), which count
        against its budget."""
        started = time.perf_counter()
        results: list[Result | BaseException | None] = [None] * len(texts)
        for i, text in enumerate(texts):
            if LONE_SURROGATE.search(text):
                results[i] = InvalidText("The text holds a lone surrogate (\\ud800-\\udfff), not Unicode.")
        keys = [self._key(text, options) if results[i] is None else "" for i, text in enumerate(texts)]
        if use_cache:
            asked = [i for i, key in enumerate(keys) if key]
            for i, hit in zip(asked, self.cache.get_many([keys[i] for i in asked]), strict=True):
                if hit is not None:
                    results[i] = Result(json.loads(hit), True, time.perf_counter() - started, hit)
        todo = [i for i, result in enumerate(results) if result is None]
        # Articles without a quote mark need no parse and no queue slot (unless reported
        # speech is asked for: it has no marks); a mark garbled upstream still counts.
        needs_parse = [i for i in todo if options.indirect or may_hold_quote_marks(texts[i])]
        for i in set(todo) - set(needs_parse):
            results[i] = Result(Extraction().to_dict(), False, 0.0)
        if needs_parse:
            costs = [spent[i] if spent is not None else 0.0 for i in needs_parse]
            bodies = self._extract([texts[i] for i in needs_parse], options, costs)
            for i, body in zip(needs_parse, bodies, strict=True):
                results[i] = body if isinstance(body, BaseException) else Result(body, False, 0.0)
        elapsed = time.perf_counter() - started
        out: list[Result | BaseException] = []
        fresh: list[tuple[str, str]] = []
        for i, result in enumerate(results):
            assert result is not None
            if isinstance(result, Result) and not result.cached:
                result.seconds = elapsed
                result.body_json = json.dumps(result.body, ensure_ascii=False, separators=(",", ":"))
                fresh.append((keys[i], result.body_json))
            out.append(result)
        # A bypassed read (Cache-Control: no-cache) still refreshes the entries.
        self.cache.set_many(fresh)
        found = sum(len(r.body["quotes"]) for r in out if isinstance(r, Result))
        self.counters.add(len(texts), found)
        return out

    def _extract(
        self, texts: list[str], options: Options, spent: list[float]
    ) -> list[dict[str, Any] | BaseException]:
        with self._pending_lock:
            if self._pending >= self.max_pending:
                raise Overloaded(f"{self._pending} extractions already queued")
            self._pending += 1
        try:
            bodies = self._queue.submit(_Job(texts, options.include_other, spent, options.indirect))
        finally:
            with self._pending_lock:
                self._pending -= 1
        if options.offset_unit == "utf16":
            bodies = [
                body if isinstance(body, BaseException) else to_utf16(body, text)
                for body, text in zip(bodies, texts, strict=True)
            ]
        return bodies

    def _parse(self, jobs: list[_Job]) -> None:
        """One batch: every queued request's texts through one ``extract_each``. A text
        that fails or runs past its budget gets its own exception; the others go on."""
        texts = [text for job in jobs for text in job.texts]
        spent = [seconds for job in jobs for seconds in job.spent]
        indirect = [job.indirect for job in jobs for _ in job.texts]
        with self.nlp.memory_zone():
            results = iter(
                # the deadline is read at every check: a batch already running when the
                # shutdown begins must end by it too
                self.extractor.extract_each(texts, self.max_seconds, spent, self._deadline, indirect)
            )
            # Bodies are plain dicts of str and int, safe to use once the zone closes.
            for job in jobs:
                job.bodies = [
                    result if isinstance(result, BaseException) else result.to_dict(job.include_other)
                    for result in islice(results, len(job.texts))
                ]


@dataclass
class _Job:
    texts: list[str]
    include_other: bool
    spent: list[float]  # seconds each text already cost (HTML conversion), against its budget
    indirect: bool = False
    bodies: list[dict[str, Any] | BaseException] | None = None
    error: BaseException | None = None  # the whole batch failed
    finished: bool = False


class _ParseQueue:
    """Group commit: the first caller parses the batch of everyone waiting, itself
    included; callers that arrive meanwhile wait, and one of them leads the next batch.
    No thread of its own, and nobody parses a batch they are not part of."""

    def __init__(self, parse: Callable[[list[_Job]], None], max_texts: int) -> None:
        self._parse = parse
        self._max_texts = max_texts
        self._changed = threading.Condition()
        self._waiting: list[_Job] = []
        self._busy = False

    def submit(self, job: _Job) -> list[dict[str, Any] | BaseException]:
        with self._changed:
            self._waiting.append(job)
        while True:
            with self._changed:
                while self._busy and not job.finished:
                    self._changed.wait()
                if job.finished:
                    break
                self._busy = True
                batch = self._take()
            try:
                self._parse(batch)
            except Exception as exc:  # every caller in the batch sees the failure
                for member in batch:
                    member.error = exc
            finally:
                with self._changed:
                    for member in batch:
                        member.finished = True
                    self._busy = False
                    self._changed.notify_all()
        if job.error is not None:
            raise job.error
        assert job.bodies is not None
        return job.bodies

    def _take(self) -> list[_Job]:
        """The waiting jobs, in arrival order, up to ``max_texts`` texts (at least one job)."""
        batch: list[_Job] = []
        count = 0
        while self._waiting and (not batch or count + len(self._waiting[0].texts) <= self._max_texts):
            job = self._waiting.pop(0)
            batch.append(job)
            count += len(job.texts)
        return batch
