"""The review page at GET / and the API's Swagger UI at GET /docs: static files from
``service/web`` (and Swagger UI's own from the ``fastapi-offline`` package), no build step,
nothing loaded from another host, served under a strict Content-Security-Policy."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException

WEB = Path(__file__).resolve().parent.parent.parent / "web"
# Scripts and styles only from this origin, no inline script, no plugins, no framing:
# a hostile article can never run code in the page.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
# Swagger UI sets style attributes and draws icons from data: URLs; it still runs no inline
# script and reaches no other host.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "font-src 'self'", "font-src 'self' data:"
)
DOCS_HEADERS = {"Content-Security-Policy": DOCS_CSP, "X-Content-Type-Options": "nosniff"}
SWAGGER = files("fastapi_offline") / "static"
DOCS_ASSETS = {
    "swagger-ui-bundle.js": (SWAGGER / "swagger-ui-bundle.js", "text/javascript"),
    "swagger-ui.css": (SWAGGER / "swagger-ui.css", "text/css"),
    "docs.js": (WEB / "docs.js", "text/javascript"),
    "favicon.png": (SWAGGER / "favicon.png", "image/png"),
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def review_page() -> FileResponse:
    return FileResponse(WEB / "index.html", media_type="text/html", headers=SECURITY_HEADERS)


@router.get("/web/samples.json")
def samples() -> JSONResponse:
    """The bundled sample articles (written for this project), for the page's picker."""
    return JSONResponse(_samples(), headers=SECURITY_HEADERS)


@router.get("/web/{name}")
def asset(name: str) -> FileResponse:
    media = {"app.js": "text/javascript", "style.css": "text/css"}.get(name)
    if media is None:
        raise HTTPException(404, "Not Found")
    return FileResponse(WEB / name, media_type=media, headers=SECURITY_HEADERS)


@router.get("/docs")
def api_docs() -> FileResponse:
    """Swagger UI for the OpenAPI schema, with every asset served from here."""
    return FileResponse(WEB / "docs.html", media_type="text/html", headers=DOCS_HEADERS)


@router.get("/docs/{name}")
def docs_asset(name: str) -> FileResponse:
    found = DOCS_ASSETS.get(name)
    if found is None:
        raise HTTPException(404, "Not Found")
    path, media = found
    return FileResponse(str(path), media_type=media, headers=DOCS_HEADERS)


@cache
def _samples() -> list[dict[str, str]]:
    found = []
    for path in sorted((WEB / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.append({"title": text.splitlines()[0].strip(), "text": text})
    return found
