"""Settings, read from ``QUOTES_*`` environment variables and checked at start-up."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_list(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Every field is documented in the README's settings table (a test checks)."""

    model_config = SettingsConfigDict(env_prefix="QUOTES_", extra="ignore", frozen=True)

    model: str = Field("en_core_web_sm", description="spaCy pipeline: en_core_web_sm, _md, _lg or _trf.")
    host: str = Field("127.0.0.1", description="Address `quotes serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `quotes serve` listens on.")
    workers: int = Field(1, ge=1, le=64, description="Worker processes for `quotes serve`.")
    redis_url: str | None = Field(None, description="Redis URL; unset means the in-process LRU cache.")
    cache_enabled: bool = Field(True, description="Cache extraction results at all.")
    cache_ttl_seconds: int = Field(86_400, ge=1, description="How long a cached result lives.")
    cache_max_entries: int = Field(4_096, ge=1, description="In-process LRU size (documents).")
    cache_max_bytes: int = Field(
        64 * 1024 * 1024, ge=1, description="In-process LRU size in bytes of cached answers (per worker)."
    )
    cache_max_value_bytes: int = Field(
        1024 * 1024, ge=1, description="Largest answer cached (LRU and Redis); larger are served uncached."
    )
    redis_timeout_seconds: float = Field(
        0.25, gt=0, le=10, description="Redis socket timeout; then fail open."
    )
    redis_breaker_seconds: float = Field(
        30.0, gt=0, le=3600, description="After 3 Redis errors in a row, how long to skip Redis (breaker)."
    )
    max_text_chars: int = Field(200_000, ge=1, description="Longest accepted text (413 beyond).")
    max_batch_documents: int = Field(64, ge=1, description="Most documents in one /quotes/batch call.")
    max_batch_chars: int = Field(2_000_000, ge=1, description="Most characters in one /quotes/batch call.")
    max_pending: int = Field(32, ge=1, description="Extractions queued per worker before 503.")
    max_seconds: float = Field(
        10.0, gt=0, le=600, description="Time budget of one extraction; past it the request gets a 503."
    )
    parse_allowance: float = Field(
        1.0,
        gt=0,
        le=100,
        description="Scale of each text's parse allowance (1: 6,000 tokens + 0.07 per character); past it, "
        "quotes are linked by lexical frames only.",
    )
    shutdown_seconds: int = Field(
        15, ge=1, le=600, description="On SIGTERM, how long in-flight requests may take to finish."
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated API keys; empty means no authentication."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Comma-separated origins allowed by CORS (browser tools)."
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", description="Log level.")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_list(value)

    @field_validator("api_keys", mode="before")
    @classmethod
    def _keys_or_nothing(cls, value: object) -> object:
        """A key setting that is there but holds no key (" , ": a badly filled Secret) would
        turn authentication off without a word: refuse to start instead."""
        if isinstance(value, str) and value and not _split_list(value):
            raise ValueError("QUOTES_API_KEYS is set but holds no key; unset it to run without keys")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("QUOTES_REDIS_URL must start with redis://, rediss:// or unix://")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
