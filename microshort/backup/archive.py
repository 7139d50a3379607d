"""The backup file: one uncompressed tar (the dump and the media are compressed already).

    database.dump        pg_dump's custom format
    media/<key>          every media object, under its storage key
    manifest.json        last: format, version, when, the migration, each member's size and
                         SHA-256

Reading checks everything before anything is replaced: the manifest, that every member is a
regular file with a storage key for a name (no links, no '..', nothing else), and that every
byte matches its checksum.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from microshort.integrations.storage.base import is_valid_key

FORMAT = "microshort-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.dump"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


class InvalidBackup(Exception):
    """Not a MicroShort backup, or a damaged one; the message says what is wrong."""


@dataclass(frozen=True)
class Entry:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    alembic_revision: str | None
    entries: dict[str, Entry]  # member name -> size and checksum

    @property
    def media_keys(self) -> list[str]:
        return [name.removeprefix(MEDIA_PREFIX) for name in self.entries if name != DATABASE]


class _Hashing(io.RawIOBase):
    """Reads through a file, counting and hashing what tarfile takes from it."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.digest.update(data)
        return data


class Writer:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self._tar = tar
        self._entries: dict[str, Entry] = {}

    def add_file(self, name: str, path: Path) -> bool:
        """Add a file as it is now; False when it vanished meanwhile (a deleted object)."""
        try:
            source = path.open("rb")
        except FileNotFoundError:
            return False
        with source:
            info = tarfile.TarInfo(name)
            info.size = os.fstat(source.fileno()).st_size
            info.mtime = int(datetime.now(UTC).timestamp())
            info.mode = 0o644
            hashing = _Hashing(source)
            self._tar.addfile(info, hashing)
            self._entries[name] = Entry(info.size, hashing.digest.hexdigest())
        return True

    def finish(self, alembic_revision: str | None) -> None:
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.now(UTC).isoformat(),
            "alembic_revision": alembic_revision,
            "files": {name: vars(entry) for name, entry in self._entries.items()},
        }
        data = json.dumps(manifest, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o644
        self._tar.addfile(info, io.BytesIO(data))


def _valid_name(name: str) -> bool:
    if name == DATABASE:
        return True
    return name.startswith(MEDIA_PREFIX) and is_valid_key(name.removeprefix(MEDIA_PREFIX))


def _parse_manifest(data: bytes) -> Manifest:
    try:
        raw: Any = json.loads(data)
        if raw.get("format") != FORMAT:
            raise InvalidBackup("This is not a MicroShort backup.")
        if raw.get("version") != VERSION:
            raise InvalidBackup(f"Backup format version {raw.get('version')!r} is not supported.")
        entries = {
            str(name): Entry(int(entry["size"]), str(entry["sha256"]))
            for name, entry in dict(raw["files"]).items()
        }
        revision = raw.get("alembic_revision")
        manifest = Manifest(str(raw["created_at"]), revision and str(revision), entries)
    except InvalidBackup:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise InvalidBackup(f"The backup's manifest is damaged ({error}).") from error
    bad = [name for name in entries if not _valid_name(name)]
    if bad:
        raise InvalidBackup(f"The backup names a file it may not contain: {bad[0]!r}.")
    if DATABASE not in entries:
        raise InvalidBackup("The backup has no database dump.")
    return manifest


def read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise InvalidBackup("This is not a MicroShort backup (no manifest).") from None
    if not member.isfile() or member.size > MAX_MANIFEST_BYTES:
        raise InvalidBackup("The backup's manifest is damaged.")
    stream = tar.extractfile(member)
    assert stream is not None
    return _parse_manifest(stream.read())


def open_backup(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:")
    except FileNotFoundError:
        raise InvalidBackup(f"There is no file {path}.") from None
    except (tarfile.TarError, OSError) as error:
        raise InvalidBackup(f"{path} is not a MicroShort backup ({error}).") from error


def extract_verified(tar: tarfile.TarFile, manifest: Manifest, into: Path) -> Iterator[str]:
    """Write every member under `into` (its own name as the path), checking each against
    the manifest; yields the names written. Raises InvalidBackup at the first mismatch."""
    seen: set[str] = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        expected = manifest.entries.get(member.name)
        if expected is None or member.name in seen or not member.isfile():
            raise InvalidBackup(f"The backup holds an unexpected member {member.name!r}.")
        seen.add(member.name)
        target = into / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        source = tar.extractfile(member)
        assert source is not None
        with target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        if (size, digest.hexdigest()) != (expected.size, expected.sha256):
            raise InvalidBackup(f"{member.name} in the backup is damaged (checksum mismatch).")
        yield member.name
    missing = set(manifest.entries) - seen
    if missing:
        raise InvalidBackup(f"The backup is incomplete: {sorted(missing)[0]} is missing.")
