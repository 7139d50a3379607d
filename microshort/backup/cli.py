"""The `backup` and `restore` commands of `python -m microshort` (microshort.launcher)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from microshort.backup import BackupRefused, InvalidBackup, backup, restore
from microshort.backup.postgres import DatabaseError
from microshort.config import get_settings
from microshort.runtime import database

log = logging.getLogger("microshort")
USAGE = "python -m microshort backup FILE | restore FILE [--force]"


def main(command: str, options: Sequence[str]) -> int:
    force = "--force" in options
    files = [option for option in options if option != "--force"]
    if len(files) != 1 or (force and command == "backup"):
        print(f"usage: {USAGE}", file=sys.stderr)
        return 2
    path = Path(files[0])
    settings = get_settings()
    try:
        # The database as the app finds it (DATABASE_URL, or the embedded one), not migrated:
        # a backup takes it as it is, a restore brings it up to date afterwards.
        with database(migrate=False) as url:
            if command == "backup":
                count, size = backup(url, settings.media_dir, path)
                log.info(
                    "Backed up the database and %d media files to %s (%.1f MB).",
                    count,
                    path,
                    size / 1e6,
                )
            else:
                count = restore(url, settings.media_dir, path, force=force)
                log.info("Restored the database and %d media files from %s.", count, path)
    except (BackupRefused, InvalidBackup, DatabaseError) as error:
        print(f"MicroShort {command} failed: {error}", file=sys.stderr)
        return 1
    return 0
