"""The Redis backend against a real redis-server: hits, fail-open, and recovery."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.cache import RedisCache
from service.config import Settings
from service.testing import RedisServer, free_port


def test_redis_roundtrip_and_ttl(redis_server: RedisServer) -> None:
    cache = RedisCache(redis_server.url, ttl_seconds=60, timeout_seconds=0.5)
    cache.set("k", '{"a": 1}')
    assert cache.get("k") == '{"a": 1}'
    assert cache.get("missing") is None
    assert cache.stats.hits == 1 and cache.stats.misses == 1
    assert 0 < cache._client.ttl("k") <= 60
    cache.close()


def test_service_survives_redis_outage_and_recovers(
    nlp: Language, redis_server: RedisServer, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(redis_url=redis_server.url, redis_timeout_seconds=0.2)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        client.post("/quotes", json={"text": seed_text}, headers={"Cache-Control": "no-cache"})
        assert client.post("/quotes", json={"text": seed_text}).headers["x-cache"] == "HIT"
        assert client.get("/readyz").json()["cache_backend"] == "redis"

        redis_server.stop()
        try:
            with caplog.at_level(logging.WARNING, logger="service.cache"):
                logging.getLogger("service").propagate = True
                for _ in range(3):
                    response = client.post("/quotes", json={"text": seed_text})
                    assert response.status_code == 200
                    assert response.headers["x-cache"] == "MISS" and len(response.json()["quotes"]) == 8
            warnings = [
                r for r in caplog.records if r.name == "service.cache" and r.levelno == logging.WARNING
            ]
            assert len(warnings) == 1  # once per outage, not once per request
            ready = client.get("/readyz").json()
            assert ready["status"] == "ready" and ready["cache_reachable"] is False
            assert 'quotes_cache_errors_total{backend="redis"}' in client.get("/metrics").text
        finally:
            logging.getLogger("service").propagate = False
            redis_server.start()

        # Redis is back (empty: it keeps nothing on disk); the client reconnects by itself.
        assert client.post("/quotes", json={"text": seed_text}).headers["x-cache"] == "MISS"
        assert client.post("/quotes", json={"text": seed_text}).headers["x-cache"] == "HIT"
        assert client.get("/readyz").json()["cache_reachable"] is True


def test_unreachable_redis_at_start_still_serves(nlp: Language) -> None:

    settings = Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0", redis_timeout_seconds=0.1)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        response = client.post("/quotes", json={"text": "“We will win the vote,” Anna Berg said."})
        assert response.status_code == 200 and response.headers["x-cache"] == "MISS"
