"""Memory under hostile requests, against a real ``quotes serve`` with default limits:

- 50 distinct maximum-size texts asked with ``include_other`` (each answer about 10 MB):
  answers over ``QUOTES_CACHE_MAX_VALUE_BYTES`` are served, not cached, so the worker's
  RSS stays bounded (target: under 400 MB);
- a 200 MB chunked upload, with and without an API key: refused at the byte limit or
  before the body is read (target: RSS grows by less than 20 MB).

    python -m bench.limits [--answers 50] [--upload-mb 200] [--smoke]
"""

from __future__ import annotations

import argparse
import json
import select
import socket
import sys
import time

from bench.http_load import Server, request

KEY = "bench-key"


def dense_text(n: int, chars: int) -> str:
    """A text of quoted words wall to wall, distinct per ``n``: every span is an answer entry."""
    head = f"Report {n}: "
    return (head + '"a" ' * (chars // 4))[:chars]


def chunked_upload(port: int, path: str, headers: dict[str, str], megabytes: int) -> tuple[int, int]:
    """Send ``megabytes`` MiB chunked until the server answers; the status and MiB sent."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    chunk = b"100000\r\n" + b"a" * (1 << 20) + b"\r\n"
    sent, answer = 0, b""
    try:
        sock.sendall(head.encode())
        while sent < megabytes and not select.select([sock], [], [], 0)[0]:
            sock.sendall(chunk)
            sent += 1
    except OSError:
        pass
    try:
        answer = sock.recv(4096)
    except OSError:
        pass
    sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0
    return status, sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--chars", type=int, default=196_000)
    parser.add_argument("--upload-mb", type=int, default=200)
    parser.add_argument("--smoke", action="store_true", help="3 answers of 20,000 characters, 20 MB uploads")
    args = parser.parse_args(argv)
    if args.smoke:
        args.answers, args.chars, args.upload_mb = 3, 20_000, 20
    report: dict[str, object] = {"date": time.strftime("%Y-%m-%d")}
    with Server(args.model, 1, settings={"QUOTES_API_KEYS": KEY}) as server:
        headers = {"X-API-Key": KEY}
        # Uploads first, while the worker's peak is still its start-up one: their own
        # growth shows in the peak too.
        for name, key in (("upload_without_key", {}), ("upload_with_key", headers)):
            before, peak_before = server.rss_mb(), server.peak_rss_mb()
            status, sent = chunked_upload(
                server.port, "/quotes/batch", {"Content-Type": "application/json", **key}, args.upload_mb
            )
            time.sleep(0.5)
            report[name] = {
                "status": status,
                "mb_sent_before_the_answer": sent,
                "rss_growth_mb": round(server.rss_mb() - before, 1),
                "peak_rss_growth_mb": round(server.peak_rss_mb() - peak_before, 1),
            }
        before = server.rss_mb()
        largest = 0
        for n in range(args.answers):
            body = {"text": dense_text(n, args.chars), "options": {"include_other": True}}
            status, _, answer = request(server.url, "POST", "/quotes", body, headers)
            assert status == 200, (status, answer[:200])
            largest = max(largest, len(answer))
        report["answers"] = {
            "count": args.answers,
            "largest_answer_mb": round(largest / 2**20, 1),
            "rss_mb_before": before,
            "rss_mb_after": server.rss_mb(),
            "peak_rss_mb": server.peak_rss_mb(),
        }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
