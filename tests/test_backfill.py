"""`quotes extract --jsonl` and its shards: what a backfill Job runs."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from service import backfill
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
    data = jsonl(ROWS).encode()
    parts = [[row["id"] for row in read_jsonl(io.BytesIO(data), Shard(i, 3))] for i in range(3)]
    assert parts == [["doc-0", "doc-3", "doc-6"], ["doc-1", "doc-4"], ["doc-2", "doc-5"]]


@pytest.mark.parametrize("value", ["3/3", "-1/2", "1", "a/b", "0/0"])
def test_a_bad_shard_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        Shard.parse(value)


def test_a_line_without_text_names_its_line() -> None:
    with pytest.raises(InputError, match="line 3: expected an object"):
        list(read_jsonl(io.BytesIO(b'{"text": "fine"}\n\n{"id": "x"}\n')))


def test_a_line_that_is_not_json_names_its_line() -> None:
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        list(read_jsonl(io.BytesIO(b'{"text": "fine"}\n{"text": "cut off\n')))


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


def test_cli_names_a_bad_line_goes_on_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(jsonl(ROWS[:1]) + "[1, 2]\n" + jsonl(ROWS[1:2]), encoding="utf-8")
    out = tmp_path / "part-0.jsonl"
    assert main(["extract", "--jsonl", str(source), "--output", str(out)]) == 1
    assert "line 2: expected an object" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["doc-0", "doc-1"]


def test_cli_output_file_appears_only_when_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text(jsonl(ROWS[:2]), encoding="utf-8")
    out = tmp_path / "part-0.jsonl"

    def dies_after_one(rows: Any, *args: Any, **kwargs: Any) -> Iterator[dict[str, Any]]:
        yield {"id": next(iter(rows))["id"]}
        raise RuntimeError("the pod was killed")

    with monkeypatch.context() as patch:
        patch.setattr(backfill, "extract_rows", dies_after_one)
        with pytest.raises(RuntimeError):
            main(["extract", "--jsonl", str(source), "--output", str(out)])
    assert list(tmp_path.iterdir()) == [source]  # neither the file nor a .partial is left
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


HOSTILE_LINES = [
    (b'{"id": "digits", "text": ' + b"1" * 5000 + b"}", "not valid JSON (Exceeds the limit"),
    (b"[" * 50_000, "not valid JSON (nested too deep)"),
    (b'{"id": "bytes", "text": "caf\xe9"}', "not valid UTF-8 (byte 29)"),
    (b'{"id": "surrogate", "text": "\\ud800"}', "lone surrogate"),
    (b'{"id": "both", "text": "a", "html": "<p>a</p>"}', "expected an object"),
    (b'{"id": "long", "text": "' + b"x" * 101 + b'"}', "text longer than 100 characters"),
    (b'{"id": "huge", "text": "' + b"x" * 3_000_000 + b'"}', "line longer than"),
]


def test_every_hostile_line_is_a_record_with_its_line_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUOTES_MAX_TEXT_CHARS", "100")
    good = json.dumps(ROWS[0]).encode()
    source = tmp_path / "hostile.jsonl"
    source.write_bytes(b"\n".join([good, *(line for line, _ in HOSTILE_LINES), good]) + b"\n")
    bad, out = tmp_path / "rejected.jsonl", tmp_path / "out.jsonl"
    assert main(["extract", "--jsonl", str(source), "--skip-bad", str(bad), "--output", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 2
    rejected = [json.loads(line) for line in bad.read_text().splitlines()]
    assert [r["line"] for r in rejected] == list(range(2, 2 + len(HOSTILE_LINES)))
    for record, (_, reason) in zip(rejected, HOSTILE_LINES, strict=True):
        assert reason in record["reason"]
    assert f"read 9, written 2, rejected {len(HOSTILE_LINES)}" in capsys.readouterr().err
    # Without --skip-bad: the same run, each line named on stderr, exit 1, the output written.
    assert main(["extract", "--jsonl", str(source), "--output", str(out)]) == 1
    assert len(out.read_text().splitlines()) == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--batch-size", "0"], "must be 1 or more"),
        (["--batch-size", "-1"], "must be 1 or more"),
        (["--max-seconds", "0"], "above 0"),
        (["--max-seconds", "nan"], "above 0"),
        (["--shard", "3/3"], "shard index"),
    ],
)
def test_bad_arguments_are_one_line_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(ROWS[:1]))
    with pytest.raises(SystemExit) as exited:
        main(["extract", "--jsonl", str(source), *argv])
    assert exited.value.code == 2 and message in capsys.readouterr().err


def test_a_missing_file_or_a_folder_is_a_one_line_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (tmp_path / "missing.jsonl", tmp_path):
        with pytest.raises(SystemExit) as exited:
            main(["extract", "--jsonl", str(path)])
        assert exited.value.code == 2 and "is not a file" in capsys.readouterr().err


def test_the_skip_bad_file_cannot_be_the_output_or_the_input(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(jsonl(ROWS[:1]))
    with pytest.raises(SystemExit, match="same file"):
        main(["extract", "--jsonl", str(source), "--output", str(out), "--skip-bad", str(out)])
    with pytest.raises(SystemExit, match="same file"):
        main(["extract", "--jsonl", str(source), "--skip-bad", str(source)])
    assert source.read_text() == jsonl(ROWS[:1])


def test_html_lines_and_meta_on_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = "<p>&ldquo;We won,&rdquo; said <b>Anna Berg</b>.</p>"
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "h", "html": html}) + "\n" + json.dumps(ROWS[0]) + "\n")
    assert main(["extract", "--jsonl", str(source)]) == 0
    from_html, from_text = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert from_html["text"] == "“We won,” said Anna Berg."
    quote = from_html["quotes"][0]
    assert html[quote["html_start"] : quote["html_end"]] == "&ldquo;We won,&rdquo;"
    for line in (from_html, from_text):
        assert set(line["meta"]) == {"model", "rules_version", "cached", "processing_ms", "offset_unit"}
        assert line["meta"]["model"].startswith("en_core_web_sm")


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(ROWS * 20))
    quotes = Path(sys.executable).with_name("quotes")
    run = subprocess.run(
        f"'{quotes}' extract --jsonl '{source}' --batch-size 2 | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        executable="/bin/bash",
    )
    assert run.returncode == 0 and len(run.stdout.splitlines()) == 1
    assert "Traceback" not in run.stderr and "BrokenPipe" not in run.stderr, run.stderr


def test_progress_shows_on_a_terminal_and_not_elsewhere(tmp_path: Path) -> None:
    """stderr a terminal (a pseudo-terminal here): a tqdm bar with documents, rate and ETA;
    stderr a file: only the closing summary."""
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(ROWS * 10))
    quotes = str(Path(sys.executable).with_name("quotes"))
    command = [
        quotes,
        "extract",
        "--jsonl",
        str(source),
        "--batch-size",
        "8",
        "-o",
        str(tmp_path / "out.jsonl"),
    ]
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stderr=follower, stdout=subprocess.DEVNULL) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
    os.close(leader)
    assert process.returncode == 0
    screen = shown.decode(errors="replace")
    assert "70 docs" in screen and "docs/s" in screen and "<00:00" in screen and "100%" in screen
    plain = subprocess.run(command, capture_output=True, text=True, check=True)
    assert plain.stderr.strip() == "read 70, written 70, rejected 0"


def test_one_article_over_the_limit_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTES_MAX_TEXT_CHARS", "100")
    article = tmp_path / "long.txt"
    article.write_text("“We will win,” said Anna Berg. " * 1000)
    with pytest.raises(SystemExit, match="longer than 100 characters"):
        main(["extract", str(article)])
