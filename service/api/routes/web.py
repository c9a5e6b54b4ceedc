"""The review page at GET /: static files from ``service/web``, no build step, nothing
loaded from another host, served under a strict Content-Security-Policy."""

from __future__ import annotations

from functools import cache
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


@cache
def _samples() -> list[dict[str, str]]:
    found = []
    for path in sorted((WEB / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.append({"title": text.splitlines()[0].strip(), "text": text})
    return found
