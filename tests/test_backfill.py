"""`quotes extract --jsonl` and its shards: what a backfill Job runs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from spacy.language import Language

from service.backfill import InputError, Shard, extract_rows, read_jsonl
from service.cli import main
from service.core import Extractor

ROWS = [
    {"id": f"doc-{n}", "text": f"“We counted {n} ballots by hand tonight,” Nadia Okafor said."}
    for n in range(7)
]


def jsonl(rows: list[dict[str, str]]) -> str:
    return "\n\n".join(json.dumps(row) for row in rows) + "\n"  # blank lines are not documents


def test_shards_split_the_input_into_disjoint_parts_that_cover_it() -> None:
    parts = [[row["id"] for row in read_jsonl(io.StringIO(jsonl(ROWS)), Shard(i, 3))] for i in range(3)]
    assert parts == [["doc-0", "doc-3", "doc-6"], ["doc-1", "doc-4"], ["doc-2", "doc-5"]]


@pytest.mark.parametrize("value", ["3/3", "-1/2", "1", "a/b", "0/0"])
def test_a_bad_shard_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        Shard.parse(value)


def test_a_line_without_text_names_its_line() -> None:
    with pytest.raises(InputError, match="line 3: expected an object"):
        list(read_jsonl(io.StringIO('{"text": "fine"}\n\n{"id": "x"}\n')))


def test_a_line_that_is_not_json_names_its_line() -> None:
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        list(read_jsonl(io.StringIO('{"text": "fine"}\n{"text": "cut off\n')))


def test_results_keep_input_order_across_batches(nlp: Language, extractor: Extractor) -> None:
    results = list(extract_rows(ROWS, nlp, extractor, batch_size=3))
    assert [r["id"] for r in results] == [row["id"] for row in ROWS]
    assert all(r["quotes"][0]["speaker"]["name"] == "Nadia Okafor" for r in results)


def test_cli_writes_one_line_per_document_of_its_shard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(jsonl(ROWS), encoding="utf-8")
    assert main(["extract", "--jsonl", str(source), "--shard", "1/2", "--batch-size", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["doc-1", "doc-3", "doc-5"]
    assert lines[0]["quotes"][0]["text"] == "“We counted 1 ballots by hand tonight,”"


def test_cli_refuses_a_bad_line_with_a_message(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "text": "No quotes."}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="line 2"):
        main(["extract", "--jsonl", str(source)])


def test_cli_output_file_appears_only_when_complete(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(jsonl(ROWS[:2]) + "[1]\n", encoding="utf-8")  # the third document is bad
    out = tmp_path / "part-0.jsonl"
    with pytest.raises(SystemExit):
        main(["extract", "--jsonl", str(source), "--output", str(out)])
    assert list(tmp_path.iterdir()) == [source]  # neither the file nor a .partial is left
    source.write_text(jsonl(ROWS[:2]), encoding="utf-8")
    assert main(["extract", "--jsonl", str(source), "--output", str(out)]) == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["doc-0", "doc-1"]


def test_skip_bad_records_malformed_lines_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mixed.jsonl"
    lines = [json.dumps(ROWS[0]), "{not json", json.dumps({"id": "no-text"}), json.dumps(ROWS[1])]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = tmp_path / "rejected.jsonl"
    assert main(["extract", "--jsonl", str(source), "--skip-bad", str(bad)]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["doc-0", "doc-1"]
    rejected = [json.loads(line) for line in bad.read_text().splitlines()]
    assert [(r["line"], r["id"]) for r in rejected] == [(2, None), (3, "no-text")]
    assert rejected[0]["input"] == "{not json" and "not valid JSON" in rejected[0]["reason"]
    assert "read 4, written 2, rejected 2" in captured.err


def test_a_document_over_its_budget_is_reported_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "slow.jsonl"
    source.write_text(jsonl(ROWS[:3]), encoding="utf-8")
    bad = tmp_path / "rejected.jsonl"
    # A budget no parse can meet: every document is over it, reported, and recorded.
    assert main(["extract", "--jsonl", str(source), "--max-seconds", "1e-9", "--skip-bad", str(bad)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert [json.loads(line)["id"] for line in bad.read_text().splitlines()] == ["doc-0", "doc-1", "doc-2"]
    assert "budget" in bad.read_text() and "read 3, written 0, rejected 3" in captured.err
    # Without --skip-bad the run still reports and skips them, then exits non-zero.
    assert main(["extract", "--jsonl", str(source), "--max-seconds", "1e-9"]) == 1
    assert "line 1: the extraction took longer than its budget" in capsys.readouterr().err
