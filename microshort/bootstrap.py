"""Builds the providers the app uses from Settings. Tests pass their own instead."""

from __future__ import annotations

from functools import lru_cache

from microshort.config import get_settings
from microshort.integrations.storage.local import LocalMediaStorage


@lru_cache(maxsize=1)
def media_storage() -> LocalMediaStorage:
    return LocalMediaStorage(get_settings().media_dir)
