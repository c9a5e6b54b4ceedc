"""One error shape everywhere: ``application/problem+json`` (RFC 9457).

Exception tree (what the handlers map to a status):

    ApiError                    base of the errors this service raises itself
    ├── BadRequest              400  malformed JSON or an unreadable body
    ├── Unauthorized            401  missing or unknown API key
    ├── PayloadTooLarge         413  text or batch over the configured size
    │   └── BodyTooLarge        413  the body streamed past its byte limit (raised while reading)
    └── UnsupportedMediaType    415  neither application/json nor text/plain
    RequestValidationError      422  fields missing or of the wrong type (FastAPI)
    InvalidText                 422  a lone surrogate in a text
    Overloaded                  503  this worker's extraction queue is full
    BudgetExceeded              503  the extraction took longer than QUOTES_MAX_SECONDS, or
                                     the worker is shutting down (then with Retry-After)
    StarletteHTTPException      404, 405 ... as Starlette raises them
    Exception                   500  logged with the request id; the client learns nothing internal
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..analyzer import InvalidText, Overloaded
from ..core import BudgetExceeded

PROBLEM_TYPE = "about:blank"
BUSY = "The service is busy; retry shortly."
INTERNAL = "An internal error occurred; quote the request id when reporting it."
SHUTTING_DOWN = "This worker is shutting down; retry the request."
RETRY = {"Retry-After": "1"}
MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("service.api")


class ApiError(Exception):
    status = 400

    def __init__(self, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401


class PayloadTooLarge(ApiError):
    status = 413


class BodyTooLarge(PayloadTooLarge):
    """Raised by the request context's ``receive`` once a body passes its byte limit."""


class UnsupportedMediaType(ApiError):
    status = 415


def request_id_of(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def problem(
    status: int,
    detail: str,
    request_id: str | None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "request_id": request_id,
    }
    if errors is not None:
        body["errors"] = errors
    response = JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)
    if request_id:
        response.headers["X-Request-ID"] = request_id
    return response


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return problem(exc.status, exc.detail, request_id_of(request), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        if any(e["type"] == "json_invalid" for e in errors):
            return problem(400, "The body is not valid JSON.", request_id_of(request))
        return problem(422, "The request does not match the schema.", request_id_of(request), errors=errors)

    @app.exception_handler(Overloaded)
    async def overloaded(request: Request, exc: Overloaded) -> JSONResponse:
        return problem(503, BUSY, request_id_of(request), headers=RETRY)

    @app.exception_handler(BudgetExceeded)
    @app.exception_handler(InvalidText)
    async def document_error(request: Request, exc: Exception) -> JSONResponse:
        status, detail = problem_of(exc, request_id_of(request))
        retry = isinstance(exc, BudgetExceeded) and exc.draining
        return problem(status, detail, request_id_of(request), headers=RETRY if retry else None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem(exc.status_code, detail, request_id_of(request), getattr(exc, "headers", None))


def problem_of(exc: BaseException, request_id: str | None) -> tuple[int, str]:
    """The status and detail a document's failure answers with, in its own request or in
    its slot of a batch; an unexpected error is logged under the request id."""
    if isinstance(exc, ApiError):
        return exc.status, exc.detail
    if isinstance(exc, InvalidText):
        return 422, str(exc)
    if isinstance(exc, BudgetExceeded) and exc.draining:
        return 503, SHUTTING_DOWN
    if isinstance(exc, BudgetExceeded):
        return 503, f"The text took longer than the budget of {exc.seconds:g} s to analyse; it was given up."
    log.error("unhandled error", exc_info=exc, extra={"request_id": request_id})
    return 500, INTERNAL


def internal_error(request: Request, exc: BaseException) -> JSONResponse:
    """The 500 answer: the traceback goes to the log under the request id, not to the client."""
    request_id = request_id_of(request)
    log.error("unhandled error", exc_info=exc, extra={"request_id": request_id})
    return problem(500, INTERNAL, request_id)
