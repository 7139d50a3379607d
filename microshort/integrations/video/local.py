"""The local video provider: uploads go to this app's own upload route, ffmpeg (a job) does
the rest, and the HLS is served by microshort.api.stream."""

from __future__ import annotations

import secrets
from typing import Any

from microshort.integrations.video.base import DirectUpload


class LocalVideo:
    name = "local"

    def create_upload(self, *, passthrough: str, cors_origin: str) -> DirectUpload:
        # Same origin, so no CORS; the unguessable id is the capability (single use, 24 h).
        upload_id = secrets.token_urlsafe(24)
        return DirectUpload(upload_id=upload_id, url=f"/api/uploads/{upload_id}")

    def playback_url(self, playback_id: str, *, signed_token: str | None = None) -> str:
        # Local playback is addressed by episode (tokens are bound to it): see api/stream.py.
        raise NotImplementedError("local playback URLs are built per episode")

    def sign_playback(self, playback_id: str, *, viewer: str, ttl_seconds: int) -> str | None:
        return None  # local streams are signed per episode by microshort.content.playback

    def delete_asset(self, asset_id: str) -> None:
        """No provider-side state: the files are ours, under private/hls/<asset id>/."""

    def describe(self) -> dict[str, Any]:
        return {"provider": "local", "pipeline": "ffmpeg HLS (fMP4)"}
