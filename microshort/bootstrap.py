"""Builds the providers the app uses from Settings. Tests pass their own instead."""

from __future__ import annotations

from functools import lru_cache

from microshort.config import VideoProviderName, get_settings
from microshort.integrations.storage.local import LocalMediaStorage
from microshort.integrations.video.base import VideoProvider
from microshort.integrations.video.local import LocalVideo


@lru_cache(maxsize=1)
def media_storage() -> LocalMediaStorage:
    return LocalMediaStorage(get_settings().media_dir)


@lru_cache(maxsize=1)
def video_provider() -> VideoProvider:
    """The configured video provider (local ffmpeg by default, Mux with its keys)."""
    settings = get_settings()
    if settings.video_provider == VideoProviderName.MUX:
        from microshort.integrations.video.mux import MuxVideo

        return MuxVideo.from_settings(settings)
    return LocalVideo()
