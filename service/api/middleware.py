"""The request context around every route, as plain ASGI (no per-request task or stream
copy, unlike ``@app.middleware``): a request id, the body-size limit (from
``Content-Length`` before anything is read, and counted as the body streams in, whatever
the transfer encoding), the one place an unexpected error becomes a 500, metrics and the
access log."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import BUSY, RETRY, SHUTTING_DOWN, BodyTooLarge, internal_error, problem
from .metrics import Metrics

log = logging.getLogger("service.api")
REQUEST_ID_HEADER = "X-Request-ID"
EXTRACTING = frozenset({"/quotes", "/quotes/batch"})
CLIENT_CLOSED = 499  # nginx's status for a request its client abandoned


def _extracting(scope: Scope) -> bool:
    return bool(scope["method"] == "POST" and scope["path"] in EXTRACTING)


def _saturated(scope: Scope) -> bool:
    """A POST that would queue an extraction, while this worker's queue is full."""
    analyzer = scope.get("state", {}).get("analyzer")
    return _extracting(scope) and bool(analyzer is not None and analyzer.saturated())


def _draining(scope: Scope) -> bool:
    """A POST that would start an extraction, while this worker is shutting down."""
    drain = scope.get("state", {}).get("drain")
    return _extracting(scope) and bool(drain is not None and drain.started is not None)


@dataclass
class Drain:
    """When the worker was told to stop (SIGTERM), if it was: from then on, new extractions
    are refused with a 503 to retry elsewhere, and those in flight end by the deadline."""

    started: float | None = None


class RequestContext:
    def __init__(self, app: ASGIApp, metrics: Metrics, body_limits: dict[str, int], max_body: int) -> None:
        """``body_limits``: the largest body in bytes per path; ``max_body`` for the rest."""
        self.app = app
        self.metrics = metrics
        self.body_limits = body_limits
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

        limit = self.body_limits.get(scope["path"], self.max_body)
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # the rest is never read: the connection is closed
                    raise BodyTooLarge(f"The request body is larger than {limit} bytes.")
            return message

        length = headers.get("content-length", "")
        try:
            if length.isdigit() and int(length) > limit:
                too_large = problem(413, f"The request body is larger than {limit} bytes.", request_id)
                await too_large(scope, receive, send_with_id)
            elif _draining(scope):
                await problem(503, SHUTTING_DOWN, request_id, headers=RETRY)(scope, receive, send_with_id)
            elif _saturated(scope):
                # Refused before the body is read or a thread is taken: under overload a
                # refusal must cost next to nothing, so the worker keeps its goodput.
                await problem(503, BUSY, request_id, headers=RETRY)(scope, receive, send_with_id)
            else:
                await self.app(scope, receive_within_limit, send_with_id)
        except BodyTooLarge as exc:
            if sent:
                raise
            await problem(413, exc.detail, request_id)(scope, receive, send_with_id)
        except ClientDisconnect:
            # The client went away mid-upload: nobody to answer, nothing went wrong here.
            # Logged and counted as nginx does, 499, at INFO.
            sent.setdefault("status", CLIENT_CLOSED)
        except asyncio.CancelledError:
            # The server gave up waiting at shutdown: a request it cancels still gets an
            # answer to retry, never uvicorn's "500 Internal Server Error" in plain text.
            # uvicorn cancels once (asyncio), so the answer can be sent; inside an anyio
            # cancel scope the send is cancelled again and that cancellation propagates.
            if sent:
                raise
            await problem(503, SHUTTING_DOWN, request_id, headers=RETRY)(scope, receive, send_with_id)
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


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, except that a refused preflight (an origin, method or header not
    allowed) is a problem+json 400 like every other error, not ``400 text/plain``."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        request_id = (request_headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex)[:128]
        detail = bytes(response.body).decode() + ": this origin, method or header is not allowed."
        refused = problem(response.status_code, detail, request_id)
        for name in ("access-control-allow-methods", "access-control-max-age", "vary"):
            if name in response.headers:
                refused.headers[name] = response.headers[name]
        return refused
