"""The README stays true: every setting is in its table."""

from __future__ import annotations

import json
import re
from pathlib import Path

from service.config import Settings
from service.core import RULES_VERSION, Extractor

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`QUOTES_{name.upper()}`" in README, name


def test_readme_names_the_two_commands() -> None:
    assert "make serve" in README and "make test" in README


def test_readme_example_response_is_what_the_extractor_returns(extractor: Extractor) -> None:
    """The example request and response in the README, quotes and speakers, as the core gives them."""
    request = re.search(r"--data-binary '([^']*)'", README)
    assert request is not None
    body = re.search(r"```json\n(.*?)\n```", README, re.DOTALL)
    assert body is not None
    shown = json.loads(body.group(1))
    actual = json.loads(json.dumps(extractor.extract(request.group(1)).to_dict()))
    assert shown["quotes"] == actual["quotes"] and shown["speakers"] == actual["speakers"]
    assert shown["meta"]["rules_version"] == RULES_VERSION
