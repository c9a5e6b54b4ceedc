"""The ``quotes`` console command: ``quotes serve`` and ``quotes extract``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from itertools import islice
from typing import TextIO

from .config import Settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    # Flags win over the environment; workers are separate processes, so pass them on.
    for name in ("host", "port", "workers", "model"):
        value = getattr(args, name)
        if value is not None:
            os.environ[f"QUOTES_{name.upper()}"] = str(value)
    settings = Settings()
    uvicorn.run(
        "service.api.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
    )
    return 0


def _read_jsonl(stream: TextIO) -> Iterator[dict[str, str]]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise SystemExit(f"line {number}: expected an object with a string 'text'")
            yield row


def _extract(args: argparse.Namespace) -> int:
    from .core import Extractor
    from .nlp import load_pipeline
    from .offsets import to_utf16

    nlp = load_pipeline(args.model or Settings().model)
    extractor = Extractor(nlp, batch_size=args.batch_size)

    def body_of(extraction_dict: dict[str, object], text: str) -> dict[str, object]:
        return to_utf16(extraction_dict, text) if args.offset_unit == "utf16" else extraction_dict

    source: TextIO = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    with source:
        if args.jsonl:
            # One batch at a time, each in its own memory zone: a backfill of millions of
            # documents keeps a flat footprint instead of holding the file and every new word.
            rows = _read_jsonl(source)
            while batch := list(islice(rows, args.batch_size)):
                with nlp.memory_zone():
                    extractions = extractor.extract_many(row["text"] for row in batch)
                    for row, extraction in zip(batch, extractions, strict=True):
                        body = body_of(extraction.to_dict(args.include_other), row["text"])
                        sys.stdout.write(json.dumps({"id": row.get("id"), **body}, ensure_ascii=False) + "\n")
        else:
            text = source.read()
            body = body_of(extractor.extract(text).to_dict(args.include_other), text)
            json.dump(body, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
    return 0


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
    extract.set_defaults(func=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
