"""The video provider interface. Both providers hand the browser an upload URL, report the
asset's progress and outcome as AssetEvents, and give a playback URL for a ready asset.

Events reach microshort.content.video (the domain) from the local transcode job or from the
Mux webhook route; the provider itself never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

EventKind = Literal["upload_created", "processing", "progress", "ready", "errored"]

# The vertical HLS ladder (height x width); never upscaled past the source.
LADDER: tuple[tuple[int, int, int], ...] = (
    (1920, 1080, 5_000_000),
    (1280, 720, 2_800_000),
    (854, 480, 1_200_000),
)


@dataclass(frozen=True)
class DirectUpload:
    """Where the browser sends the file (an HTTP PUT of the raw bytes)."""

    upload_id: str
    url: str


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    bitrate: int


@dataclass(frozen=True)
class AssetEvent:
    kind: EventKind
    upload_id: str | None = None
    asset_id: str | None = None
    playback_id: str | None = None
    duration_seconds: float | None = None
    progress_percent: int | None = None
    renditions: list[Rendition] = field(default_factory=list)
    poster_key: str | None = None
    error: str | None = None  # a reason the creator can read


class VideoError(Exception):
    """Provider failure with a message safe to show to the creator."""


class VideoProvider(Protocol):
    name: str

    def create_upload(self, *, passthrough: str, cors_origin: str) -> DirectUpload:
        """A fresh upload slot; passthrough comes back on every event (our asset id)."""
        ...

    def playback_url(self, playback_id: str, *, signed_token: str | None = None) -> str:
        """The HLS master playlist URL (with the token when playback is signed)."""
        ...

    def sign_playback(self, playback_id: str, *, viewer: str, ttl_seconds: int) -> str | None:
        """A playback token for a provider-signed asset (None when the provider does not sign
        URLs itself, like the local one, whose stream route checks its own tokens)."""
        ...

    def delete_asset(self, asset_id: str) -> None: ...

    def describe(self) -> dict[str, Any]:
        """Non-secret facts for logs and the admin page."""
        ...
