"""Free episodes stream to anyone; a locked one only with a valid, unexpired token signed for
this viewer and episode (and only while the entitlement hook says yes)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.api.stream import ACCESS_RECHECK_SECONDS
from microshort.bootstrap import install_entitlements
from microshort.config import get_settings
from microshort.content import playback
from microshort.content.models import Episode, VideoAsset
from microshort.db import make_engine
from microshort.payments import ledger, refunds
from microshort.payments.models import PaymentProvider
from microshort.users import sessions
from microshort.users.models import User
from tests.factories import make_creator, make_series
from tests.payments_support import NOW, make_viewer, priced_series, purchase
from tests.visitors import VISITOR_COOKIE, signed_visitor

MASTER = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=480x854\n0/index.m3u8\n"
FILES = ("index.m3u8", "init_0.mp4", "seg_000.m4s")
MEDIA = '#EXTM3U\n#EXT-X-MAP:URI="init_0.mp4"\n#EXTINF:2.0,\nseg_000.m4s\n#EXT-X-ENDLIST\n'


@dataclass
class World:
    client: TestClient
    free_id: int
    locked_id: int
    buyer_token: str
    buyer_id: int


@pytest.fixture
def world(make_database: Callable[[], str], app_settings: Callable[[str], Path]) -> Iterator[World]:
    url = make_database()
    migrations.upgrade(url)
    data_dir = app_settings(url)
    for name, body in (
        ("master.m3u8", MASTER),
        ("0/index.m3u8", MEDIA),
        ("0/init_0.mp4", "init"),
        ("0/seg_000.m4s", "segment"),
    ):
        path = data_dir / "media" / "private/hls/demo-1" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(2,), free_episode_count=1)
        asset = VideoAsset(provider="local", status="ready", playback_id="demo-1")
        session.add(asset)
        session.flush()
        episodes = session.exec(select(Episode).order_by(col(Episode.number))).all()
        for episode in episodes:
            episode.video_asset_id = asset.id
            session.add(episode)
        buyer = User(email="buyer@example.com", display_name="B")
        session.add(buyer)
        session.flush()
        token = sessions.create(session, user_id=buyer.id or 0, days=1)
        session.commit()
        ids = [episode.id or 0 for episode in episodes]
        buyer_id = buyer.id or 0
    playback.set_entitlement_check(lambda _s, user_id, _e: user_id == buyer_id)
    yield World(TestClient(api_app()), ids[0], ids[1], token, buyer_id)
    playback.set_entitlement_check(None)
    engine.dispose()


def _token(episode_id: int, viewer: str, ttl: int = 600) -> str:
    return playback.sign_stream(
        get_settings().signing_key(), episode_id=episode_id, viewer=viewer, ttl_seconds=ttl
    )


def test_free_episode_streams_to_anyone(world: World) -> None:
    response = world.client.get(f"/media/hls/{world.free_id}/master.m3u8")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.apple.mpegurl")
    assert world.client.get(f"/media/hls/{world.free_id}/0/seg_000.m4s").content == b"segment"


def test_locked_playlist_and_segment_need_a_token(world: World) -> None:
    assert world.client.get(f"/media/hls/{world.locked_id}/master.m3u8").status_code == 403
    assert world.client.get(f"/media/hls/{world.locked_id}/0/seg_000.m4s").status_code == 403


def test_a_valid_token_for_this_viewer_plays_and_is_carried_to_segments(world: World) -> None:
    world.client.cookies.set(sessions.SESSION_COOKIE, world.buyer_token)
    token = _token(world.locked_id, f"u{world.buyer_id}")
    playlist = world.client.get(f"/media/hls/{world.locked_id}/0/index.m3u8?token={token}")
    assert playlist.status_code == 200
    assert f'URI="init_0.mp4?token={token}"' in playlist.text
    assert f"seg_000.m4s?token={token}" in playlist.text
    segment = world.client.get(f"/media/hls/{world.locked_id}/0/seg_000.m4s?token={token}")
    assert segment.content == b"segment"


def test_expired_forged_and_borrowed_tokens_are_refused(world: World) -> None:
    world.client.cookies.set(sessions.SESSION_COOKIE, world.buyer_token)
    base = f"/media/hls/{world.locked_id}/0/seg_000.m4s?token="
    expired = playback.sign_stream(
        get_settings().signing_key(),
        episode_id=world.locked_id,
        viewer=f"u{world.buyer_id}",
        ttl_seconds=-1,
    )
    assert world.client.get(base + expired).status_code == 403
    forged = _token(world.locked_id, f"u{world.buyer_id}")[:-3] + "AAA"
    assert world.client.get(base + forged).status_code == 403
    other_episode = _token(world.free_id, f"u{world.buyer_id}")
    assert world.client.get(base + other_episode).status_code == 403
    stranger = TestClient(api_app())  # somebody else, with the buyer's token in the URL
    assert stranger.get(base + _token(world.locked_id, f"u{world.buyer_id}")).status_code == 403


def test_no_entitlement_no_playlist_even_with_a_token(world: World) -> None:
    anonymous = TestClient(api_app())
    anonymous.cookies.set(VISITOR_COOKIE, signed_visitor("visitor0001"))
    token = _token(world.locked_id, "avisitor0001")
    response = anonymous.get(f"/media/hls/{world.locked_id}/master.m3u8?token={token}")
    assert response.status_code == 403


def test_unknown_files_and_episodes(world: World) -> None:
    assert world.client.get(f"/media/hls/{world.free_id}/../secret").status_code == 404
    assert world.client.get(f"/media/hls/{world.free_id}/0/other.txt").status_code == 404
    assert world.client.get("/media/hls/999999/master.m3u8").status_code == 404


def test_a_refund_stops_init_and_segments_too_within_seconds(
    make_database: Callable[[], str], app_settings: Callable[[str], Path]
) -> None:
    """The buyer's 4-hour token keeps working for playlists, init and segments while they own
    the season; once the purchase is refunded every file is refused within seconds."""
    url = make_database()
    migrations.upgrade(url)
    data_dir = app_settings(url)
    for name, body in (("0/index.m3u8", MEDIA), ("0/init_0.mp4", "init"), ("0/seg_000.m4s", "s")):
        path = data_dir / "media" / "private/hls/refund-1" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    install_entitlements()
    engine = make_engine(url)
    with Session(engine) as session:
        catalogue = priced_series(session, episodes=(3, 2))
        asset = VideoAsset(provider="local", status="ready", playback_id="refund-1")
        session.add(asset)
        session.flush()
        locked = catalogue.episodes[1][0]
        locked.video_asset_id = asset.id
        session.add(locked)
        buyer = make_viewer(session)
        bought = purchase(buyer, season=catalogue.seasons[1], payment_id="pi_test_refund_media")
        ledger.record_purchase(
            session, bought, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
        )
        cookie = sessions.create(session, user_id=buyer.id or 0, days=1)
        session.commit()
        episode_id, buyer_id = locked.id or 0, buyer.id or 0
    client = TestClient(api_app())
    client.cookies.set(sessions.SESSION_COOKIE, cookie)
    token = _token(episode_id, f"u{buyer_id}", ttl=4 * 3600)
    files = [f"/media/hls/{episode_id}/0/{name}?token={token}" for name in FILES]
    try:
        assert [client.get(file).status_code for file in files] == [200, 200, 200]
        with Session(engine) as session:
            refunds.record_refund(
                session,
                provider=PaymentProvider.LOCAL,
                payment_id="pi_test_refund_media",
                refunded_total_cents=499,
                now=NOW,
            )
            session.commit()
        refunded_at = time.monotonic()
        statuses = [client.get(file).status_code for file in files]
        while statuses != [403, 403, 403] and time.monotonic() - refunded_at < 10:
            time.sleep(0.25)
            statuses = [client.get(file).status_code for file in files]
        assert statuses == [403, 403, 403]
        assert time.monotonic() - refunded_at <= ACCESS_RECHECK_SECONDS + 1
    finally:
        playback.set_entitlement_check(None)
        engine.dispose()
