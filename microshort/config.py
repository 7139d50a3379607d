"""Settings, validated once at start-up. A bad value stops the process with one clear line."""

from __future__ import annotations

import secrets
import sys
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class LogLevel(StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class VideoProviderName(StrEnum):
    LOCAL = "local"
    MUX = "mux"


class PaymentsProviderName(StrEnum):
    LOCAL = "local"
    STRIPE = "stripe"


class LogFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class SettingsError(SystemExit):
    """Raised (as a SystemExit) when a setting is invalid; the message names the variable."""


class Settings(BaseSettings):
    """Every variable here is documented in README.md and .env.example."""

    model_config = SettingsConfigDict(
        env_prefix="MICROSHORT_",
        env_file=".env",
        extra="ignore",
        frozen=True,
    )

    database_url: Annotated[
        str | None,
        Field(
            validation_alias=AliasChoices("DATABASE_URL"),
            description="a postgresql:// URL, or unset to use the embedded PostgreSQL",
        ),
    ] = None
    redis_url: Annotated[
        str | None,
        Field(
            validation_alias=AliasChoices("REDIS_URL"),
            description="a redis:// or rediss:// URL, or unset for in-process fallbacks",
        ),
    ] = None
    data_dir: Annotated[
        Path,
        Field(description="a folder for the embedded database, media and the secret key"),
    ] = PROJECT_ROOT / ".data"
    port: Annotated[int, Field(ge=1, le=65535, description="a TCP port number from 1 to 65535")] = (
        3000
    )
    bind_host: Annotated[
        str,
        Field(
            min_length=1,
            max_length=253,
            pattern=r"^[A-Za-z0-9.:\-\[\]]+$",
            description="the address the web server listens on (127.0.0.1, 0.0.0.0, ::)",
        ),
    ] = "127.0.0.1"
    public_url: Annotated[
        str | None,
        Field(description="the http(s):// address users reach the app at, without a trailing /"),
    ] = None
    secret_key: Annotated[
        str | None,
        Field(min_length=32, description="a random string of at least 32 characters"),
    ] = None
    demo_data: Annotated[
        bool, Field(description="true or false: load the demo catalogue into an empty database")
    ] = True
    web_workers: Annotated[
        int, Field(ge=1, le=64, description="a number of web worker processes from 1 to 64")
    ] = 1
    job_concurrency: Annotated[
        int, Field(ge=1, le=32, description="a number of concurrent jobs per worker from 1 to 32")
    ] = 2
    session_days: Annotated[
        int, Field(ge=1, le=365, description="days a signed-in session lasts unused, 1 to 365")
    ] = 30
    smtp_url: Annotated[
        str | None,
        Field(
            description="smtp://user:password@host:587 (STARTTLS) or smtps://…:465, or unset to "
            "keep mails in the admin outbox"
        ),
    ] = None
    mail_from: Annotated[
        str, Field(min_length=3, description="the sender address of outgoing mail")
    ] = "MicroShort <no-reply@microshort.local>"
    video_provider: Annotated[
        VideoProviderName, Field(description="local (ffmpeg on this machine) or mux")
    ] = VideoProviderName.LOCAL
    max_upload_mb: Annotated[
        int, Field(ge=1, le=20_000, description="the largest video upload in MB, 1 to 20000")
    ] = 2048
    mux_token_id: Annotated[str | None, Field(description="a Mux access token id")] = None
    mux_token_secret: Annotated[str | None, Field(description="a Mux access token secret")] = None
    mux_webhook_secret: Annotated[
        str | None, Field(description="the Mux webhook signing secret")
    ] = None
    mux_signing_key_id: Annotated[
        str | None, Field(description="a Mux signing key id (signed playback)")
    ] = None
    mux_signing_private_key: Annotated[
        str | None, Field(description="that signing key's base64-encoded RSA private key")
    ] = None
    mux_api_url: Annotated[
        str, Field(description="the Mux API base URL (tests point it at a stand-in)")
    ] = "https://api.mux.com"
    payments_provider: Annotated[
        PaymentsProviderName,
        Field(description="local (test-mode checkout, no money moves) or stripe"),
    ] = PaymentsProviderName.LOCAL
    stripe_secret_key: Annotated[
        str | None, Field(description="a Stripe secret key (sk_test_… or sk_live_…)")
    ] = None
    stripe_webhook_secret: Annotated[
        str | None, Field(description="the Stripe webhook signing secret (whsec_…)")
    ] = None
    stripe_api_url: Annotated[
        str, Field(description="the Stripe API base URL (tests point it at a stand-in)")
    ] = "https://api.stripe.com"
    platform_fee_percent: Annotated[
        int, Field(ge=0, le=100, description="the platform's share of each sale, 0 to 100 percent")
    ] = 20
    minimum_payout_cents: Annotated[
        int, Field(ge=1, le=10_000_000, description="the smallest payout in cents, at least 1")
    ] = 1000
    log_level: Annotated[LogLevel, Field(description="one of debug, info, warning, error")] = (
        LogLevel.INFO
    )
    log_format: Annotated[
        LogFormat, Field(description="text, or json for one JSON object per line")
    ] = LogFormat.TEXT
    metrics_token: Annotated[
        str | None,
        Field(
            min_length=16,
            description="a bearer token of at least 16 characters for /metrics, or unset to "
            "serve it to this machine only",
        ),
    ] = None

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        scheme = value.split("://", 1)[0]
        if scheme not in {"postgresql", "postgres", "postgresql+psycopg"}:
            raise ValueError("not a PostgreSQL URL")
        return "postgresql://" + value.split("://", 1)[1]

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("not a Redis URL")
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("smtp://", "smtps://")):
            raise ValueError("not an smtp:// or smtps:// URL")
        return value

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("not an http(s) URL")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _workers_share_state_through_redis(self) -> Settings:
        if self.web_workers > 1 and not self.redis_url:
            raise ValueError("web_workers")
        return self

    @model_validator(mode="after")
    def _mux_needs_its_keys(self) -> Settings:
        if self.video_provider == VideoProviderName.MUX and not (
            self.mux_token_id and self.mux_token_secret and self.mux_webhook_secret
        ):
            raise ValueError("video_provider")
        return self

    @model_validator(mode="after")
    def _stripe_needs_its_keys(self) -> Settings:
        if self.payments_provider == PaymentsProviderName.STRIPE and not (
            self.stripe_secret_key and self.stripe_webhook_secret
        ):
            raise ValueError("payments_provider")
        return self

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://localhost:{self.port}"

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        """The browser origins that may open the event socket and send state-changing requests:
        the public URL's, and on a loopback host the same port under each loopback name (so a
        local run works from http://localhost and http://127.0.0.1 alike)."""
        return origins_of(self.base_url)

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def metrics_dir(self) -> Path:
        return self.data_dir / "metrics"

    @property
    def pgdata_dir(self) -> Path:
        return self.data_dir / "pg"

    def signing_key(self) -> bytes:
        """The configured secret, or one generated once and kept in the data folder."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / "secret_key"
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip().encode()


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def origins_of(url: str) -> tuple[str, ...]:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host
    default_port = 443 if parts.scheme == "https" else 80
    port = "" if parts.port in (None, default_port) else f":{parts.port}"
    hosts = LOOPBACK_HOSTS if host in LOOPBACK_HOSTS else (host,)
    return tuple(f"{parts.scheme}://{name}{port}" for name in hosts)


def _env_name(field_name: str) -> str:
    field = Settings.model_fields[field_name]
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return f"MICROSHORT_{field_name.upper()}"


_ALIASES = {_env_name(name): name for name in Settings.model_fields}


def describe_error(error: ValidationError) -> str:
    """One line naming the first bad variable, its value and what it expects."""
    first: dict[str, Any] = dict(error.errors()[0])
    if not first.get("loc") and "video_provider" in str(first.get("msg")):
        return (
            "Invalid setting MICROSHORT_VIDEO_PROVIDER=mux: it needs MICROSHORT_MUX_TOKEN_ID, "
            "MICROSHORT_MUX_TOKEN_SECRET and MICROSHORT_MUX_WEBHOOK_SECRET."
        )
    if not first.get("loc") and "payments_provider" in str(first.get("msg")):
        return (
            "Invalid setting MICROSHORT_PAYMENTS_PROVIDER=stripe: it needs "
            "MICROSHORT_STRIPE_SECRET_KEY and MICROSHORT_STRIPE_WEBHOOK_SECRET."
        )
    if not first.get("loc") and "web_workers" in str(first.get("msg")):
        return (
            "Invalid setting MICROSHORT_WEB_WORKERS: more than one web worker needs "
            "REDIS_URL (the workers share state through Redis)."
        )
    loc = first.get("loc") or ("?",)
    field_name = _ALIASES.get(str(loc[0]), str(loc[0]))
    if field_name in Settings.model_fields:
        name = _env_name(field_name)
        expected = Settings.model_fields[field_name].description or first["msg"]
    else:
        name, expected = field_name, first["msg"]
    return f"Invalid setting {name}={first.get('input')!r}: expected {expected}."


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        print(f"MicroShort cannot start. {describe_error(error)}", file=sys.stderr)
        raise SettingsError(2) from None
