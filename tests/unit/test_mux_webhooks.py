"""Mux webhook signatures and event mapping (pure: no database, no network)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest

from microshort.integrations.video.base import Rendition
from microshort.integrations.video.mux_webhooks import (
    WebhookRejected,
    parse_event,
    verify_signature,
)
from tests.stubs.mux_standin import envelope, signature_header

SECRET = "whsec-test-secret"
BODY = b'{"type":"video.asset.ready","id":"evt-1","data":{}}'
T = 1_700_000_000


def hex_signature(body: bytes, secret: str, t: int) -> str:
    """Independent of both the module and the stand-in: the documented recipe."""
    return hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()


def test_a_genuine_signature_is_accepted() -> None:
    verify_signature(BODY, signature_header(BODY, SECRET, T), SECRET, now=T + 10)


def test_a_signature_with_another_secret_is_rejected() -> None:
    with pytest.raises(WebhookRejected, match="does not match"):
        verify_signature(BODY, signature_header(BODY, "guessed", T), SECRET, now=T)


def test_a_changed_body_is_rejected() -> None:
    header = signature_header(BODY, SECRET, T)
    with pytest.raises(WebhookRejected, match="does not match"):
        verify_signature(BODY.replace(b"evt-1", b"evt-2"), header, SECRET, now=T)


def test_a_replayed_timestamp_cannot_be_moved() -> None:
    """The timestamp is inside the signed message: a fresh t with an old v1 fails."""
    old = hex_signature(BODY, SECRET, T)
    with pytest.raises(WebhookRejected, match="does not match"):
        verify_signature(BODY, f"t={T + 3600},v1={old}", SECRET, now=T + 3600)


@pytest.mark.parametrize("skew", [301, -301, 86_400])
def test_timestamps_outside_the_tolerance_are_rejected(skew: int) -> None:
    with pytest.raises(WebhookRejected, match="tolerance"):
        verify_signature(BODY, signature_header(BODY, SECRET, T), SECRET, now=T + skew)


@pytest.mark.parametrize("skew", [0, 300, -300])
def test_timestamps_at_the_edge_of_the_tolerance_pass(skew: int) -> None:
    verify_signature(BODY, signature_header(BODY, SECRET, T), SECRET, now=T + skew)


def test_the_tolerance_can_be_narrowed() -> None:
    with pytest.raises(WebhookRejected, match="tolerance"):
        verify_signature(
            BODY, signature_header(BODY, SECRET, T), SECRET, tolerance_seconds=5, now=T + 6
        )


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "   ",
        "garbage",
        f"v1={hex_signature(BODY, SECRET, T)}",
        f"t={T}",
        f"t={T},v1=",
        f"t=abc,v1={hex_signature(BODY, SECRET, T)}",
        f"t=-{T},v1={hex_signature(BODY, SECRET, T)}",
        f"t={T},v0={hex_signature(BODY, SECRET, T)}",
    ],
)
def test_malformed_headers_are_rejected(header: str | None) -> None:
    with pytest.raises(WebhookRejected):
        verify_signature(BODY, header, SECRET, now=T)


def test_any_of_several_v1_signatures_may_match() -> None:
    good = hex_signature(BODY, SECRET, T)
    verify_signature(BODY, f"t={T},v1={'0' * 64},v1={good}", SECRET, now=T)
    verify_signature(BODY, f" v1={good} , t={T} ,v0=zz", SECRET, now=T)
    verify_signature(BODY, f"t={T},v1={good.upper()}", SECRET, now=T)


def test_an_empty_secret_accepts_nothing() -> None:
    with pytest.raises(WebhookRejected):
        verify_signature(BODY, signature_header(BODY, "", T), "", now=T)


def asset(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "asset-1",
        "upload_id": "upload-1",
        "passthrough": "17",
        "status": "ready",
        "playback_ids": [
            {"id": "public-pb", "policy": "public"},
            {"id": "signed-pb", "policy": "signed"},
        ],
    }
    data.update(extra)
    return data


def test_upload_asset_created_links_the_upload_to_its_asset() -> None:
    upload = {
        "id": "upload-1",
        "status": "asset_created",
        "asset_id": "asset-1",
        "new_asset_settings": {"passthrough": "17", "playback_policies": ["signed"]},
    }
    event_id, kind, event, passthrough = parse_event(
        envelope("video.upload.asset_created", upload, "e-1")
    )
    assert (event_id, kind, passthrough) == ("e-1", "video.upload.asset_created", "17")
    assert event is not None
    assert event.kind == "upload_created"
    assert (event.upload_id, event.asset_id) == ("upload-1", "asset-1")


def test_asset_created_means_processing() -> None:
    _, _, event, passthrough = parse_event(
        envelope("video.asset.created", asset(status="preparing"))
    )
    assert event is not None
    assert event.kind == "processing"
    assert (event.asset_id, event.upload_id, passthrough) == ("asset-1", "upload-1", "17")


def test_asset_ready_takes_the_signed_playback_id_duration_and_size() -> None:
    tracks = [
        {"type": "audio", "id": "a", "max_channels": 2},
        {"type": "video", "id": "v", "max_width": 720, "max_height": 1280},
        {"type": "video", "id": "w", "max_width": 1080, "max_height": 1920},
    ]
    _, _, event, _ = parse_event(envelope("video.asset.ready", asset(duration=61.4, tracks=tracks)))
    assert event is not None
    assert event.kind == "ready"
    assert event.playback_id == "signed-pb"
    assert event.duration_seconds == pytest.approx(61.4)
    assert event.renditions == [Rendition(width=1080, height=1920, bitrate=0)]


def test_static_renditions_are_listed_with_their_bitrates() -> None:
    files = {
        "files": [
            {"name": "highest.mp4", "width": 1080, "height": 1920, "bitrate": 4_000_000},
            {"name": "low.mp4", "width": 480, "height": 854, "bitrate": 800_000},
        ]
    }
    tracks = [{"type": "video", "max_width": 1080, "max_height": 1920}]
    _, _, event, _ = parse_event(
        envelope("video.asset.ready", asset(static_renditions=files, tracks=tracks))
    )
    assert event is not None
    assert event.renditions == [Rendition(1080, 1920, 4_000_000), Rendition(480, 854, 800_000)]


def test_without_tracks_the_stored_resolution_gives_a_vertical_size() -> None:
    data = asset(max_stored_resolution="HD", aspect_ratio="9:16")
    _, _, event, _ = parse_event(envelope("video.asset.ready", data))
    assert event is not None
    assert event.renditions == [Rendition(720, 1280, 0)]
    data = asset(max_stored_resolution="HD", aspect_ratio="16:9")
    _, _, event, _ = parse_event(envelope("video.asset.ready", data))
    assert event is not None
    assert event.renditions == [Rendition(1280, 720, 0)]


def test_a_public_only_asset_has_no_playback_id_for_us() -> None:
    data = asset(playback_ids=[{"id": "public-pb", "policy": "public"}])
    _, _, event, _ = parse_event(envelope("video.asset.ready", data))
    assert event is not None
    assert event.playback_id is None


def test_asset_errored_carries_mux_s_reason() -> None:
    errors = {"type": "invalid_input", "messages": ["Audio only.", "No video track found."]}
    _, _, event, _ = parse_event(envelope("video.asset.errored", asset(errors=errors)))
    assert event is not None
    assert event.kind == "errored"
    assert event.error == "Audio only. No video track found."
    _, _, event, _ = parse_event(envelope("video.asset.errored", asset()))
    assert event is not None
    assert event.error == "Mux could not process this video."


def test_upload_errors_fail_the_asset() -> None:
    upload = {
        "id": "upload-1",
        "status": "errored",
        "error": {"type": "x", "message": "Bad file"},
        "new_asset_settings": {"passthrough": "17"},
    }
    _, _, event, passthrough = parse_event(envelope("video.upload.errored", upload))
    assert event is not None
    assert (event.kind, event.error, passthrough) == (
        "errored",
        "Bad file",
        "17",
    )


@pytest.mark.parametrize(
    "event_type", ["video.asset.deleted", "video.asset.track.ready", "video.live_stream.idle"]
)
def test_other_events_are_ignored(event_type: str) -> None:
    event_id, kind, event, _ = parse_event(envelope(event_type, asset(), "e-9"))
    assert (event_id, kind, event) == ("e-9", event_type, None)


@pytest.mark.parametrize(
    "payload",
    [{}, {"id": "e"}, {"type": "video.asset.ready"}, {"id": 5, "type": "video.asset.ready"}],
)
def test_events_without_id_or_type_are_rejected(payload: dict[str, Any]) -> None:
    with pytest.raises(WebhookRejected):
        parse_event(payload)
