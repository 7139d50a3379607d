"""Genre pages, creator pages and "More from this creator": a fixed number of statements each."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.cards import (
    AnySelect,
    cards_for,
    listed_ids,
    newest_first,
    page_bounds,
    to_cards,
)
from microshort.content.genres import GENRES
from microshort.content.models import Series
from microshort.content.schemas import CreatorPage, GenrePage, SeriesCard, SeriesPage
from microshort.integrations.storage.base import public_url
from microshort.social.models import Follow
from microshort.users.models import ApprovalStatus, CreatorProfile

GENRE_PAGE = 24
MORE_FROM_CREATOR = 8
CREATOR_PAGE_SERIES = 60


def genre_key(genre: str) -> str:
    """What a genre page address carries: the genre, lower-cased ("/genres/romance")."""
    return genre.strip().lower()


def _page_of(session: Session, picked: AnySelect, *, limit: int, offset: int) -> SeriesPage:
    """One statement: the picked ids (newest first) cut to limit+1 rows, then their cards."""
    page = picked.order_by(*newest_first()).limit(limit + 1).offset(offset).subquery("page")
    rows = session.execute(cards_for(page).order_by(*_newest_of(page))).all()
    return SeriesPage(
        series=to_cards(rows[:limit]),
        has_more=len(rows) > limit,
        next_offset=offset + min(len(rows), limit),
    )


def _newest_of(page: sa.Subquery) -> list[Any]:
    return [page.c.published_at.desc().nulls_last(), page.c.id.desc()]


def genre_page(
    session: Session, genre: str, *, limit: int = GENRE_PAGE, offset: int = 0
) -> GenrePage:
    """Listed series of one genre (matched without regard to case), newest first."""
    limit, offset = page_bounds(limit, offset)
    key = genre_key(genre)
    if not key:
        return GenrePage(genre="")
    # The house genres match an index on (genre, newest); anything else by lower-casing.
    known = next((name for name in GENRES if name.lower() == key), None)
    matches = col(Series.genre) == known if known else sa.func.lower(col(Series.genre)) == key
    picked = listed_ids(col(Series.published_at)).where(matches)
    page = _page_of(session, picked, limit=limit, offset=offset)
    name = page.series[0].genre if page.series else ""
    return GenrePage(genre=name, page=page)


def more_from_creator(
    session: Session, series_slug: str, *, limit: int = MORE_FROM_CREATOR
) -> list[SeriesCard]:
    """The creator's other listed series, newest first (one statement)."""
    this = (
        sa.select(col(Series.id), col(Series.creator_id))
        .where(col(Series.slug) == series_slug)
        .subquery("this")
    )
    picked = listed_ids(col(Series.published_at)).where(
        col(Series.creator_id) == sa.select(this.c.creator_id).scalar_subquery(),
        col(Series.id) != sa.select(this.c.id).scalar_subquery(),
    )
    return _page_of(session, picked, limit=page_bounds(limit, 0)[0], offset=0).series


def creator_page(session: Session, slug: str) -> CreatorPage | None:
    """An approved creator's public page: profile, follower count, listed series (two
    statements). None for unknown, pending or rejected creators."""
    followers = (
        sa.select(sa.func.count(sa.distinct(col(Follow.user_id))))
        .join(Series, col(Series.id) == col(Follow.series_id))
        .where(col(Series.creator_id) == col(CreatorProfile.id))
        .scalar_subquery()
    )
    found = session.execute(
        sa.select(CreatorProfile, followers.label("followers")).where(
            col(CreatorProfile.slug) == slug,
            col(CreatorProfile.approval_status) == ApprovalStatus.APPROVED,
        )
    ).first()
    if found is None:
        return None
    profile: CreatorProfile = found[0]
    picked = listed_ids(col(Series.published_at)).where(col(Series.creator_id) == profile.id)
    page = _page_of(session, picked, limit=CREATOR_PAGE_SERIES, offset=0)
    return CreatorPage(
        slug=profile.slug,
        display_name=profile.display_name,
        bio=profile.bio,
        links=[str(link) for link in profile.links or []],
        avatar_url=public_url(profile.avatar_key),
        follower_count=int(found.followers or 0),
        series=page.series,
    )
