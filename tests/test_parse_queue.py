"""Group commit in the Analyzer: requests that arrive during a parse share the next one."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.analyzer import _Job, _ParseQueue


class FakeParser:
    """Records each batch; the first one blocks until released, so others queue up."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.release = threading.Event()
        self.fail_on = fail_on

    def __call__(self, jobs: list[_Job]) -> None:
        self.batches.append([text for job in jobs for text in job.texts])
        if len(self.batches) == 1:
            self.release.wait(5)
        if self.fail_on and any(self.fail_on in job.texts for job in jobs):
            raise ValueError("parse failed")
        for job in jobs:
            job.bodies = [{"text": text.upper()} for text in job.texts]


def job(texts: list[str], include_other: bool = False) -> _Job:
    return _Job(texts, include_other, [0.0] * len(texts))


def submit_all(queue: _ParseQueue, parser: FakeParser, groups: list[list[str]]) -> list[object]:
    with ThreadPoolExecutor(len(groups)) as pool:
        first = pool.submit(queue.submit, job(groups[0]))
        while not parser.batches:  # the first caller is parsing
            time.sleep(0.001)
        rest = [pool.submit(queue.submit, job(group)) for group in groups[1:]]
        while sum(len(job.texts) for job in queue._waiting) < sum(map(len, groups[1:])):
            time.sleep(0.001)
        parser.release.set()
        outcomes: list[object] = []
        for future in [first, *rest]:
            try:
                outcomes.append(future.result(5))
            except ValueError as exc:
                outcomes.append(exc)
        return outcomes


def test_requests_waiting_during_a_parse_are_parsed_together_and_answered_in_place() -> None:
    parser = FakeParser()
    queue = _ParseQueue(parser, max_texts=64)
    outcomes = submit_all(queue, parser, [["a"], ["b"], ["c", "d"], ["e"]])
    assert outcomes == [[{"text": "A"}], [{"text": "B"}], [{"text": "C"}, {"text": "D"}], [{"text": "E"}]]
    assert parser.batches[0] == ["a"]
    assert sorted(parser.batches[1]) == ["b", "c", "d", "e"] and len(parser.batches) == 2


def test_a_batch_holds_at_most_max_texts_but_always_one_request() -> None:
    parser = FakeParser()
    queue = _ParseQueue(parser, max_texts=2)
    submit_all(queue, parser, [["a"], ["b"], ["c"], ["d", "e", "f"]])
    # A request larger than the cap is a batch of its own; others fill batches up to it.
    assert all(len(batch) <= 2 or batch == ["d", "e", "f"] for batch in parser.batches)
    assert ["d", "e", "f"] in parser.batches
    assert sorted(text for batch in parser.batches for text in batch) == ["a", "b", "c", "d", "e", "f"]


def test_a_failed_parse_fails_every_request_in_its_batch_and_no_other() -> None:
    parser = FakeParser(fail_on="bad")
    queue = _ParseQueue(parser, max_texts=64)
    outcomes = submit_all(queue, parser, [["a"], ["bad"], ["c"]])
    assert outcomes[0] == [{"text": "A"}]
    assert all(isinstance(o, ValueError) for o in outcomes[1:])
    assert queue.submit(job(["z"])) == [{"text": "Z"}]  # the queue keeps working


@pytest.mark.parametrize("include_other", [False, True])
def test_each_request_keeps_its_own_options(include_other: bool) -> None:
    seen: list[bool] = []

    def parse(jobs: list[_Job]) -> None:
        for each in jobs:
            seen.append(each.include_other)
            each.bodies = [{} for _ in each.texts]

    _ParseQueue(parse, max_texts=8).submit(job(["x"], include_other))
    assert seen == [include_other]
