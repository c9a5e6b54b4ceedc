"""POST /quotes and POST /quotes/batch."""

from __future__ import annotations

import codecs
import json
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from ...analyzer import Options, Result, answer_meta
from ...config import Settings
from ...html_text import HtmlText, html_answer, html_to_text
from ...limits import HTML_CHARS_PER_TEXT_CHAR
from ...offsets import to_utf16
from ..deps import AnalyzerDep, ApiKeyDep, SettingsDep
from ..errors import (
    PROBLEM_TYPE,
    ApiError,
    BadRequest,
    PayloadTooLarge,
    UnsupportedMediaType,
    problem_of,
    request_id_of,
)
from ..schemas import BatchRequest, BatchResponse, Problem, QuoteOptions, QuotesRequest, QuotesResponse

Payload = TypeVar("Payload", bound=BaseModel)

# The character sets a text/plain or text/html body may declare (Python's codec names).
TEXT_CHARSETS = (
    "utf-",
    "ascii",
    "latin",
    "iso8859",
    "iso-8859",
    "cp",
    "mac-",
    "koi8",
    "gb",
    "big5",
    "shift_jis",
    "euc_",
    "iso2022",
    "hz",
    "johab",
    "kz1048",
    "ptcp154",
    "tis-620",
)

router = APIRouter(prefix="/quotes", tags=["quotes"], dependencies=[ApiKeyDep])

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {"application/problem+json": {}}, "description": description}
    for status, description in {
        400: "Malformed JSON",
        401: "Missing or unknown API key",
        413: "Text over the size limit",
        415: "Unsupported content type",
        500: "Internal error (logged under the request id)",
        422: "Invalid fields, or text that is not Unicode (a lone surrogate)",
        503: "Overloaded; retry",
    }.items()
}
REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/QuotesRequest"}},
            "text/plain": {"schema": {"type": "string"}, "example": "“We will win,” she said."},
            "text/html": {"schema": {"type": "string"}, "example": "<p>“We will win,” she said.</p>"},
        },
    }
}
BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}},
    }
}


def _bypass_cache(request: Request) -> bool:
    return "no-cache" in request.headers.get("cache-control", "").lower()


def _media_type(header: str) -> str:
    """The media type of a Content-Type header, without its parameters."""
    return header.split(";")[0].strip().lower()


def _charset(content_type: str) -> str:
    """The declared charset of a text body (UTF-8 when none is given), as Python names it.
    Only character sets that text is written in: Python's codec registry also holds
    transforms (base64, rot13) and codecs that are slow on hostile input (punycode)."""
    declared = "utf-8"
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            declared = value.strip().strip('"').lower()
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        codec = ""
    if not codec.startswith(TEXT_CHARSETS):
        raise UnsupportedMediaType(f"Unknown charset {declared!r}; send UTF-8.")
    return codec


async def _read_body(request: Request) -> bytes:
    """The body, gathered in one buffer (no list of chunks joined at the end, so the
    memory held is the body's size). The request context stops it at the path's byte
    limit, whatever the transfer encoding."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
    return bytes(body)


def _parse_request(header: str, body: bytes) -> QuotesRequest:
    """The request from its body, by its (supported) content type. Runs in the thread pool:
    decoding and validating a few megabytes must not hold the event loop."""
    content_type = _media_type(header)
    if content_type in ("text/plain", "text/html"):
        charset = _charset(header)
        try:
            decoded = body.decode(charset)
        except UnicodeDecodeError as exc:
            raise BadRequest(f"The body is not valid {charset}.") from exc
        return QuotesRequest(text=decoded) if content_type == "text/plain" else QuotesRequest(html=decoded)
    return _validate(QuotesRequest, _load_json(body))


def _load_json(body: bytes) -> object:
    """A JSON body, read with ``json`` rather than pydantic's parser: JSON may carry a lone
    surrogate ("\\ud800"), which is then the 422 of the one text that holds it, not a 400
    for the whole body."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise BadRequest("The body is not valid JSON.") from exc


def _validate(model: type[Payload], raw: object) -> Payload:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc


@dataclass(frozen=True)
class _Input:
    """One article as the extractor reads it: its text, and the markup it came from."""

    id: str | None
    text: str
    mapped: HtmlText | None = None  # HTML in: the text's map back to the markup
    seconds: float = 0.0  # what reading the markup cost: part of the text's time budget


def _prepare(doc_id: str | None, text: str | None, html: str | None, settings: Settings) -> _Input:
    """The text to extract from, within the size limits (HTML converted first)."""
    if html is not None:
        limit = settings.max_text_chars * HTML_CHARS_PER_TEXT_CHAR
        if len(html) > limit:
            raise PayloadTooLarge(f"The HTML is longer than {limit} characters.")
        began = time.perf_counter()
        mapped = html_to_text(html)
        return _Input(doc_id, _within_limit(mapped.text, settings), mapped, time.perf_counter() - began)
    assert text is not None
    return _Input(doc_id, _within_limit(text, settings))


def _within_limit(text: str, settings: Settings) -> str:
    if len(text) > settings.max_text_chars:
        raise PayloadTooLarge(f"The text is longer than {settings.max_text_chars} characters.")
    return text


def _document_json(document: _Input, result: Result, model: str, options: QuoteOptions) -> str:
    """One article's answer from its result in code points. Plain text in code points: built
    around the result's JSON as the cache holds it, with no re-validation or re-encoding of
    the quotes (``test_api`` checks it against the documented model). Otherwise every
    span is converted: to UTF-16 units, and with HTML given its place in the markup."""
    meta = json.dumps(
        answer_meta(model, result.cached, result.seconds, options.offset_unit), separators=(",", ":")
    )
    head = json.dumps(document.id, ensure_ascii=False)
    utf16 = options.offset_unit == "utf16"
    if document.mapped is None and not utf16:
        return f'{{"id":{head},{result.body_json[1:-1]},"meta":{meta}}}'
    if document.mapped is not None:
        body = html_answer(result.body, document.mapped, utf16)
    else:
        body = to_utf16(result.body, document.text)
    rest = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return f'{{"id":{head},{rest[1:-1]},"meta":{meta}}}'


def _cache_header(result_cached: bool, bypass: bool) -> str:
    return "BYPASS" if bypass else ("HIT" if result_cached else "MISS")


@router.post(
    "",
    response_model=QuotesResponse,
    responses=ERRORS,
    summary="Find the quotes in one article and who said them",
    openapi_extra=REQUEST_BODY,
)
async def extract_quotes(request: Request, analyzer: AnalyzerDep, settings: SettingsDep) -> Response:
    header = request.headers.get("content-type", "")
    if _media_type(header) not in ("application/json", "", "text/plain", "text/html"):
        raise UnsupportedMediaType("Send application/json, text/plain or text/html.")  # before the body
    payload = await run_in_threadpool(_parse_request, header, await _read_body(request))
    bypass = _bypass_cache(request)
    document = await run_in_threadpool(_prepare, payload.id, payload.text, payload.html, settings)
    options = Options("codepoint", payload.options.include_other, payload.options.indirect)
    result = await run_in_threadpool(analyzer.analyze, document.text, options, not bypass, document.seconds)
    return Response(
        _document_json(document, result, analyzer.model, payload.options),
        media_type="application/json",
        headers={"X-Cache": _cache_header(result.cached, bypass)},
    )


def _read_batch(body: bytes, settings: Settings) -> BatchRequest:
    """The batch, with its size limits checked before each document is validated (and
    before any is converted or parsed). Runs in the thread pool, off the event loop."""
    raw = _load_json(body)
    documents = raw.get("documents") if isinstance(raw, dict) else None
    if isinstance(documents, list) and len(documents) > settings.max_batch_documents:
        raise PayloadTooLarge(f"At most {settings.max_batch_documents} documents per batch.")
    batch = _validate(BatchRequest, raw)
    total = sum(len(doc.text if doc.text is not None else doc.html or "") for doc in batch.documents)
    if total > settings.max_batch_chars:
        raise PayloadTooLarge(
            f"A batch holds at most {settings.max_batch_chars} characters of text or markup."
        )
    return batch


def _prepare_each(batch: BatchRequest, settings: Settings) -> list[_Input | ApiError]:
    prepared: list[_Input | ApiError] = []
    for doc in batch.documents:
        try:
            prepared.append(_prepare(doc.id, doc.text, doc.html, settings))
        except ApiError as exc:
            prepared.append(exc)
    return prepared


@router.post(
    "/batch",
    response_model=BatchResponse,
    responses=ERRORS,
    summary="Many articles, parsed together; a document that fails gets its own error",
    openapi_extra=BATCH_BODY,
)
async def extract_batch(request: Request, analyzer: AnalyzerDep, settings: SettingsDep) -> Response:
    if _media_type(request.headers.get("content-type", "")) not in ("application/json", ""):
        raise UnsupportedMediaType("Send the batch as application/json.")
    body = await _read_body(request)
    batch = await run_in_threadpool(_read_batch, body, settings)
    prepared = await run_in_threadpool(_prepare_each, batch, settings)
    bypass = _bypass_cache(request)
    options = Options("codepoint", batch.options.include_other, batch.options.indirect)
    documents = [d for d in prepared if isinstance(d, _Input)]
    texts, spent = [d.text for d in documents], [d.seconds for d in documents]
    results = iter(await run_in_threadpool(analyzer.analyze_each, texts, options, not bypass, spent))
    request_id = request_id_of(request)
    items: list[str] = []
    hits = 0
    for doc, document in zip(batch.documents, prepared, strict=True):
        result = document if isinstance(document, ApiError) else next(results)
        if isinstance(result, BaseException):
            items.append(_document_error(doc.id, result, request_id))
            continue
        assert isinstance(document, _Input)
        hits += result.cached
        items.append(_document_json(document, result, analyzer.model, batch.options))
    return Response(
        '{"results":[' + ",".join(items) + "]}",
        media_type="application/json",
        headers={"X-Cache": "BYPASS" if bypass else ("HIT" if hits == len(items) else "MISS")},
    )


def _document_error(doc_id: str | None, exc: BaseException, request_id: str | None) -> str:
    """A failed document's slot: its id and the problem object its own request would get."""
    status, detail = problem_of(exc, request_id)
    error = {"type": PROBLEM_TYPE, "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    return json.dumps({"id": doc_id, "error": error}, ensure_ascii=False, separators=(",", ":"))
