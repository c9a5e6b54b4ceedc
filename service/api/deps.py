"""Dependencies, as ``Annotated`` aliases the routes declare."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from ..analyzer import Analyzer
from ..config import Settings
from .errors import Unauthorized


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_analyzer(request: Request) -> Analyzer:
    analyzer: Analyzer = request.state.analyzer
    return analyzer


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
AnalyzerDep = Annotated[Analyzer, Depends(get_analyzer)]


def require_api_key(request: Request, settings: SettingsDep) -> None:
    """When keys are configured, a valid one in ``X-API-Key`` or ``Authorization: Bearer``:
    either header may carry it, an empty one is ignored, and a wrong one in one header does
    not hide a valid one in the other. Checked before the body is read. Keys are compared
    as bytes in constant time: headers arrive as bytes (Starlette gives them as Latin-1),
    settings as text (compared in UTF-8), so a non-ASCII key works and never raises."""
    if not settings.api_keys:
        return
    keys = [key.encode("utf-8") for key in settings.api_keys]
    offered = [request.headers.get("x-api-key", "").strip()]
    scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer":
        offered.append(token.strip())
    for candidate in offered:
        if not candidate:
            continue
        raw = candidate.encode("latin-1", errors="replace")
        # Every key is compared, so the time taken does not tell which one came close.
        if sum(hmac.compare_digest(raw, key) for key in keys):
            return
    raise Unauthorized("A valid API key is required.", headers={"WWW-Authenticate": "Bearer"})


ApiKeyDep = Depends(require_api_key)
