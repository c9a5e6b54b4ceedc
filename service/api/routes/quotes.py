"""POST /quotes and POST /quotes/batch."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ...analyzer import Options, Result
from ...core import RULES_VERSION
from ...html_text import add_html_offsets, html_offsets_to_utf16, html_to_text
from ...offsets import to_utf16
from ..deps import AnalyzerDep, ApiKeyDep, SettingsDep
from ..errors import BadRequest, PayloadTooLarge, UnsupportedMediaType
from ..schemas import BatchRequest, BatchResponse, Problem, QuoteOptions, QuotesRequest, QuotesResponse

router = APIRouter(prefix="/quotes", tags=["quotes"], dependencies=[ApiKeyDep])

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {"application/problem+json": {}}, "description": description}
    for status, description in {
        400: "Malformed JSON",
        401: "Missing or unknown API key",
        413: "Text over the size limit",
        415: "Unsupported content type",
        500: "Internal error (logged under the request id)",
        422: "Invalid fields",
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


def _bypass_cache(request: Request) -> bool:
    return "no-cache" in request.headers.get("cache-control", "").lower()


async def _read_request(request: Request) -> QuotesRequest:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type in ("text/plain", "text/html"):
        try:
            decoded = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest("The body is not valid UTF-8.") from exc
        return QuotesRequest(text=decoded) if content_type == "text/plain" else QuotesRequest(html=decoded)
    if content_type not in ("application/json", ""):
        raise UnsupportedMediaType("Send application/json, text/plain or text/html.")
    try:
        return QuotesRequest.model_validate_json(body)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise BadRequest("The body is not valid JSON.") from exc
        raise RequestValidationError(exc.errors()) from exc


def _response_json(doc_id: str | None, result: Result, model: str, options: QuoteOptions) -> str:
    """The response body as JSON, built around the result's JSON as the cache holds it:
    no re-validation or re-encoding of the quotes (``test_api`` checks it against the
    documented model)."""
    meta = _meta(result, model, options.offset_unit)
    head = json.dumps(doc_id, ensure_ascii=False)
    return f'{{"id":{head},{result.body_json[1:-1]},"meta":{json.dumps(meta, separators=(",", ":"))}}}'


def _meta(result: Result, model: str, offset_unit: str) -> dict[str, object]:
    return {
        "model": model,
        "rules_version": RULES_VERSION,
        "cached": result.cached,
        "processing_ms": round(result.seconds * 1000, 3),
        "offset_unit": offset_unit,
    }


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
    payload = await _read_request(request)
    bypass = _bypass_cache(request)
    if payload.html is not None:
        return await _extract_html(payload, payload.html, analyzer, settings, bypass)
    assert payload.text is not None
    if len(payload.text) > settings.max_text_chars:
        raise PayloadTooLarge(f"The text is longer than {settings.max_text_chars} characters.")
    options = Options(payload.options.offset_unit, payload.options.include_other)
    result = await run_in_threadpool(analyzer.analyze, payload.text, options, not bypass)
    return Response(
        _response_json(payload.id, result, analyzer.model, payload.options),
        media_type="application/json",
        headers={"X-Cache": _cache_header(result.cached, bypass)},
    )


async def _extract_html(
    payload: QuotesRequest, html: str, analyzer: AnalyzerDep, settings: SettingsDep, bypass: bool
) -> Response:
    """HTML in: extract from its plain text, then give every span its place in the markup."""
    if len(html) > settings.max_text_chars * 4:
        raise PayloadTooLarge(f"The HTML is longer than {settings.max_text_chars * 4} characters.")
    mapped = await run_in_threadpool(html_to_text, html)
    if len(mapped.text) > settings.max_text_chars:
        raise PayloadTooLarge(f"The text is longer than {settings.max_text_chars} characters.")
    options = Options("codepoint", payload.options.include_other)
    result = await run_in_threadpool(analyzer.analyze, mapped.text, options, not bypass)
    body = add_html_offsets(json.loads(result.body_json), mapped)
    if payload.options.offset_unit == "utf16":
        body = html_offsets_to_utf16(to_utf16(body, mapped.text), html)
    meta = _meta(result, analyzer.model, payload.options.offset_unit)
    document = {"id": payload.id, "text": mapped.text, **body, "meta": meta}
    return Response(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        media_type="application/json",
        headers={"X-Cache": _cache_header(result.cached, bypass)},
    )


@router.post(
    "/batch", response_model=BatchResponse, responses=ERRORS, summary="Many articles, parsed together"
)
async def extract_batch(
    batch: BatchRequest, request: Request, analyzer: AnalyzerDep, settings: SettingsDep
) -> Response:
    if len(batch.documents) > settings.max_batch_documents:
        raise PayloadTooLarge(f"At most {settings.max_batch_documents} documents per batch.")
    total = sum(len(doc.text) for doc in batch.documents)
    too_long = any(len(doc.text) > settings.max_text_chars for doc in batch.documents)
    if total > settings.max_batch_chars or too_long:
        raise PayloadTooLarge(
            f"A batch holds at most {settings.max_batch_chars} characters, "
            f"and each text at most {settings.max_text_chars}."
        )
    bypass = _bypass_cache(request)
    options = Options(batch.options.offset_unit, batch.options.include_other)
    texts = [doc.text for doc in batch.documents]
    results = await run_in_threadpool(analyzer.analyze_many, texts, options, not bypass)
    hits = sum(r.cached for r in results)
    items = (
        _response_json(doc.id, result, analyzer.model, batch.options)
        for doc, result in zip(batch.documents, results, strict=True)
    )
    return Response(
        '{"results":[' + ",".join(items) + "]}",
        media_type="application/json",
        headers={"X-Cache": "BYPASS" if bypass else ("HIT" if hits == len(results) else "MISS")},
    )
