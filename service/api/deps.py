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
    """Bearer token or X-API-Key, when keys are configured; compared in constant time."""
    if not settings.api_keys:
        return
    supplied = request.headers.get("x-api-key")
    auth = request.headers.get("authorization", "")
    if supplied is None and auth.lower().startswith("bearer "):
        supplied = auth[7:].strip()
    if not supplied or not any(hmac.compare_digest(supplied, key) for key in settings.api_keys):
        raise Unauthorized("A valid API key is required.", headers={"WWW-Authenticate": "Bearer"})


ApiKeyDep = Depends(require_api_key)
