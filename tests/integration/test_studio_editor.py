"""The studio's writes: validation, the publish workflow, ownership, soft delete and undo."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image
from sqlmodel import Session, col, select

from microshort.content import editor, studio
from microshort.content.models import Episode, Season, Series
from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput
from microshort.integrations.images import ImageRejected
from microshort.integrations.storage.local import LocalMediaStorage
from tests.factories import make_creator
from tests.factories import make_series as factory_series

DETAILS: dict[str, Any] = {
    "logline": "A bride returns.",
    "description": "",
    "genre": "Revenge",
    "tags": "weddings, Betrayal, weddings",
    "language": "en",
}


def _new(session: Session, creator_id: int, title: str = "She Came Back") -> Series:
    return editor.save_series(
        session, creator_id=creator_id, series_id=None, title=title, **DETAILS
    )


def test_create_series_with_a_unique_slug(session: Session) -> None:
    creator = make_creator(session)
    first = _new(session, creator.id or 0, "Fake Fiancé!")
    second = _new(session, creator.id or 0, "Fake Fiance")
    assert (first.slug, second.slug) == ("fake-fiance", "fake-fiance-2")
    assert first.status == "draft"
    assert first.tags == ["weddings", "betrayal"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "Give your series a title"),
        ({"genre": "Cooking"}, "genre", "Pick a genre"),
        ({"title": "x" * 121}, "title", "under 120"),
        ({"tags": ",".join(f"t{n}" for n in range(9))}, "tags", "at most 8"),
    ],
)
def test_bad_series_details(
    session: Session, changes: dict[str, str], field: str, message: str
) -> None:
    creator = make_creator(session)
    values = {"title": "Fine", **DETAILS, **changes}
    with pytest.raises(InvalidInput, match=message) as caught:
        editor.save_series(session, creator_id=creator.id or 0, series_id=None, **values)
    assert caught.value.field == field
    assert session.exec(select(Series)).all() == []  # nothing half-saved


def test_duplicate_custom_slug_is_refused(session: Session) -> None:
    creator = make_creator(session)
    _new(session, creator.id or 0, "Taken")
    other = _new(session, creator.id or 0, "Other")
    with pytest.raises(InvalidInput, match="already uses this address"):
        editor.save_series(
            session,
            creator_id=creator.id or 0,
            series_id=other.id,
            title="Other",
            slug="taken",
            **DETAILS,
        )


@pytest.mark.parametrize(("price", "message"), [(-1, "below zero"), (10_001, "looks wrong")])
def test_bad_prices(session: Session, price: int, message: str) -> None:
    creator = make_creator(session)
    series = _new(session, creator.id or 0)
    with pytest.raises(InvalidInput, match=message):
        editor.add_season(
            session, creator_id=creator.id or 0, series_id=series.id or 0, price_cents=price
        )
    assert session.exec(select(Season)).all() == []


def _cover_bytes(width: int = 800, height: int = 800) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 20, 30)).save(out, "PNG")
    return out.getvalue()


def test_cover_is_cropped_to_the_card(session: Session, storage: LocalMediaStorage) -> None:
    creator = make_creator(session)
    series = _new(session, creator.id or 0)
    editor.set_cover(
        session, storage, creator_id=creator.id or 0, series_id=series.id or 0, data=_cover_bytes()
    )
    assert series.cover_key
    image = Image.open(storage.local_path(series.cover_key))
    assert image.size == (600, 900)
    with pytest.raises(ImageRejected):
        editor.set_cover(
            session,
            storage,
            creator_id=creator.id or 0,
            series_id=series.id or 0,
            data=b"GIF89a but not really",
        )


def test_a_png_text_bomb_as_cover_gets_a_message_and_changes_nothing(
    session: Session, storage: LocalMediaStorage
) -> None:
    creator = make_creator(session)
    series = _new(session, creator.id or 0)
    png = io.BytesIO()
    Image.new("RGB", (600, 900), (10, 20, 30)).save(png, "PNG")
    text = b"zTXt" + b"Comment\0\0" + zlib.compress(b"\0" * (50 * 1024 * 1024), 9)
    chunk = struct.pack(">I", len(text) - 4) + text + struct.pack(">I", zlib.crc32(text))
    bomb = png.getvalue()[:33] + chunk + png.getvalue()[33:]
    with pytest.raises(ImageRejected, match="hidden data"):
        editor.set_cover(
            session, storage, creator_id=creator.id or 0, series_id=series.id or 0, data=bomb
        )
    assert series.cover_key is None
    assert not list(storage.local_path("public").parent.rglob("*.jpg"))


def _series_with_episodes(session: Session, creator_id: int, statuses: list[str]) -> Series:
    series = _new(session, creator_id)
    season = editor.add_season(
        session, creator_id=creator_id, series_id=series.id or 0, price_cents=499
    )
    for status in statuses:
        episode = editor.add_episode(
            session, creator_id=creator_id, season_id=season.id or 0, title="An episode"
        )
        episode.status = status
        session.add(episode)
    session.flush()
    return series


def test_publishing_needs_every_episode_ready(session: Session) -> None:
    creator = make_creator(session)
    series = _series_with_episodes(session, creator.id or 0, ["ready", "failed", "draft"])
    with pytest.raises(InvalidInput) as caught:
        editor.publish_series(session, creator_id=creator.id or 0, series_id=series.id or 0)
    assert "episode 2: its video failed" in str(caught.value)
    assert "episode 3 has no ready video" in str(caught.value)
    assert series.status == "draft"
    fine = _series_with_episodes(session, creator.id or 0, ["ready", "ready"])
    assert editor.publish_series(session, creator_id=creator.id or 0, series_id=fine.id or 0) == 2
    assert fine.status == "published"


def test_reorder_renumbers_the_season(session: Session) -> None:
    creator = make_creator(session)
    series = _series_with_episodes(session, creator.id or 0, ["draft"] * 3)
    season = session.exec(select(Season).where(Season.series_id == series.id)).one()
    ids = [e.id or 0 for e in session.exec(select(Episode).order_by(col(Episode.number)))]
    editor.reorder_episodes(
        session,
        creator_id=creator.id or 0,
        season_id=season.id or 0,
        episode_ids=[ids[2], ids[0], ids[1]],
    )
    order = [e.id for e in session.exec(select(Episode).order_by(col(Episode.number)))]
    assert order == [ids[2], ids[0], ids[1]]
    with pytest.raises(InvalidInput, match="every episode"):
        editor.reorder_episodes(
            session, creator_id=creator.id or 0, season_id=season.id or 0, episode_ids=ids[:2]
        )


def test_soft_delete_and_undo(session: Session) -> None:
    creator = make_creator(session)
    series = _new(session, creator.id or 0)
    editor.delete_series(session, creator_id=creator.id or 0, series_id=series.id or 0)
    assert series.deleted_at is not None
    editor.restore_series(session, creator_id=creator.id or 0, series_id=series.id or 0)
    assert series.deleted_at is None
    editor.delete_series(session, creator_id=creator.id or 0, series_id=series.id or 0)
    series.deleted_at = utcnow() - timedelta(days=31)
    with pytest.raises(InvalidInput, match="more than 30 days"):
        editor.restore_series(session, creator_id=creator.id or 0, series_id=series.id or 0)


def _attempts(
    creator_id: int, series: Series, season: Season, episode: Episode
) -> dict[str, Callable[[Session], object]]:
    sid, season_id = series.id or 0, season.id or 0
    return {
        "edit": lambda s: editor.save_series(
            s, creator_id=creator_id, series_id=sid, title="Mine now", **DETAILS
        ),
        "add season": lambda s: editor.add_season(
            s, creator_id=creator_id, series_id=sid, price_cents=100
        ),
        "price": lambda s: editor.set_season_price(
            s, creator_id=creator_id, season_id=season_id, price_cents=1
        ),
        "add episode": lambda s: editor.add_episode(
            s, creator_id=creator_id, season_id=season_id, title="x"
        ),
        "reorder": lambda s: editor.reorder_episodes(
            s, creator_id=creator_id, season_id=season_id, episode_ids=[episode.id or 0]
        ),
        "publish": lambda s: editor.publish_series(s, creator_id=creator_id, series_id=sid),
        "hide": lambda s: editor.set_hidden(s, creator_id=creator_id, series_id=sid, hidden=True),
        "delete": lambda s: editor.delete_series(s, creator_id=creator_id, series_id=sid),
        "restore": lambda s: editor.restore_series(s, creator_id=creator_id, series_id=sid),
    }


def test_another_creator_can_change_nothing(session: Session) -> None:
    owner, intruder = make_creator(session, "Owner"), make_creator(session, "Intruder")
    series = _series_with_episodes(session, owner.id or 0, ["ready"])
    season = session.exec(select(Season).where(Season.series_id == series.id)).one()
    episode = session.exec(select(Episode).where(Episode.season_id == season.id)).one()
    for name, attempt in _attempts(intruder.id or 0, series, season, episode).items():
        with pytest.raises(Forbidden):
            attempt(session)
        assert series.title == "She Came Back", name
    assert series.status == "draft"
    assert series.deleted_at is None


def test_studio_episodes_name_their_season(session: Session) -> None:
    """Every season starts at Ep 1: the studio lists say which season an episode is in."""
    creator = make_creator(session)
    series = factory_series(session, creator, episodes=(1, 2))
    listed = studio.creator_episodes(session, creator.id or 0)
    assert [(e.season_number, e.number) for e in listed] == [(1, 1), (2, 1), (2, 2)]
    detail = studio.studio_series(session, creator.id or 0, series.id or 0)
    assert [[e.season_number for e in s.episodes] for s in detail.seasons] == [[1], [2, 2]]
    one = studio.studio_episode(session, listed[-1].id)
    assert one is not None
    assert (one.season_number, one.number) == (2, 2)
