"""The FastAPI app: built by ``create_app``; the pipeline is loaded once in the lifespan."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import FrameType
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from spacy.language import Language

from ..analyzer import Analyzer
from ..cache import make_cache
from ..config import Settings, get_settings
from ..limits import FRAMING_BYTES, HTML_CHARS_PER_TEXT_CHAR, json_bytes
from ..logs import configure_logging
from ..malloc import limit_arenas
from ..nlp import load_pipeline
from .errors import install_error_handlers
from .metrics import Metrics
from .middleware import REQUEST_ID_HEADER, Drain, ProblemCORSMiddleware, RequestContext
from .routes import health, quotes, web
from .schemas import BatchRequest, QuotesRequest

log = logging.getLogger("service.api")


def on_stop_signals(callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback`` on SIGTERM or SIGINT, then the handler that was there (uvicorn's,
    which begins its graceful shutdown). Returns what puts the old handlers back. Signals
    reach only the main thread: elsewhere (the tests' app in a thread) nothing is done."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handler(sig: int, frame: FrameType | None) -> None:
        callback()
        before = previous[signal.Signals(sig)]
        if callable(before):
            before(sig, frame)
        elif before == signal.SIG_DFL:  # not under uvicorn: do what the signal would have done
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, before in previous.items():
            signal.signal(sig, before)

    return restore


def _operation_id(route: APIRoute) -> str:
    return route.name  # stable names for generated clients: extract_quotes, readyz


def create_app(settings: Settings | None = None, nlp: Language | None = None) -> FastAPI:
    """``nlp`` lets tests share one loaded pipeline; the service loads its own."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        configure_logging(settings.log_level)
        limit_arenas()  # before the handler threads allocate: memory stays flat
        pipeline = nlp if nlp is not None else load_pipeline(settings.model)
        cache = make_cache(settings)
        analyzer = Analyzer(
            pipeline, cache, settings.max_pending, settings.max_seconds, settings.parse_allowance
        )
        app.state.metrics.watch(analyzer)
        drain = Drain()

        def stopping() -> None:
            drain.started = time.monotonic()
            # End every extraction a second before the server stops waiting for them.
            analyzer.drain(max(settings.shutdown_seconds - 1.0, 0.5))
            log.info("shutting down", extra={"seconds": settings.shutdown_seconds})

        restore = on_stop_signals(stopping)
        log.info("ready", extra={"model": analyzer.model, "cache": cache.backend})
        try:
            yield {"analyzer": analyzer, "drain": drain}
        finally:
            restore()
            cache.close()

    app = FastAPI(
        title="Quotes",
        version="0.1.0",
        summary="Direct quotations in news text, attributed to canonical speakers.",
        description=(
            "Try it in the browser: the [review page](/) shows an article's quotes "
            "in their speakers' colours."
        ),
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        docs_url=None,  # /docs is served by routes.web, from local files
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    install_error_handlers(app)
    # Each body is refused as soon as it passes what its largest valid request can need.
    single = json_bytes(settings.max_text_chars * HTML_CHARS_PER_TEXT_CHAR)
    limits = {"/quotes": single, "/quotes/batch": json_bytes(settings.max_batch_chars)}
    app.add_middleware(RequestContext, metrics=app.state.metrics, body_limits=limits, max_body=FRAMING_BYTES)
    if settings.cors_origins:
        # Outside the request context, so every answer a browser gets carries the CORS
        # headers: the context's own 413, 503 and 500 too.
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", REQUEST_ID_HEADER, "Cache-Control"],
            expose_headers=[REQUEST_ID_HEADER, "X-Cache"],
        )

    app.include_router(quotes.router)
    app.include_router(health.router)
    app.include_router(web.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
            # The routes read their bodies themselves (limits and the API key come first, and
            # /quotes takes text/plain and text/html too), so publish the JSON schemas here.
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (QuotesRequest, BatchRequest):
                defs = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(defs.pop("$defs", {}))
                components[model.__name__] = defs
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
