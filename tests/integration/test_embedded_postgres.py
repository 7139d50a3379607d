"""The embedded PostgreSQL keeps its data across restarts and stops cleanly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import psycopg

from microshort import pgserver


def _postmaster_running(pgdata: Path) -> bool:
    return pgserver.is_running(pgdata)


def test_data_survives_a_restart_and_stop_stops_it() -> None:
    # Short path: the unix socket lives in the data folder when the path is short enough.
    pgdata = Path(tempfile.mkdtemp(prefix="mse-", dir="/tmp")) / "pg"
    first = pgserver.start(pgdata)
    assert first.owned
    with psycopg.connect(first.url(), autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (note text)")
        conn.execute("INSERT INTO kept VALUES ('still here')")
    first.stop()
    assert not _postmaster_running(pgdata)

    second = pgserver.start(pgdata)
    try:
        with psycopg.connect(second.url()) as conn:
            assert conn.execute("SELECT note FROM kept").fetchone() == ("still here",)
        # Another command attaching to the running server must not stop it when it ends.
        attached = pgserver.start(pgdata)
        assert not attached.owned
        attached.stop()
        assert _postmaster_running(pgdata)
    finally:
        second.stop()
    assert not _postmaster_running(pgdata)
