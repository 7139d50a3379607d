"""`python -m microshort backup` / `restore`: the demo database and its media go into one file
and come back whole in a fresh database and data folder; a restore never overwrites data
unless told to, and never starts from a damaged archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from sqlmodel import Session

from microshort import migrations
from microshort.config import PROJECT_ROOT
from microshort.db import make_engine
from microshort.demo.seed import seed_demo
from microshort.users.models import User

VIDEO_KEYS = ("private/hls/901/720p/seg-000.m4s", "private/hls/901/master.m3u8")


def _command(database_url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "MICROSHORT_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "microshort", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _tables(url: str) -> dict[str, tuple[int, str]]:
    """Every table of ours (procrastinate's too): its row count and a digest of its rows."""
    with psycopg.connect(url) as conn:
        names = conn.execute(
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN "
            "('public', 'procrastinate') ORDER BY 1, 2"
        ).fetchall()
        found = {}
        for schema, table in names:
            count, digest = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
                f'FROM "{schema}"."{table}" t'
            ).fetchone() or (0, "")
            found[f"{schema}.{table}"] = (count, digest)
    return found


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def demo(
    make_database: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """A database with the demo catalogue and a data folder with its covers and some video."""
    url = make_database()
    data_dir = tmp_path_factory.mktemp("source-data")
    migrations.upgrade(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        patch.setenv("MICROSHORT_DATA_DIR", str(data_dir))
        from tests.conftest import _clear_process_caches

        _clear_process_caches()
        seed_demo(url)
        _clear_process_caches()
    for index, key in enumerate(VIDEO_KEYS):
        path = data_dir / "media" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(200_000 + index))
    return url, data_dir


def test_a_backup_restores_into_a_fresh_database_and_data_folder(
    demo: tuple[str, Path], make_database: Callable[[], str], tmp_path: Path
) -> None:
    source_url, source_dir = demo
    archive = tmp_path / "microshort.backup"
    made = _command(source_url, source_dir, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert "media files" in made.stderr

    target_url, target_dir = make_database(), tmp_path / "fresh-data"
    restored = _command(target_url, target_dir, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr

    source_tables = _tables(source_url)
    assert source_tables["public.series"][0] >= 12
    assert source_tables["public.episodes"][0] >= 150
    assert source_tables["procrastinate.procrastinate_jobs"][0] > 0
    assert _tables(target_url) == source_tables
    source_files = _files(source_dir / "media")
    assert len(source_files) > len(VIDEO_KEYS)  # the covers and the video files
    assert _files(target_dir / "media") == source_files


def test_a_restore_never_overwrites_data_unless_forced(
    demo: tuple[str, Path], make_database: Callable[[], str], tmp_path: Path
) -> None:
    source_url, source_dir = demo
    archive = tmp_path / "microshort.backup"
    assert _command(source_url, source_dir, "backup", str(archive)).returncode == 0
    again = _command(source_url, source_dir, "backup", str(archive))
    assert again.returncode == 1
    assert "exists already" in again.stderr

    # A database in use (migrated, one user) and a data folder with a file of its own.
    target_url, target_dir = make_database(), tmp_path / "used-data"
    migrations.upgrade(target_url)
    engine = make_engine(target_url)
    with Session(engine) as session:
        session.add(User(email="keep@example.com", display_name="Keep"))
        session.commit()
    engine.dispose()
    (target_dir / "media" / "public").mkdir(parents=True)
    (target_dir / "media" / "public" / "mine.jpg").write_bytes(b"mine")

    refused = _command(target_url, target_dir, "restore", str(archive))
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
    assert "--force" in refused.stderr
    with psycopg.connect(target_url) as conn:
        assert conn.execute("SELECT email FROM users").fetchall() == [("keep@example.com",)]

    forced = _command(target_url, target_dir, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert _tables(target_url) == _tables(source_url)
    assert _files(target_dir / "media") == _files(source_dir / "media")


def test_a_damaged_or_foreign_archive_changes_nothing(
    demo: tuple[str, Path], make_database: Callable[[], str], tmp_path: Path
) -> None:
    source_url, source_dir = demo
    archive = tmp_path / "microshort.backup"
    assert _command(source_url, source_dir, "backup", str(archive)).returncode == 0
    target_url, target_dir = make_database(), tmp_path / "target-data"

    # One byte of a video segment flipped inside the archive.
    with tarfile.open(archive) as tar:
        member = tar.getmember("media/" + VIDEO_KEYS[0])
        offset = member.offset_data + 1000
    damaged = tmp_path / "damaged.backup"
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0xFF
    damaged.write_bytes(bytes(data))
    result = _command(target_url, target_dir, "restore", str(damaged))
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert _tables(target_url) == {}
    assert not (target_dir / "media").exists() or not _files(target_dir / "media")

    foreign = tmp_path / "foreign.tar"
    with tarfile.open(foreign, "w") as tar:
        tar.add(archive, arcname="../../etc/cron.d/x")
    result = _command(target_url, target_dir, "restore", str(foreign))
    assert result.returncode == 1
    assert "not a MicroShort backup" in result.stderr
    assert _tables(target_url) == {}

    # A backup from a newer MicroShort (a migration this code does not know).
    newer = tmp_path / "newer.backup"
    with tarfile.open(archive) as source, tarfile.open(newer, "w") as target:
        for member in source:
            stream = source.extractfile(member)
            assert stream is not None
            content = stream.read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["alembic_revision"] = "9999_from_the_future"
                content = json.dumps(manifest).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    result = _command(target_url, target_dir, "restore", str(newer))
    assert result.returncode == 1
    assert "9999_from_the_future" in result.stderr
    assert _tables(target_url) == {}
