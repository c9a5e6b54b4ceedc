"""The request context around every route, as plain ASGI (no per-request task or stream
copy, unlike ``@app.middleware``): a request id, the body-size check before anything
is read, the one place an unexpected error becomes a 500, metrics and the access log."""

from __future__ import annotations

import logging
import time
import uuid

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import BUSY, internal_error, problem
from .metrics import Metrics

log = logging.getLogger("service.api")
REQUEST_ID_HEADER = "X-Request-ID"
EXTRACTING = frozenset({"/quotes", "/quotes/batch"})


def _saturated(scope: Scope) -> bool:
    """A POST that would queue an extraction, while this worker's queue is full."""
    if scope["method"] != "POST" or scope["path"] not in EXTRACTING:
        return False
    analyzer = scope.get("state", {}).get("analyzer")
    return bool(analyzer is not None and analyzer.saturated())


class RequestContext:
    def __init__(self, app: ASGIApp, metrics: Metrics, max_body: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = (headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex)[:128]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        sent: dict[str, object] = {}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                response_headers[REQUEST_ID_HEADER] = request_id
                sent.update(status=message["status"], cache=response_headers.get("X-Cache"))
            await send(message)

        length = headers.get("content-length", "")
        try:
            if length.isdigit() and int(length) > self.max_body:
                await problem(413, "The request body is too large.", request_id)(scope, receive, send_with_id)
            elif _saturated(scope):
                # Refused before the body is read or a thread is taken: under overload a
                # refusal must cost next to nothing, so the worker keeps its goodput.
                busy = problem(503, BUSY, request_id, headers={"Retry-After": "1"})
                await busy(scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if sent:
                raise  # the response has begun: nothing more can be sent
            await internal_error(Request(scope), exc)(scope, receive, send_with_id)
        finally:
            self._record(scope, sent, request_id, time.perf_counter() - started)

    def _record(self, scope: Scope, sent: dict[str, object], request_id: str, elapsed: float) -> None:
        route = scope.get("route")
        path = route.path if isinstance(route, APIRoute) else "unmatched"
        status = str(sent.get("status", 500))
        self.metrics.requests.labels(scope["method"], path, status).inc()
        self.metrics.latency.labels(scope["method"], path).observe(elapsed)
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": scope["method"],
                "path": scope["path"],
                "status": int(status),
                "ms": round(elapsed * 1000, 2),
                "cache": sent.get("cache"),
            },
        )
