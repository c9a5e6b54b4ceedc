"""The ``quotes`` console command: ``quotes serve`` and ``quotes extract``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TextIO

from pydantic import ValidationError

from .config import Settings


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
    from .backfill import InputError, Rejects, Shard, extract_rows, output_file, read_jsonl
    from .core import BudgetExceeded, Extractor
    from .nlp import load_pipeline
    from .offsets import to_utf16

    try:
        shard = Shard.parse(args.shard) if args.shard else Shard()
    except ValueError as exc:
        raise SystemExit(f"--shard: {exc}") from None
    if shard.count > 1 and not args.jsonl:
        raise SystemExit("--shard needs --jsonl")
    if args.skip_bad and not args.jsonl:
        raise SystemExit("--skip-bad needs --jsonl")
    max_seconds = args.max_seconds if args.max_seconds is not None else _settings().max_seconds
    nlp = load_pipeline(args.model or _settings().model)
    extractor = Extractor(nlp, batch_size=args.batch_size, parse_allowance=_settings().parse_allowance)
    source: TextIO = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    rejects_file: TextIO | None = open(args.skip_bad, "w", encoding="utf-8") if args.skip_bad else None  # noqa: SIM115
    rejects = Rejects(rejects_file)
    try:
        with source, output_file(args.output) as out:
            if args.jsonl:
                results = extract_rows(
                    read_jsonl(source, shard, rejects),
                    nlp,
                    extractor,
                    batch_size=args.batch_size,
                    include_other=args.include_other,
                    offset_unit=args.offset_unit,
                    max_seconds=max_seconds,
                    rejects=rejects,
                )
                try:
                    for result in results:
                        out.write(json.dumps(result, ensure_ascii=False) + "\n")
                except InputError as exc:
                    raise SystemExit(f"{args.file}: {exc}") from None
            else:
                text = source.read()
                try:
                    extraction = extractor.extract(text, max_seconds)
                except BudgetExceeded as exc:
                    raise SystemExit(f"{args.file}: {exc}") from None
                body = extraction.to_dict(args.include_other)
                if args.offset_unit == "utf16":
                    body = to_utf16(body, text)
                json.dump(body, out, ensure_ascii=False, indent=2)
                out.write("\n")
    finally:
        if rejects_file is not None:
            rejects_file.close()
    if args.jsonl:
        print(rejects.summary(), file=sys.stderr)
    # Rejected documents with nowhere recorded (no --skip-bad) are an error, after the rest.
    return 1 if rejects.unrecorded else 0


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
    extract.add_argument("file", help="a .txt article, or with --jsonl lines of {id, text}; - reads stdin")
    extract.add_argument("--jsonl", action="store_true", help="one JSON document a line in, one a line out")
    extract.add_argument("--model", help="spaCy pipeline (default: QUOTES_MODEL or en_core_web_sm)")
    extract.add_argument("--include-other", action="store_true", help="also list non-speech quoted spans")
    extract.add_argument("--offset-unit", choices=["codepoint", "utf16"], default="codepoint")
    extract.add_argument("--batch-size", type=int, default=64)
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
        type=float,
        help="time budget of one document (default: QUOTES_MAX_SECONDS); past it, it is reported and skipped",
    )
    extract.add_argument(
        "--shard",
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
