"""The Redis backend against a real redis-server: hits, fail-open, and recovery."""

from __future__ import annotations

import logging
import signal
import time

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from service.api.app import create_app
from service.cache import MemoryCache, RedisCache
from service.config import Settings

from .processes import RedisServer, free_port


def test_redis_roundtrip_and_ttl(redis_server: RedisServer) -> None:
    cache = RedisCache(redis_server.url, ttl_seconds=60, timeout_seconds=0.5)
    cache.set_many([("k", '{"a": 1}'), ("k2", "[]")])
    assert cache.get_many(["k", "missing", "k2"]) == ['{"a": 1}', None, "[]"]
    assert cache.stats.hits == 2 and cache.stats.misses == 1
    assert 0 < cache._client.ttl("k") <= 60
    assert (cache.size_bytes() or 0) > 0
    cache.close()


def test_answers_over_the_value_limit_are_not_cached(redis_server: RedisServer) -> None:
    cache = RedisCache(redis_server.url, ttl_seconds=60, timeout_seconds=0.5, max_value_bytes=100)
    cache.set_many([("small", "x" * 100), ("large", "x" * 101), ("wide", "é" * 51)])
    assert cache.get_many(["small", "large", "wide"]) == ["x" * 100, None, None]
    assert cache.stats.too_large == 2
    cache.close()


def test_a_frozen_redis_opens_the_breaker(redis_server: RedisServer) -> None:
    """Paused (SIGSTOP), Redis answers nothing: after three timeouts in a row it is skipped
    for the cool-down, and tried again after it."""
    cache = RedisCache(redis_server.url, ttl_seconds=60, timeout_seconds=0.1, cooldown_seconds=0.5)
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("service.cache")
    logger.addHandler(handler)
    assert redis_server.process is not None
    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        for _ in range(10):
            assert cache.get_many(["a", "b", "c"]) == [None, None, None]
            cache.set_many([("a", "1")])
        assert cache.stats.errors == 3 and cache.stats.skipped == 17 and cache.breaker_open
        messages = [r.getMessage() for r in records]
        assert len(messages) == 2 and "breaker open" in messages[1]  # said once each
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
        logger.removeHandler(handler)
    time.sleep(0.6)
    assert not cache.breaker_open
    cache.set_many([("a", "1")])
    assert cache.get_many(["a"]) == ["1"] and cache.available
    cache.close()


def test_the_in_process_cache_is_bounded_in_bytes() -> None:
    cache = MemoryCache(max_entries=1000, ttl_seconds=60, max_bytes=1000, max_value_bytes=400)
    cache.set_many([(f"k{i}", "x" * 300) for i in range(5)])  # 1,500 bytes: the oldest two go
    assert cache.get_many([f"k{i}" for i in range(5)]) == [None, None] + ["x" * 300] * 3
    assert cache.size_bytes() == 900 and len(cache) == 3
    cache.set_many([("big", "x" * 401)])  # over the value limit: served, never cached
    assert cache.get_many(["big"]) == [None] and cache.stats.too_large == 1 and len(cache) == 3
    cache.set_many([("k2", "y" * 10)])  # replacing a value gives its bytes back
    assert cache.size_bytes() == 610


def test_service_survives_redis_outage_and_recovers(
    nlp: Language, redis_server: RedisServer, seed_text: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(redis_url=redis_server.url, redis_timeout_seconds=0.2, redis_breaker_seconds=0.5)
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
                r.getMessage()
                for r in caplog.records
                if r.name == "service.cache" and r.levelno == logging.WARNING
            ]
            # once per outage, not once per request: unavailable, then the breaker opens
            assert len(warnings) == 2 and "breaker open" in warnings[1]
            ready = client.get("/readyz").json()
            assert ready["status"] == "ready" and ready["cache_reachable"] is False
            assert ready["cache_breaker_open"] is True
            assert 'quotes_cache_errors_total{backend="redis"}' in client.get("/metrics").text
        finally:
            logging.getLogger("service").propagate = False
            redis_server.start()

        # Redis is back (empty: it keeps nothing on disk); after the cool-down the client
        # reconnects by itself.
        time.sleep(0.6)
        assert client.post("/quotes", json={"text": seed_text}).headers["x-cache"] == "MISS"
        assert client.post("/quotes", json={"text": seed_text}).headers["x-cache"] == "HIT"
        assert client.get("/readyz").json()["cache_reachable"] is True


def test_unreachable_redis_at_start_still_serves(nlp: Language) -> None:

    settings = Settings(redis_url=f"redis://127.0.0.1:{free_port()}/0", redis_timeout_seconds=0.1)
    with TestClient(create_app(settings, nlp=nlp)) as client:
        response = client.post("/quotes", json={"text": "“We will win the vote,” Anna Berg said."})
        assert response.status_code == 200 and response.headers["x-cache"] == "MISS"
