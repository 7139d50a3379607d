"""Disk storage through obstore's LocalStore (S3Store has the same API for production)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

import obstore
from obstore.exceptions import NotFoundError
from obstore.store import LocalStore

from microshort.integrations.storage.base import StoredObject, is_valid_key

CHUNK_BYTES = 256 * 1024


def _checked(key: str) -> str:
    if not is_valid_key(key):
        raise ValueError(f"invalid storage key: {key!r}")
    return key


class LocalMediaStorage:
    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self._root = root
        self._store = LocalStore(prefix=root, mkdir=True, automatic_cleanup=True)

    async def put(self, key: str, data: bytes) -> StoredObject:
        await obstore.put_async(self._store, _checked(key), data)
        return StoredObject(key=key, size=len(data))

    def put_sync(self, key: str, data: bytes) -> StoredObject:
        obstore.put(self._store, _checked(key), data)
        return StoredObject(key=key, size=len(data))

    async def put_stream(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        # Two 5 MB parts in flight at most: memory stays flat whatever the file size.
        await obstore.put_async(self._store, _checked(key), chunks, max_concurrency=2)

    def local_path(self, key: str) -> Path:
        return self._root / _checked(key)

    def put_file(self, key: str, path: Path) -> None:
        obstore.put(self._store, _checked(key), path)

    async def read(self, key: str) -> bytes:
        result = await obstore.get_async(self._store, _checked(key))
        return bytes(await result.bytes_async())

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        result = await obstore.get_async(self._store, _checked(key))
        async for chunk in result.stream(min_chunk_size=CHUNK_BYTES):
            yield bytes(chunk)

    async def size(self, key: str) -> int | None:
        try:
            meta = await obstore.head_async(self._store, _checked(key))
        except (FileNotFoundError, NotFoundError):
            return None
        return int(meta["size"])

    async def delete(self, key: str) -> None:
        await obstore.delete_async(self._store, _checked(key))

    def delete_sync(self, key: str) -> None:
        obstore.delete(self._store, _checked(key))
