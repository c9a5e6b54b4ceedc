"""The README stays true: every setting is in its table."""

from __future__ import annotations

from pathlib import Path

from service.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`QUOTES_{name.upper()}`" in README, name


def test_readme_names_the_two_commands() -> None:
    assert "make serve" in README and "make test" in README
