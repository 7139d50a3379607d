"""The series' own creator and admins watch its locked episodes without paying: the watch page,
the protected stream and the live room let them in; nobody else gains anything, and nothing is
bought, earned or listed in My purchases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.bootstrap import install_entitlements
from microshort.config import get_settings
from microshort.content.models import Episode, VideoAsset
from microshort.content.playback import (
    episode_context,
    may_watch,
    set_entitlement_check,
    sign_stream,
    verify_stream,
    viewer_key,
)
from microshort.content.watch import watch_view
from microshort.db import make_engine, session_scope
from microshort.payments.payouts import balances
from microshort.payments.purchases import purchases
from microshort.realtime.entry import enter_room
from microshort.realtime.tickets import read_ticket
from microshort.users.models import CreatorProfile
from microshort.users.sessions import SESSION_COOKIE
from tests.factories import episode_ids, make_series
from tests.payments_support import ledger_counts
from tests.principals import PRINCIPALS, Principal, make_principals
from tests.visitors import VISITOR_COOKIE, signed_visitor

FREE_WATCHERS = {"creator", "admin"}  # the series belongs to the "creator" principal
ANONYMOUS_ID = "visitor0001"
PLAYBACK_ID = "owner-demo"
MASTER = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=480x854\n0/index.m3u8\n"


@dataclass(frozen=True)
class World:
    url: str
    engine: sa.Engine
    principals: dict[str, Principal]
    locked_id: int
    creator_profile_id: int


@pytest.fixture(scope="module")
def world(make_database: Callable[[], str]) -> Iterator[World]:
    """A published series of the "creator" principal: one free episode, two locked ones."""
    url = make_database()
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        principals = make_principals(session)
        owner = principals["creator"].user
        assert owner is not None
        assert owner.creator_profile_id is not None
        profile = session.get(CreatorProfile, owner.creator_profile_id)
        assert profile is not None
        series = make_series(session, profile, episodes=(3,), free_episode_count=1)
        asset = VideoAsset(provider="local", status="ready", playback_id=PLAYBACK_ID)
        session.add(asset)
        session.flush()
        ids = episode_ids(session, series)
        for episode_id in ids:
            episode = session.get(Episode, episode_id)
            assert episode is not None
            episode.video_asset_id = asset.id
            session.add(episode)
        session.commit()
    yield World(url, engine, principals, ids[1], owner.creator_profile_id)
    engine.dispose()


@pytest.fixture(autouse=True)
def hook() -> Iterator[None]:
    install_entitlements()  # the real ledger check: nobody here has bought anything
    yield
    set_entitlement_check(None)


@pytest.fixture
def served(world: World, app_settings: Callable[[str], Path]) -> World:
    """The app's settings and private storage pointed at the world, with the episode's HLS."""
    master = app_settings(world.url) / "media" / "private" / "hls" / PLAYBACK_ID / "master.m3u8"
    master.parent.mkdir(parents=True, exist_ok=True)
    master.write_text(MASTER)
    return world


def _user_id(world: World, who: str) -> int | None:
    user = world.principals[who].user
    return user.id if user else None


def _anonymous_id(who: str) -> str | None:
    return ANONYMOUS_ID if who == "anonymous" else None


@pytest.mark.parametrize("who", PRINCIPALS)
def test_only_the_series_creator_and_admins_watch_a_locked_episode_free(
    world: World, who: str
) -> None:
    with session_scope(world.engine) as session:
        context = episode_context(session, world.locked_id)
        assert context is not None
        assert context.locked
        assert may_watch(session, context, _user_id(world, who)) == (who in FREE_WATCHERS)


@pytest.mark.parametrize("who", PRINCIPALS)
def test_the_watch_page_streams_for_them_instead_of_the_paywall(world: World, who: str) -> None:
    secret = b"s" * 48
    user_id = _user_id(world, who)
    with session_scope(world.engine) as session:
        view = watch_view(
            session,
            world.locked_id,
            user_id=user_id,
            anonymous_id=_anonymous_id(who),
            secret=secret,
        )
    assert view is not None
    assert view.locked
    assert view.allowed == (who in FREE_WATCHERS)
    assert view.own_locked == (who == "creator")  # the hint is for the series' own creator
    if who not in FREE_WATCHERS:
        assert view.hls_url == ""
        return
    token = view.hls_url.split("token=")[1]
    viewer = viewer_key(user_id, None)
    assert verify_stream(secret, token, episode_id=world.locked_id, viewer=viewer)


@pytest.mark.parametrize("who", PRINCIPALS)
def test_the_protected_playlist_serves_them_and_refuses_everyone_else(
    served: World, who: str
) -> None:
    client = TestClient(api_app())
    principal = served.principals[who]
    if principal.token:
        client.cookies.set(SESSION_COOKIE, principal.token)
    else:
        client.cookies.set(VISITOR_COOKIE, signed_visitor(ANONYMOUS_ID))
    viewer = viewer_key(_user_id(served, who), _anonymous_id(who))
    assert viewer is not None
    # A well-signed token for this very viewer: the server still decides who may watch.
    token = sign_stream(get_settings().signing_key(), episode_id=served.locked_id, viewer=viewer)
    response = client.get(f"/media/hls/{served.locked_id}/master.m3u8?token={token}")
    assert response.status_code == (200 if who in FREE_WATCHERS else 403)
    if who in FREE_WATCHERS:
        assert f"0/index.m3u8?token={token}" in response.text


@pytest.mark.parametrize("who", PRINCIPALS)
def test_the_live_room_admits_them_and_no_one_else(world: World, who: str) -> None:
    secret = b"r" * 48
    with session_scope(world.engine) as session:
        entry = enter_room(
            session,
            episode_id=world.locked_id,
            user_id=_user_id(world, who),
            anonymous_id=_anonymous_id(who),
            secret=secret,
        )
    admitted = entry is not None and read_ticket(secret, entry.ticket) is not None
    assert admitted == (who in FREE_WATCHERS)


def test_nothing_is_bought_earned_or_listed_for_them(world: World) -> None:
    with session_scope(world.engine) as session:
        for who in FREE_WATCHERS:
            user_id = _user_id(world, who)
            assert user_id is not None
            context = episode_context(session, world.locked_id)
            assert context is not None
            assert may_watch(session, context, user_id)
            assert ledger_counts(session, user_id) == (0, 0, 0)
            assert purchases(session, user_id) == []
        assert balances(session, world.creator_profile_id) == []
