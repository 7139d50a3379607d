"""The media storage interface: keys are plain relative paths, never user file names."""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MAX_KEY_LENGTH = 255  # under every file system's name limit, far over any key we make
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*$")


def is_valid_key(key: str) -> bool:
    """Keys are lower-case path segments with no '..', no leading '/', no dot-files."""
    return len(key) <= MAX_KEY_LENGTH and bool(_KEY.fullmatch(key)) and ".." not in key


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int


class MediaStorage(Protocol):
    async def put(self, key: str, data: bytes) -> StoredObject: ...

    async def put_stream(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        """Store a stream without holding it in memory; all or nothing (an error mid-stream
        leaves no object behind)."""
        ...

    def local_path(self, key: str) -> Path:
        """A file path ffmpeg can read and write (for remote stores: a local working copy)."""
        ...

    def put_file(self, key: str, path: Path) -> None: ...

    def put_sync(self, key: str, data: bytes) -> StoredObject:
        """For synchronous callers (the demo loader, thread-run jobs)."""
        ...

    async def read(self, key: str) -> bytes: ...

    def stream(self, key: str) -> AsyncIterator[bytes]: ...

    async def size(self, key: str) -> int | None:
        """The object's size in bytes, or None when it does not exist."""
        ...

    async def delete(self, key: str) -> None: ...

    def delete_sync(self, key: str) -> None: ...


PUBLIC_PREFIX = "public/"
MEDIA_ROUTE = "/media/"


def public_url(key: str | None) -> str:
    """The app-relative URL of a public object (served by microshort.api.media), or ''."""
    if not key or not key.startswith(PUBLIC_PREFIX):
        return ""
    return MEDIA_ROUTE + key
