"""Reads for the series page's follow/favourite buttons and for the Library."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.cards import cards_for, listed_ids, page_bounds, to_cards
from microshort.content.models import Series
from microshort.content.rails import continue_watching, watch_history
from microshort.content.schemas import SeriesCard
from microshort.social.models import Favourite, Follow
from microshort.social.schemas import LibraryView, SeriesSocial

LIBRARY_SHELF = 60
HISTORY_PAGE = 30


def series_social(session: Session, slug: str, user_id: int | None) -> SeriesSocial:
    """Follower count, and whether this viewer follows / hearted the series (one statement)."""
    series_id = sa.select(col(Series.id)).where(col(Series.slug) == slug).scalar_subquery()

    def mine(table: Any) -> sa.ColumnElement[bool]:
        if user_id is None:
            return sa.false()
        return sa.exists().where(col(table.series_id) == series_id, col(table.user_id) == user_id)

    followers = (
        sa.select(sa.func.count())
        .select_from(Follow)
        .where(col(Follow.series_id) == series_id)
        .scalar_subquery()
    )
    row = session.execute(
        sa.select(
            followers.label("followers"),
            mine(Follow).label("following"),
            mine(Favourite).label("favourited"),
        )
    ).one()
    return SeriesSocial(
        follower_count=int(row.followers or 0),
        following=bool(row.following),
        favourited=bool(row.favourited),
    )


def _shelf(session: Session, table: Any, user_id: int, limit: int) -> list[SeriesCard]:
    """Listed series the viewer marked, most recently marked first (one statement)."""
    limit = page_bounds(limit, 0)[0]
    page = (
        listed_ids(col(table.created_at).label("marked_at"))
        .join(table, col(table.series_id) == col(Series.id))
        .where(col(table.user_id) == user_id)
        .order_by(col(table.created_at).desc(), col(Series.id).desc())
        .limit(limit)
        .subquery("shelf")
    )
    rows = session.execute(
        cards_for(page).order_by(page.c.marked_at.desc(), page.c.id.desc())
    ).all()
    return to_cards(rows)


def followed_series(
    session: Session, user_id: int, *, limit: int = LIBRARY_SHELF
) -> list[SeriesCard]:
    return _shelf(session, Follow, user_id, limit)


def favourite_series(
    session: Session, user_id: int, *, limit: int = LIBRARY_SHELF
) -> list[SeriesCard]:
    return _shelf(session, Favourite, user_id, limit)


def library_view(session: Session, user_id: int) -> LibraryView:
    """The Library: four statements, whatever the viewer has collected."""
    return LibraryView(
        following=followed_series(session, user_id),
        favourites=favourite_series(session, user_id),
        continue_watching=continue_watching(session, user_id),
        history=watch_history(session, user_id, limit=HISTORY_PAGE),
    )
