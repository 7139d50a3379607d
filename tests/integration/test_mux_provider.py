"""MuxVideo (the real mux_python SDK) against the local Mux stand-in, and the whole ingest flow:
upload slot → PUT of the file → signed webhooks through the real route → episode ready/failed."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.config import get_settings
from microshort.content import video
from microshort.content.models import Episode, Season, VideoAsset
from microshort.db import session_scope
from microshort.integrations.video.base import VideoError, VideoProvider
from microshort.integrations.video.mux import MuxVideo
from tests.factories import make_creator, make_series
from tests.stubs.mux_standin import BROKEN_REASON, MuxStandIn


def deliver_to_route(body: bytes, headers: dict[str, str]) -> int:
    return (
        TestClient(api_app()).post("/api/webhooks/mux", content=body, headers=headers).status_code
    )


@pytest.fixture
def standin() -> Iterator[MuxStandIn]:
    with MuxStandIn(deliver=deliver_to_route, duration=61.4) as server:
        yield server


def provider_for(standin: MuxStandIn, **overrides: str) -> MuxVideo:
    options = {
        "token_id": standin.token_id,
        "token_secret": standin.token_secret,
        "api_url": standin.base_url,
        **overrides,
    }
    return MuxVideo(**options)


def test_mux_video_satisfies_the_protocol(standin: MuxStandIn) -> None:
    provider: VideoProvider = provider_for(standin)
    assert provider.name == "mux"
    described = provider.describe()
    assert described["api_url"] == standin.base_url
    assert standin.token_secret not in str(described)


def test_create_upload_asks_for_a_signed_asset_and_returns_the_upload_url(
    standin: MuxStandIn,
) -> None:
    upload = provider_for(standin).create_upload(passthrough="42", cors_origin="https://ms.test")
    assert upload.url == f"{standin.base_url}/upload/{upload.upload_id}"
    [(method, path, body)] = standin.received
    assert (method, path) == ("POST", "/video/v1/uploads")
    assert body["cors_origin"] == "https://ms.test"
    settings = body["new_asset_settings"]
    assert settings["passthrough"] == "42"
    assert settings["playback_policies"] == ["signed"]
    assert settings["video_quality"] == "basic"


def test_wrong_credentials_give_a_readable_error_without_secrets(standin: MuxStandIn) -> None:
    provider = provider_for(standin, token_secret="wrong-secret-value")
    with pytest.raises(VideoError, match="refused the access token") as raised:
        provider.create_upload(passthrough="1", cors_origin="*")
    assert "wrong-secret-value" not in str(raised.value)
    assert standin.uploads == {}


def test_an_unreachable_mux_is_a_video_error() -> None:
    provider = MuxVideo(token_id="a", token_secret="b", api_url="http://127.0.0.1:9")
    with pytest.raises(VideoError, match="could not be reached"):
        provider.delete_asset("anything")


def test_delete_asset_removes_it_and_unknown_ids_are_errors(standin: MuxStandIn) -> None:
    provider = provider_for(standin)
    upload = provider.create_upload(passthrough="7", cors_origin="*")
    assert put(upload.url, b"clip") == 200
    asset_id = standin.uploads[upload.upload_id]["asset_id"]
    assert provider.get_asset(asset_id)["status"] == "ready"
    provider.delete_asset(asset_id)
    assert asset_id not in standin.assets
    with pytest.raises(VideoError, match="does not know"):
        provider.delete_asset(asset_id)


def test_playback_url_is_the_hls_master_with_the_token(standin: MuxStandIn) -> None:
    provider = provider_for(standin)
    assert provider.playback_url("pb1") == "https://stream.mux.com/pb1.m3u8"
    assert provider.playback_url("pb1", signed_token="t.k.n") == (
        "https://stream.mux.com/pb1.m3u8?token=t.k.n"
    )


def rsa_pair() -> tuple[str, rsa.RSAPublicKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return base64.b64encode(pem).decode(), key.public_key()


def test_sign_playback_makes_the_rs256_token_mux_expects(standin: MuxStandIn) -> None:
    private_b64, public = rsa_pair()
    provider = provider_for(standin, signing_key_id="key-123", signing_private_key=private_b64)
    token = provider.sign_playback("pb-signed", viewer="user:7", ttl_seconds=600)
    header = jwt.get_unverified_header(token)
    assert (header["alg"], header["kid"]) == ("RS256", "key-123")
    claims = jwt.decode(token, public, algorithms=["RS256"], audience="v")
    assert claims["sub"] == "pb-signed"
    assert abs(claims["exp"] - (time.time() + 600)) < 5
    assert "user:7" not in str(claims)
    _, other_public = rsa_pair()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, other_public, algorithms=["RS256"], audience="v")


def test_sign_playback_needs_a_signing_key(standin: MuxStandIn) -> None:
    with pytest.raises(VideoError, match="not configured"):
        provider_for(standin).sign_playback("pb", viewer="v", ttl_seconds=60)
    broken = provider_for(standin, signing_key_id="k", signing_private_key="bm90IGEga2V5")
    with pytest.raises(VideoError, match="not base64 of a PEM"):
        broken.sign_playback("pb", viewer="v", ttl_seconds=60)


@pytest.fixture
def mux_app(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    standin: MuxStandIn,
) -> MuxVideo:
    url = make_database()
    migrations.upgrade(url)
    private_b64, _ = rsa_pair()
    for name, value in {
        "VIDEO_PROVIDER": "mux",
        "MUX_TOKEN_ID": standin.token_id,
        "MUX_TOKEN_SECRET": standin.token_secret,
        "MUX_WEBHOOK_SECRET": standin.webhook_secret,
        "MUX_API_URL": standin.base_url,
        "MUX_SIGNING_KEY_ID": "key-1",
        "MUX_SIGNING_PRIVATE_KEY": private_b64,
    }.items():
        monkeypatch.setenv(f"MICROSHORT_{name}", value)
    app_settings(url)
    assert get_settings().video_provider == "mux"
    return MuxVideo.from_settings(get_settings())


def start_upload(provider: MuxVideo) -> tuple[int, int, str]:
    """A draft episode given a fresh Mux upload slot: (episode id, asset id, upload URL)."""
    with session_scope() as session:
        series = make_series(session, make_creator(session), episodes=(1,), episode_status="draft")
        episode = session.exec(
            select(Episode).join(Season).where(Season.series_id == series.id)
        ).one()
        asset = video.new_asset(session, provider.name)
        upload = provider.create_upload(
            passthrough=str(asset.id), cors_origin=get_settings().base_url
        )
        video.begin_upload(
            session, episode_id=episode.id or 0, provider=provider.name, upload=upload, asset=asset
        )
        return episode.id or 0, asset.id or 0, upload.url


def put(url: str, content: bytes) -> int:
    """What the browser does with the upload URL: one PUT of the raw bytes."""
    return httpx.put(url, content=content, headers={"Content-Type": "video/mp4"}).status_code


def test_an_upload_becomes_a_ready_episode(mux_app: MuxVideo, standin: MuxStandIn) -> None:
    episode_id, asset_id, url = start_upload(mux_app)
    assert put(url, b"\x00\x00\x00\x18ftypmp42 a small clip") == 200
    assert standin.deliveries == [
        ("video.upload.asset_created", 200),
        ("video.asset.created", 200),
        ("video.asset.ready", 200),
    ]
    with session_scope() as session:
        episode = session.get_one(Episode, episode_id)
        asset = session.get_one(VideoAsset, asset_id)
        assert (episode.status, episode.duration_seconds, episode.failure_reason) == (
            "ready",
            61,
            None,
        )
        mux_asset = standin.assets[asset.provider_asset_id or ""]
        assert asset.status == "ready"
        assert asset.duration_seconds == pytest.approx(61.4)
        assert asset.playback_id == mux_asset["playback_ids"][0]["id"]
        assert asset.renditions == [{"width": 1080, "height": 1920, "bitrate": 0}]
    token = mux_app.sign_playback(asset.playback_id or "", viewer="u1", ttl_seconds=60)
    assert mux_app.playback_url(asset.playback_id or "", signed_token=token).endswith(token)


def test_a_broken_upload_fails_the_episode_with_mux_s_reason(
    mux_app: MuxVideo, standin: MuxStandIn
) -> None:
    episode_id, asset_id, url = start_upload(mux_app)
    assert put(url, b"BROKEN bytes that are not a video") == 200
    assert [kind for kind, _ in standin.deliveries][-1] == "video.asset.errored"
    with session_scope() as session:
        episode = session.get_one(Episode, episode_id)
        asset = session.get_one(VideoAsset, asset_id)
        assert (episode.status, episode.failure_reason) == ("failed", BROKEN_REASON)
        assert (asset.status, asset.error_message, asset.playback_id) == (
            "errored",
            BROKEN_REASON,
            None,
        )
