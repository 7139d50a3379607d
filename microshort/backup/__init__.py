"""`python -m microshort backup FILE` / `restore FILE [--force]`: the database and the media
in one file.

Backup dumps the database first, then copies the media: pictures and videos are stored
before the rows that name them commit, so every file the dump refers to is in the archive
(the app may keep running meanwhile). Restore checks the whole archive before it replaces
anything, refuses a database that already has tables or a media folder that has files unless
told --force, loads the database in one transaction, swaps the media folder in whole, then
applies any newer migrations. The secret key is not included (see README, Operations).
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tarfile
from pathlib import Path

from microshort import migrations
from microshort.backup import postgres
from microshort.backup.archive import (
    DATABASE,
    MEDIA_PREFIX,
    InvalidBackup,
    Writer,
    extract_verified,
    open_backup,
    read_manifest,
)
from microshort.integrations.storage.base import is_valid_key

log = logging.getLogger(__name__)


class BackupRefused(Exception):
    """Restoring would overwrite data and --force was not given, or the backup does not fit
    this version of MicroShort; the message says what to do."""


def _media_files(media_dir: Path) -> list[tuple[str, Path]]:
    """(key, path) of every stored object; half-written files (not a valid key) are not."""
    if not media_dir.is_dir():
        return []
    found = []
    for path in sorted(media_dir.rglob("*")):
        key = path.relative_to(media_dir).as_posix()
        if path.is_file() and not path.is_symlink() and is_valid_key(key):
            found.append((key, path))
    return found


def backup(database_url: str, media_dir: Path, target: Path) -> tuple[int, int]:
    """Write the archive to `target` (never over an existing file); (media files, bytes)."""
    if target.exists():
        raise BackupRefused(f"{target} exists already; choose a new file name.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        with tarfile.open(partial, "w:") as tar:
            writer = Writer(tar)
            dump = partial.with_name(partial.name + ".dump")
            try:
                postgres.dump(database_url, dump)
                writer.add_file(DATABASE, dump)
            finally:
                dump.unlink(missing_ok=True)
            count = sum(
                writer.add_file(MEDIA_PREFIX + key, path) for key, path in _media_files(media_dir)
            )
            writer.finish(postgres.alembic_revision(database_url))
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    return count, target.stat().st_size


def _check_revision(revision: str | None) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    if revision is None:
        return
    scripts = ScriptDirectory.from_config(migrations.alembic_config(""))
    try:
        scripts.get_revision(revision)
    except CommandError:
        raise BackupRefused(
            f"The backup was made at migration {revision}, which this version of MicroShort "
            "does not know: restore it with the version that made it (or a newer one)."
        ) from None


def restore(database_url: str, media_dir: Path, source: Path, *, force: bool) -> int:
    """Replace the database and the media with the archive's; the number of media files."""
    with open_backup(source) as tar:
        manifest = read_manifest(tar)
        _check_revision(manifest.alembic_revision)
        if not force:
            tables = postgres.table_count(database_url)
            if tables:
                raise BackupRefused(
                    f"The database is not empty ({tables} tables). Restore into a new, empty "
                    "database, or add --force to replace everything in it."
                )
            if _media_files(media_dir):
                raise BackupRefused(
                    f"The media folder {media_dir} has files. Add --force to replace them."
                )
        staging = media_dir.parent / f".restore-{secrets.token_hex(4)}"
        try:
            for _ in extract_verified(tar, manifest, staging):
                pass
            postgres.restore(database_url, staging / DATABASE, replace=force)
            _swap_media(staging / MEDIA_PREFIX, media_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    migrations.upgrade(database_url)
    return len(manifest.media_keys)


def _swap_media(restored: Path, media_dir: Path) -> None:
    restored.mkdir(parents=True, exist_ok=True)
    old = media_dir.parent / f".media-replaced-{secrets.token_hex(4)}"
    if media_dir.exists():
        media_dir.rename(old)
    restored.rename(media_dir)
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["BackupRefused", "InvalidBackup", "backup", "restore"]
