"""Mux webhooks, pure: check the `mux-signature` header and turn an event into an AssetEvent.

The header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "{t}.{raw body}">` keyed with the
endpoint's signing secret (several v1 values may appear while a secret rotates). No database
here: microshort.api.webhooks stores the event and hands the AssetEvent to the domain.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

from microshort.integrations.video.base import AssetEvent, Rendition

SIGNATURE_HEADER = "mux-signature"
TOLERANCE_SECONDS = 300

# Mux's deprecated max_stored_resolution, for assets whose tracks are not in the payload.
_STORED_RESOLUTION = {"SD": (480, 854), "HD": (720, 1280), "FHD": (1080, 1920), "UHD": (2160, 3840)}


class WebhookRejected(Exception):
    """The request is not a genuine, fresh Mux event; the message says why (no secrets)."""


def sign(raw_body: bytes, secret: str, timestamp: int) -> str:
    """The hex v1 signature Mux computes for this body and timestamp."""
    message = str(timestamp).encode() + b"." + raw_body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _parse_header(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "t":
            if not value.isdigit():
                raise WebhookRejected("The signature timestamp is not a number.")
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None:
        raise WebhookRejected("The signature header has no timestamp.")
    if not signatures:
        raise WebhookRejected("The signature header has no v1 signature.")
    return timestamp, signatures


def verify_signature(
    raw_body: bytes,
    header: str | None,
    secret: str,
    *,
    tolerance_seconds: int = TOLERANCE_SECONDS,
    now: float | None = None,
) -> None:
    """Return if the header signs this exact body with the secret and is fresh; else raise."""
    if not secret:
        raise WebhookRejected("No webhook secret is configured.")
    if not header or not header.strip():
        raise WebhookRejected("The mux-signature header is missing.")
    timestamp, signatures = _parse_header(header)
    expected = sign(raw_body, secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate.lower()) for candidate in signatures):
        raise WebhookRejected("The signature does not match.")
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_seconds:
        raise WebhookRejected("The signature timestamp is outside the tolerance.")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


def signed_playback_id(asset: dict[str, Any]) -> str | None:
    """The id of the asset's signed playback id (the public one is never used)."""
    ids = [_dict(item) for item in _list(asset.get("playback_ids"))]
    for item in ids:
        if item.get("policy") == "signed" and _str(item.get("id")):
            return str(item["id"])
    return None


def _portrait(asset: dict[str, Any]) -> bool:
    """Mux's aspect_ratio is "width:height"; MicroShort is vertical unless it says otherwise."""
    width, _, height = str(asset.get("aspect_ratio") or "9:16").partition(":")
    if not (width.isdigit() and height.isdigit()):
        return True
    return int(width) <= int(height)


def renditions(asset: dict[str, Any]) -> list[Rendition]:
    """The static renditions Mux reports, else the largest video track (bitrate unknown: 0)."""
    files = _list(_dict(asset.get("static_renditions")).get("files"))
    found = [
        Rendition(
            width=_int(item.get("width")),
            height=_int(item.get("height")),
            bitrate=_int(item.get("bitrate")),
        )
        for item in map(_dict, files)
        if _int(item.get("width")) and _int(item.get("height"))
    ]
    tracks = [_dict(track) for track in _list(asset.get("tracks"))]
    video = [t for t in tracks if t.get("type") == "video" and _int(t.get("max_height"))]
    if video:
        biggest = max(video, key=lambda t: _int(t.get("max_width")) * _int(t.get("max_height")))
        top = Rendition(
            width=_int(biggest.get("max_width")), height=_int(biggest.get("max_height")), bitrate=0
        )
        if all((r.width, r.height) != (top.width, top.height) for r in found):
            found.append(top)
    elif not found and _str(asset.get("max_stored_resolution")) in _STORED_RESOLUTION:
        short, long = _STORED_RESOLUTION[str(asset["max_stored_resolution"])]
        found.append(
            Rendition(width=short, height=long, bitrate=0)
            if _portrait(asset)
            else Rendition(width=long, height=short, bitrate=0)
        )
    return sorted(found, key=lambda r: r.width * r.height, reverse=True)


def error_reason(errors: Any, fallback: str = "Mux could not process this video.") -> str:
    messages = [m.strip() for m in _list(_dict(errors).get("messages")) if isinstance(m, str)]
    reason = " ".join(m for m in messages if m)
    return reason[:1000] or fallback


def parse_event(payload: dict[str, Any]) -> tuple[str, str, AssetEvent | None, str | None]:
    """(event id, event type, the AssetEvent or None for types we ignore, passthrough)."""
    event_id, event_type = _str(payload.get("id")), _str(payload.get("type"))
    if event_id is None or event_type is None:
        raise WebhookRejected("The event has no id or type.")
    data = _dict(payload.get("data"))
    object_id = _str(data.get("id")) or _str(_dict(payload.get("object")).get("id"))
    if event_type.startswith("video.upload."):
        passthrough = _str(_dict(data.get("new_asset_settings")).get("passthrough"))
        event: AssetEvent | None = None
        if event_type == "video.upload.asset_created":
            event = AssetEvent(
                kind="upload_created", upload_id=object_id, asset_id=_str(data.get("asset_id"))
            )
        elif event_type == "video.upload.created":
            event = AssetEvent(kind="upload_created", upload_id=object_id)
        elif event_type in {"video.upload.errored", "video.upload.cancelled"}:
            message = _str(_dict(data.get("error")).get("message"))
            event = AssetEvent(
                kind="errored",
                upload_id=object_id,
                error=(message or "The upload did not reach Mux.")[:1000],
            )
        return event_id, event_type, event, passthrough
    passthrough = _str(data.get("passthrough"))
    common: dict[str, Any] = {"asset_id": object_id, "upload_id": _str(data.get("upload_id"))}
    if event_type == "video.asset.created":
        event = AssetEvent(kind="processing", **common)
    elif event_type == "video.asset.ready":
        duration = data.get("duration")
        event = AssetEvent(
            kind="ready",
            playback_id=signed_playback_id(data),
            duration_seconds=float(duration) if isinstance(duration, int | float) else None,
            renditions=renditions(data),
            **common,
        )
    elif event_type == "video.asset.errored":
        event = AssetEvent(kind="errored", error=error_reason(data.get("errors")), **common)
    else:
        event = None
    return event_id, event_type, event, passthrough
