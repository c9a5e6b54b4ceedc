"""The ``quotes`` console command: ``quotes serve`` and ``quotes extract``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from pydantic import ValidationError

from .config import Settings

if TYPE_CHECKING:
    from .backfill import LineReader, Rejects


def _settings() -> Settings:
    """The QUOTES_* settings, or exit with one line per bad one (no traceback)."""
    try:
        return Settings()
    except ValidationError as exc:
        lines = [f"QUOTES_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()]
        raise SystemExit("quotes: invalid settings\n" + "\n".join(lines)) from None


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    # Flags win over the environment; workers are separate processes, so pass them on.
    for name in ("host", "port", "workers", "model"):
        value = getattr(args, name)
        if value is not None:
            os.environ[f"QUOTES_{name.upper()}"] = str(value)
    settings = _settings()
    uvicorn.run(
        "service.api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=settings.shutdown_seconds,
    )
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .backfill import Rejects, Shard, extract_rows, output_file, read_jsonl
    from .core import BudgetExceeded, Extractor
    from .nlp import load_pipeline
    from .offsets import to_utf16

    shard = args.shard or Shard()
    if shard.count > 1 and not args.jsonl:
        raise SystemExit("quotes extract: --shard needs --jsonl")
    if args.skip_bad and not args.jsonl:
        raise SystemExit("quotes extract: --skip-bad needs --jsonl")
    _distinct_paths(args)
    settings = _settings()
    max_seconds = args.max_seconds if args.max_seconds is not None else settings.max_seconds
    nlp = load_pipeline(args.model or settings.model)
    extractor = Extractor(nlp, batch_size=args.batch_size, parse_allowance=settings.parse_allowance)
    source: BinaryIO = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    rejects_file: TextIO | None = open(args.skip_bad, "w", encoding="utf-8") if args.skip_bad else None  # noqa: SIM115
    rejects = Rejects(rejects_file)
    try:
        with source, output_file(args.output) as out:
            if args.jsonl:
                progress = _progress(source, args.file)
                rows = read_jsonl(progress.reading(source), shard, rejects, settings.max_text_chars)
                results = extract_rows(
                    rows,
                    nlp,
                    extractor,
                    batch_size=args.batch_size,
                    include_other=args.include_other,
                    indirect=args.indirect,
                    offset_unit=args.offset_unit,
                    max_seconds=max_seconds,
                    rejects=rejects,
                )
                with progress:
                    for result in results:
                        out.write(json.dumps(result, ensure_ascii=False) + "\n")
                        progress.document(rejects)
            else:
                limit = settings.max_text_chars
                # Read no more than the longest text allowed can take in UTF-8, then count.
                text = source.read(4 * limit + 1).decode("utf-8", "replace")
                if len(text) > limit:
                    raise SystemExit(f"{args.file}: longer than {limit} characters (QUOTES_MAX_TEXT_CHARS)")
                try:
                    extraction = extractor.extract(text, max_seconds, indirect=args.indirect)
                except BudgetExceeded as exc:
                    raise SystemExit(f"{args.file}: {exc}") from None
                body = extraction.to_dict(args.include_other)
                if args.offset_unit == "utf16":
                    body = to_utf16(body, text)
                json.dump(body, out, ensure_ascii=False, indent=2)
                out.write("\n")
            out.flush()
    except BrokenPipeError:
        # The reader went away (`quotes extract ... | head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        if rejects_file is not None:
            rejects_file.close()
    if args.jsonl:
        print(rejects.summary(), file=sys.stderr)
    # Rejected documents with nowhere recorded (no --skip-bad) are an error, after the rest.
    return 1 if rejects.unrecorded else 0


def _distinct_paths(args: argparse.Namespace) -> None:
    """The input, the output and the --skip-bad file must be three different files."""
    paths = {"input": args.file, "--output": args.output, "--skip-bad": args.skip_bad}
    seen: dict[str, str] = {}
    for name, path in paths.items():
        if path is None or path == "-":
            continue
        real = os.path.realpath(path)
        if real in seen:
            raise SystemExit(f"quotes extract: {name} and {seen[real]} are the same file: {path}")
        seen[real] = name


class _Progress:
    """Documents, rate and ETA on stderr while a backfill runs, when stderr is a terminal
    (``tqdm``); the ETA follows the bytes of the input read so far. Nothing otherwise."""

    def __init__(self, total_bytes: int | None, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            try:  # a terminal that reports no size (some pseudo-terminals) gets 100 × 24
                size = os.get_terminal_size(sys.stderr.fileno())
                width, height = size.columns or 100, size.lines or 24
            except OSError:
                width, height = 100, 24
            self.bar = tqdm(
                total=total_bytes,
                unit="B",
                unit_scale=True,
                file=sys.stderr,
                smoothing=0.1,
                ncols=width,
                nrows=height,
            )
        self.started = time.monotonic()
        self._read = 0

    def reading(self, stream: BinaryIO) -> LineReader:
        return stream if self.bar is None else _Counted(stream, self)

    def advance(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def document(self, rejects: Rejects) -> None:
        if self.bar is not None:
            rate = rejects.written / max(time.monotonic() - self.started, 1e-9)
            self.bar.set_postfix_str(
                f"{rejects.written} docs, {rate:.1f} docs/s, {rejects.rejected} rejected"
            )

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


class _Counted:
    """A byte stream that tells the progress bar how much of it has been read."""

    def __init__(self, stream: BinaryIO, progress: _Progress) -> None:
        self.stream, self.progress = stream, progress

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.progress.advance(len(line))
        return line


def _progress(source: BinaryIO, path: str) -> _Progress:
    total = None
    if path != "-":
        try:
            total = os.fstat(source.fileno()).st_size
        except OSError:
            total = None
    return _Progress(total, sys.stderr.isatty())


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return number


def _positive_seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {value}")
    return seconds


def _readable_file(value: str) -> str:
    if value != "-" and not os.path.isfile(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a file")
    if value != "-" and not os.access(value, os.R_OK):
        raise argparse.ArgumentTypeError(f"{value!r} cannot be read")
    return value


def _shard(value: str) -> Any:
    from .backfill import Shard

    try:
        return Shard.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotes", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service (settings from QUOTES_* variables)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--model")
    serve.set_defaults(func=_serve)

    extract = commands.add_parser("extract", help="extract quotes from a text file or a JSONL file")
    extract.add_argument(
        "file",
        type=_readable_file,
        help="a .txt article, or with --jsonl lines of {id, text} or {id, html}; - reads stdin",
    )
    extract.add_argument("--jsonl", action="store_true", help="one JSON document a line in, one a line out")
    extract.add_argument("--model", help="spaCy pipeline (default: QUOTES_MODEL or en_core_web_sm)")
    extract.add_argument("--include-other", action="store_true", help="also list non-speech quoted spans")
    extract.add_argument(
        "--indirect",
        action="store_true",
        help="also find reported speech (type 'indirect'); parses every paragraph",
    )
    extract.add_argument("--offset-unit", choices=["codepoint", "utf16"], default="codepoint")
    extract.add_argument("--batch-size", type=_positive_int, default=64, help="documents parsed together")
    extract.add_argument(
        "--output", "-o", help="write here instead of stdout; the file appears only when complete"
    )
    extract.add_argument(
        "--skip-bad",
        metavar="FILE",
        help="with --jsonl: write malformed or failed documents here (line, id, reason) and go on",
    )
    extract.add_argument(
        "--max-seconds",
        type=_positive_seconds,
        help="time budget of one document (default: QUOTES_MAX_SECONDS); past it, it is reported and skipped",
    )
    extract.add_argument(
        "--shard",
        type=_shard,
        metavar="INDEX/COUNT",
        help="with --jsonl: only documents n with n %% COUNT == INDEX (one pod of a backfill Job)",
    )
    extract.set_defaults(func=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
