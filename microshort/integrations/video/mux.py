"""Mux Video through the official mux_python SDK (imported lazily: the local default needs none).

The browser PUTs the file straight to the direct-upload URL; Mux then reports progress through
signed webhooks (microshort.integrations.video.mux_webhooks). Assets get a *signed* playback
policy only, so every stream needs a short-lived RS256 token from sign_playback.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from microshort.integrations.video.base import DirectUpload, VideoError

if TYPE_CHECKING:
    from microshort.config import Settings

STREAM_HOST = "https://stream.mux.com"
REQUEST_TIMEOUT = (5.0, 30.0)  # (connect, read) seconds
UPLOAD_TIMEOUT_SECONDS = 3600
_T = TypeVar("_T")


def load_private_key(value: str) -> bytes:
    """Mux hands out the signing key as base64 of a PEM file; a raw PEM works too."""
    text = value.strip()
    if text.startswith("-----BEGIN"):
        return text.encode()
    try:
        pem = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise VideoError("The Mux signing key is not base64 of a PEM file.") from error
    if not pem.lstrip().startswith(b"-----BEGIN"):
        raise VideoError("The Mux signing key is not base64 of a PEM file.")
    return pem


def _readable(error: Exception) -> str:
    """Mux's own error messages (JSON body `{"error": {"messages": [...]}}`), never headers."""
    status = getattr(error, "status", None)
    body = getattr(error, "body", None)
    messages: list[str] = []
    try:
        parsed = json.loads(body) if isinstance(body, bytes | str) and body else {}
        details = parsed.get("error", {}) if isinstance(parsed, dict) else {}
        messages = [str(m) for m in details.get("messages") or [] if m]
    except (ValueError, AttributeError):
        messages = []
    if status == 401:
        prefix = "Mux refused the access token (check MICROSHORT_MUX_TOKEN_ID/SECRET)"
    elif status == 404:
        prefix = "Mux does not know this upload or asset"
    elif isinstance(status, int) and status >= 500:
        prefix = f"Mux is having trouble (HTTP {status}); try again later"
    elif isinstance(status, int) and status > 0:
        prefix = f"Mux rejected the request (HTTP {status})"
    else:
        prefix = "Mux could not be reached"
    return f"{prefix}: {'; '.join(messages)}" if messages else f"{prefix}."


class MuxVideo:
    """VideoProvider backed by Mux direct uploads, webhooks and signed playback ids."""

    name = "mux"

    def __init__(
        self,
        *,
        token_id: str,
        token_secret: str,
        api_url: str = "https://api.mux.com",
        signing_key_id: str | None = None,
        signing_private_key: str | None = None,
        video_quality: str = "basic",
    ) -> None:
        import mux_python

        self.api_url = api_url.rstrip("/")
        configuration = mux_python.Configuration(
            host=self.api_url, username=token_id, password=token_secret
        )
        self._client = mux_python.ApiClient(configuration)
        self._uploads = mux_python.DirectUploadsApi(self._client)
        self._assets = mux_python.AssetsApi(self._client)
        self._signing_key_id = signing_key_id or None
        self._signing_private_key = signing_private_key or None
        self._video_quality = video_quality

    @classmethod
    def from_settings(cls, settings: Settings) -> MuxVideo:
        if not (settings.mux_token_id and settings.mux_token_secret):
            raise VideoError("Mux is not configured (MICROSHORT_MUX_TOKEN_ID/SECRET).")
        return cls(
            token_id=settings.mux_token_id,
            token_secret=settings.mux_token_secret,
            api_url=settings.mux_api_url,
            signing_key_id=settings.mux_signing_key_id,
            signing_private_key=settings.mux_signing_private_key,
        )

    def _call(self, operation: Callable[[], _T]) -> _T:
        from mux_python.exceptions import OpenApiException
        from urllib3.exceptions import HTTPError

        try:
            return operation()
        except (OpenApiException, HTTPError, OSError) as error:
            raise VideoError(_readable(error)) from None

    def create_upload(self, *, passthrough: str, cors_origin: str) -> DirectUpload:
        from mux_python import CreateAssetRequest, CreateUploadRequest, PlaybackPolicy

        request = CreateUploadRequest(
            timeout=UPLOAD_TIMEOUT_SECONDS,
            cors_origin=cors_origin,
            new_asset_settings=CreateAssetRequest(
                playback_policies=[PlaybackPolicy.SIGNED],
                passthrough=passthrough,
                video_quality=self._video_quality,
            ),
        )
        response = self._call(
            lambda: self._uploads.create_direct_upload(request, _request_timeout=REQUEST_TIMEOUT)
        )
        upload = getattr(response, "data", None)
        if upload is None or not upload.id or not upload.url:
            raise VideoError("Mux did not return an upload URL; try again.")
        return DirectUpload(upload_id=str(upload.id), url=str(upload.url))

    def playback_url(self, playback_id: str, *, signed_token: str | None = None) -> str:
        url = f"{STREAM_HOST}/{playback_id}.m3u8"
        return f"{url}?token={signed_token}" if signed_token else url

    def delete_asset(self, asset_id: str) -> None:
        self._call(lambda: self._assets.delete_asset(asset_id, _request_timeout=REQUEST_TIMEOUT))

    def get_asset(self, asset_id: str) -> dict[str, Any]:
        """The asset as Mux reports it (for reconciling assets whose webhooks went missing)."""
        response = self._call(
            lambda: self._assets.get_asset(asset_id, _request_timeout=REQUEST_TIMEOUT)
        )
        data = getattr(response, "data", None)
        return dict(self._client.sanitize_for_serialization(data)) if data is not None else {}

    def describe(self) -> dict[str, Any]:
        return {
            "provider": self.name,
            "api_url": self.api_url,
            "playback_policy": "signed",
            "video_quality": self._video_quality,
            "signed_playback_configured": bool(self._signing_key_id and self._signing_private_key),
        }

    def sign_playback(self, playback_id: str, *, viewer: str, ttl_seconds: int) -> str:
        """An RS256 JWT for one signed playback id (aud "v" = video), valid ttl_seconds.

        Mux reads only kid/sub/aud/exp here. The viewer never leaves in clear text: a hash of it
        goes in `jti`, so a leaked token can be traced back in our own logs."""
        import jwt

        if not (self._signing_key_id and self._signing_private_key):
            raise VideoError(
                "Signed playback is not configured (MICROSHORT_MUX_SIGNING_KEY_ID and "
                "MICROSHORT_MUX_SIGNING_PRIVATE_KEY)."
            )
        if ttl_seconds <= 0:
            raise VideoError("A playback token needs a positive lifetime.")
        viewer_hash = hashlib.sha256(viewer.encode()).hexdigest()[:16]
        claims = {
            "sub": playback_id,
            "aud": "v",
            "exp": int(time.time()) + ttl_seconds,
            "jti": f"{viewer_hash}.{secrets.token_hex(8)}",
        }
        try:
            return jwt.encode(
                claims,
                load_private_key(self._signing_private_key),
                algorithm="RS256",
                headers={"kid": self._signing_key_id},
            )
        except (ValueError, TypeError, jwt.PyJWTError) as error:
            raise VideoError("The Mux signing key could not sign a token.") from error

    def close(self) -> None:
        self._client.close()
