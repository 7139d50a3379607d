"""The watch page's read: who may play, the stream URL, resume position, neighbours."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from microshort.content import playback
from microshort.content.models import Episode, VideoAsset
from microshort.content.progress import save_progress
from microshort.content.schemas import WatchView
from microshort.content.watch import watch_view
from microshort.errors import InvalidInput
from tests.factories import make_creator, make_series

SECRET = b"test-secret-test-secret-test-secret"


def _episodes(session: Session) -> list[Episode]:
    make_series(session, make_creator(session), episodes=(2, 2), free_episode_count=3)
    asset = VideoAsset(provider="local", status="ready", playback_id="x")
    session.add(asset)
    session.flush()
    episodes = list(session.exec(select(Episode).order_by(col(Episode.id))).all())
    for episode in episodes:
        episode.video_asset_id = asset.id
        session.add(episode)
    session.flush()
    return episodes


def _view(
    session: Session, episode: Episode, user_id: int | None = None, anon: str = "anon0001"
) -> WatchView:
    view = watch_view(session, episode.id or 0, user_id=user_id, anonymous_id=anon, secret=SECRET)
    assert view is not None
    return view


def test_free_episode_plays_with_neighbours(session: Session) -> None:
    first, second, *_ = _episodes(session)
    view = _view(session, second)
    assert (view.position, view.total, view.locked, view.allowed) == (2, 4, False, True)
    assert view.hls_url == f"/media/hls/{second.id}/master.m3u8"
    assert (view.previous_id, view.next_id) == (first.id, second.id + 1)  # type: ignore[operator]


def test_locked_episode_has_no_stream_without_entitlement(session: Session) -> None:
    fourth = _episodes(session)[3]
    view = _view(session, fourth)
    assert view.locked
    assert not view.allowed
    assert view.hls_url == ""
    assert view.unlock_label == "Season 2 — $4.99"


def test_entitled_viewer_gets_a_signed_url(session: Session) -> None:
    fourth = _episodes(session)[3]
    playback.set_entitlement_check(lambda _s, user_id, _e: user_id == 7)
    try:
        view = _view(session, fourth, user_id=7)
    finally:
        playback.set_entitlement_check(None)
    token = view.hls_url.split("token=")[1]
    assert playback.verify_stream(SECRET, token, episode_id=fourth.id or 0, viewer="u7")
    assert not playback.verify_stream(SECRET, token, episode_id=fourth.id or 0, viewer="u8")


def test_progress_resumes_until_finished(session: Session) -> None:
    episode = _episodes(session)[0]
    save_progress(
        session,
        episode_id=episode.id or 0,
        user_id=None,
        anonymous_id="anon0001",
        position=42.5,
        duration=90,
    )
    assert _view(session, episode).resume_at == 42.5
    assert _view(session, episode, anon="someone-else").resume_at == 0
    save_progress(
        session,
        episode_id=episode.id or 0,
        user_id=None,
        anonymous_id="anon0001",
        position=88.5,
        duration=90,
    )
    assert _view(session, episode).resume_at == 0  # finished: start over next time


@pytest.mark.parametrize(("position", "duration"), [(-1, 10), (10, -5), (1e9, 10)])
def test_nonsense_positions_are_refused(session: Session, position: float, duration: float) -> None:
    episode = _episodes(session)[0]
    with pytest.raises(InvalidInput):
        save_progress(
            session,
            episode_id=episode.id or 0,
            user_id=None,
            anonymous_id="a1",
            position=position,
            duration=duration,
        )


def test_unpublished_episodes_are_not_watchable(session: Session) -> None:
    episode = _episodes(session)[0]
    episode.status = "ready"
    session.add(episode)
    session.flush()
    assert (
        watch_view(session, episode.id or 0, user_id=None, anonymous_id="a1", secret=SECRET) is None
    )


def test_the_next_episode_is_offered_for_preload_only_when_it_would_play(
    session: Session,
) -> None:
    first, second, third, fourth = _episodes(session)
    assert _view(session, first).next_hls_url == f"/media/hls/{second.id}/master.m3u8"
    # The next one is locked for this visitor: nothing to preload, no stream leaked.
    assert _view(session, third).next_hls_url == ""
    # A buyer gets the next locked episode's signed stream, bound to them.
    playback.set_entitlement_check(lambda _s, user_id, _e: user_id == 7)
    try:
        preload = _view(session, third, user_id=7).next_hls_url
    finally:
        playback.set_entitlement_check(None)
    assert preload.startswith(f"/media/hls/{fourth.id}/master.m3u8?token=")
