"""Liveness, readiness and metrics: never behind an API key."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from ...core import RULES_VERSION
from ..deps import AnalyzerDep
from ..schemas import Health, Readiness

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, summary="The pipeline is loaded; cache status")
async def readyz(analyzer: AnalyzerDep) -> Readiness:
    # The service fails open, so an unreachable cache is reported but does not make it unready.
    reachable = await run_in_threadpool(analyzer.cache.ping)
    return Readiness(
        status="ready",
        model=analyzer.model,
        rules_version=RULES_VERSION,
        cache_backend=analyzer.cache.backend,
        cache_reachable=reachable,
        cache_breaker_open=bool(getattr(analyzer.cache, "breaker_open", False)),
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
