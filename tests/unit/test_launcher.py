"""What the launcher hands its children: one database, Redis for Reflex, bun on PATH."""

from __future__ import annotations

import pytest

from microshort.config import Settings
from microshort.launcher import TOOLS_BIN, child_environment


def _settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name in ("DATABASE_URL", "REDIS_URL", "MICROSHORT_WEB_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings(_env_file=None)


def test_children_share_the_database_the_launcher_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    env = child_environment(_settings(monkeypatch), "postgresql://x@/microshort?host=/tmp/s")
    assert env["DATABASE_URL"] == "postgresql://x@/microshort?host=/tmp/s"
    assert env["REFLEX_TELEMETRY_ENABLED"] == "false"
    assert env["GRANIAN_WORKERS"] == "1"
    assert env["PATH"].startswith(str(TOOLS_BIN))
    assert "REFLEX_REDIS_URL" not in env


def test_redis_reaches_reflex_and_allows_several_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(
        monkeypatch, REDIS_URL="redis://127.0.0.1:6379/0", MICROSHORT_WEB_WORKERS="3"
    )
    env = child_environment(settings, "postgresql://db/microshort")
    # An unreachable Redis host is an error within 2 s, not a hang.
    assert env["REFLEX_REDIS_URL"] == "redis://127.0.0.1:6379/0?socket_connect_timeout=2"
    assert env["GRANIAN_WORKERS"] == "3"


def test_web_workers_share_one_metrics_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(monkeypatch, MICROSHORT_DATA_DIR="/srv/microshort")
    env = child_environment(settings, "postgresql://db/microshort")
    assert env["PROMETHEUS_MULTIPROC_DIR"] == "/srv/microshort/metrics"
    assert "REFLEX_LOG_JSON" not in env


def test_json_logs_reach_reflex_too(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(monkeypatch, MICROSHORT_LOG_FORMAT="json")
    assert child_environment(settings, "postgresql://db/microshort")["REFLEX_LOG_JSON"] == "true"
