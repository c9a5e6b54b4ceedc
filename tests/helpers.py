"""Assertions shared by the API tests."""

from __future__ import annotations

import httpx


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    """Every error is application/problem+json with the same fields and the request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "request_id"}
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in body["detail"]
    return dict(body)
