"""Settings: defaults work, bad values stop start-up with one line naming the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from microshort.config import Settings, describe_error


def _error_for(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> str:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    return describe_error(caught.value)


def test_defaults_use_the_embedded_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url is None
    assert settings.port == 3000
    assert settings.base_url == "http://localhost:3000"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("MICROSHORT_PORT", "seventy", "Invalid setting MICROSHORT_PORT='seventy': expected a TCP"),
        ("MICROSHORT_PORT", "70000", "MICROSHORT_PORT='70000': expected a TCP port number"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL='mysql://x': expected a postgresql:// URL"),
        ("REDIS_URL", "http://x", "REDIS_URL='http://x': expected a redis://"),
        ("MICROSHORT_LOG_LEVEL", "loud", "MICROSHORT_LOG_LEVEL='loud': expected one of debug"),
        ("MICROSHORT_SECRET_KEY", "short", "expected a random string of at least 32"),
        ("MICROSHORT_DEMO_DATA", "maybe", "MICROSHORT_DEMO_DATA='maybe': expected true or false"),
        ("MICROSHORT_LOG_FORMAT", "xml", "MICROSHORT_LOG_FORMAT='xml': expected text, or json"),
        ("MICROSHORT_METRICS_TOKEN", "short", "expected a bearer token of at least 16"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    assert expected in _error_for(monkeypatch, name, value)


def test_several_workers_need_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    message = _error_for(monkeypatch, "MICROSHORT_WEB_WORKERS", "3")
    assert "MICROSHORT_WEB_WORKERS" in message
    assert "REDIS_URL" in message


def test_database_url_schemes_are_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert Settings(_env_file=None).database_url == "postgresql://u@h/db"


def test_start_up_prints_one_clear_line_and_exits() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "microshort", "migrate"],
        env={"MICROSHORT_PORT": "abc", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("MicroShort cannot start. Invalid setting MICROSHORT_PORT='abc'")
