"""The API fuzzed against its own OpenAPI schema (schemathesis): whatever the client sends,
no 500, and every response matches the documented status codes, media types and bodies.

The schema is the pinned ``tests/openapi.json`` (``test_openapi_schema_is_pinned`` keeps it
equal to the app's). Examples per operation are bounded for CI; raise FUZZ_EXAMPLES to dig.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from spacy.language import Language

from service.api.app import create_app
from service.config import Settings

checks = schemathesis.checks

SCHEMA = schemathesis.openapi.from_path(Path(__file__).with_name("openapi.json"))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))


@pytest.fixture(scope="module")
def fuzz_client(nlp: Language) -> Iterator[TestClient]:
    # Small limits, so that the fuzzer reaches the 413 paths too.
    app = create_app(Settings(max_text_chars=2_000, max_batch_documents=4, max_batch_chars=4_000), nlp=nlp)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_keeps_its_schema(case: schemathesis.Case, fuzz_client: TestClient) -> None:
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    data = kwargs.pop("data", None)
    response = fuzz_client.request(
        kwargs.pop("method"),
        kwargs.pop("url"),
        headers=kwargs.get("headers"),
        params=kwargs.get("params"),
        content=data,
        json=kwargs.get("json"),
    )
    assert response.status_code < 500 or response.status_code == 503, response.text
    # Size limits are settings (413, documented), not part of the static schema, so a
    # schema-valid request may still be refused: that one check does not apply.
    excluded = [checks.positive_data_acceptance]
    if (case.media_type or "").startswith("text/"):
        # Any bytes are a text/plain or text/html string: "invalid" bodies there are
        # only the fuzzer's serialisation of a non-string.
        excluded.append(checks.negative_data_rejection)
    if response.status_code == 413:
        # Limits are checked before the body is validated (a batch's document count before
        # its documents): an invalid body over a limit is refused as too large.
        excluded.append(checks.negative_data_rejection)
    case.validate_response(response, excluded_checks=excluded)
