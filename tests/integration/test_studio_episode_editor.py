"""Editing an episode's title and synopsis after creation, and deleting an episode."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from microshort.content import episode_editor
from microshort.content.models import (
    Episode,
    Season,
    Series,
    VideoAsset,
    VideoProvider,
    WatchProgress,
)
from microshort.errors import Forbidden, InvalidInput
from microshort.realtime.models import Comment
from tests.factories import episode_ids, make_creator, make_series


def _season_episodes(session: Session, series: Series) -> list[tuple[int, str]]:
    rows = session.exec(
        select(Episode.number, Episode.title)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(Season.series_id == series.id, Season.number == 1)
        .order_by(col(Episode.number))
    ).all()
    return [(number, title) for number, title in rows]


def test_edit_title_and_synopsis(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, status="draft", episode_status="draft")
    first = episode_ids(session, series)[0]
    episode_editor.edit_episode(
        session,
        creator_id=creator.id or 0,
        episode_id=first,
        title="  The   Wedding  ",
        synopsis="  She walks in.\nNobody breathes.  ",
    )
    session.expire_all()
    saved = session.get_one(Episode, first)
    assert (saved.title, saved.synopsis) == ("The Wedding", "She walks in.\nNobody breathes.")
    shown = episode_editor.episode_text(session, creator_id=creator.id or 0, episode_id=first)
    assert (shown.title, shown.synopsis, shown.number) == (saved.title, saved.synopsis, 1)


def test_a_published_episode_can_be_retitled(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator)
    first = episode_ids(session, series)[0]
    episode_editor.edit_episode(
        session, creator_id=creator.id or 0, episode_id=first, title="Typo fixed"
    )
    assert session.get_one(Episode, first).title == "Typo fixed"


@pytest.mark.parametrize(
    ("title", "synopsis", "field", "message"),
    [
        ("   ", "", "title", "Give the episode a title."),
        ("x" * 121, "", "title", "Keep the title under 120 characters."),
        ("Fine", "y" * 1001, "synopsis", "Keep the synopsis under 1000 characters."),
    ],
)
def test_bad_episode_text_is_refused(
    session: Session, title: str, synopsis: str, field: str, message: str
) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, status="draft", episode_status="draft")
    first = episode_ids(session, series)[0]
    with pytest.raises(InvalidInput, match=message) as caught:
        episode_editor.edit_episode(
            session, creator_id=creator.id or 0, episode_id=first, title=title, synopsis=synopsis
        )
    assert caught.value.field == field
    session.expire_all()
    assert session.get_one(Episode, first).title == "Ep 1"


def test_the_longest_allowed_text_is_kept(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, status="draft", episode_status="draft")
    first = episode_ids(session, series)[0]
    episode_editor.edit_episode(
        session, creator_id=creator.id or 0, episode_id=first, title="x" * 120, synopsis="y" * 1000
    )
    session.flush()
    assert len(session.get_one(Episode, first).synopsis) == 1000


def test_another_creator_can_neither_edit_nor_delete(session: Session) -> None:
    owner, intruder = make_creator(session, "Owner"), make_creator(session, "Intruder")
    series = make_series(session, owner, status="draft", episode_status="draft")
    first = episode_ids(session, series)[0]
    with pytest.raises(Forbidden):
        episode_editor.edit_episode(
            session, creator_id=intruder.id or 0, episode_id=first, title="Mine now"
        )
    with pytest.raises(Forbidden):
        episode_editor.episode_text(session, creator_id=intruder.id or 0, episode_id=first)
    with pytest.raises(Forbidden):
        episode_editor.delete_episode(session, creator_id=intruder.id or 0, episode_id=first)
    session.expire_all()
    assert session.get_one(Episode, first).title == "Ep 1"
    assert len(episode_ids(session, series)) == 5


def test_deleting_a_draft_renumbers_the_rest_and_takes_its_leftovers(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, status="draft", episode_status="draft", episodes=(4, 2))
    ids = episode_ids(session, series)
    doomed = ids[1]  # season 1, episode 2
    asset = VideoAsset(provider=VideoProvider.LOCAL)
    session.add(asset)
    session.flush()
    episode = session.get_one(Episode, doomed)
    episode.video_asset_id, episode.status = asset.id, "ready"
    session.add(episode)
    session.add(Comment(episode_id=doomed, body="First!", timestamp_ms=0))
    session.add(WatchProgress(anonymous_id="a", episode_id=doomed, position_seconds=3))
    session.flush()

    episode_editor.delete_episode(session, creator_id=creator.id or 0, episode_id=doomed)
    session.expire_all()

    assert _season_episodes(session, series) == [(1, "Ep 1"), (2, "Ep 3"), (3, "Ep 4")]
    assert episode_ids(session, series) == [ids[0], ids[2], ids[3], ids[4], ids[5]]
    assert session.get(Episode, doomed) is None
    assert session.get(VideoAsset, asset.id) is None
    assert session.exec(select(Comment).where(Comment.episode_id == doomed)).all() == []
    assert session.exec(select(WatchProgress).where(WatchProgress.episode_id == doomed)).all() == []
    season_two = session.exec(
        select(Episode.number).join(Season).where(Season.series_id == series.id, Season.number == 2)
    ).all()
    assert sorted(season_two) == [1, 2]  # other seasons untouched


def test_a_shared_video_asset_stays(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, status="draft", episode_status="ready", episodes=(2,))
    asset = VideoAsset(provider=VideoProvider.LOCAL)
    session.add(asset)
    session.flush()
    for episode_id in episode_ids(session, series):
        episode = session.get_one(Episode, episode_id)
        episode.video_asset_id = asset.id
        session.add(episode)
    session.flush()
    first = episode_ids(session, series)[0]
    episode_editor.delete_episode(session, creator_id=creator.id or 0, episode_id=first)
    assert session.get(VideoAsset, asset.id) is not None


def test_a_published_episode_of_a_published_series_stays(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator)  # published, every episode published
    ids = episode_ids(session, series)
    with pytest.raises(InvalidInput, match="Hide the series from viewers first"):
        episode_editor.delete_episode(session, creator_id=creator.id or 0, episode_id=ids[2])
    session.expire_all()
    assert episode_ids(session, series) == ids
    series.status = "hidden"
    session.add(series)
    session.flush()
    episode_editor.delete_episode(session, creator_id=creator.id or 0, episode_id=ids[2])
    assert _season_episodes(session, series) == [
        (1, "Ep 1"),
        (2, "Ep 2"),
        (3, "Ep 4"),
        (4, "Ep 5"),
    ]


def test_a_draft_episode_of_a_published_series_can_go(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, episodes=(2,))
    last = episode_ids(session, series)[-1]
    episode = session.get_one(Episode, last)
    episode.status = "failed"
    session.add(episode)
    session.flush()
    episode_editor.delete_episode(session, creator_id=creator.id or 0, episode_id=last)
    assert _season_episodes(session, series) == [(1, "Ep 1")]
