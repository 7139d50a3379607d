"""Follow and favourite series: signed-in viewers only, idempotent (doing it twice is once)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col

from microshort.content.cards import listed
from microshort.content.models import Series
from microshort.db import utcnow
from microshort.errors import NotFound
from microshort.social.models import Favourite, Follow
from microshort.social.queries import series_social
from microshort.social.schemas import SeriesSocial
from microshort.users.permissions import Access, require
from microshort.users.schemas import CurrentUser

Mark = type[Follow] | type[Favourite]


def _series_id(session: Session, slug: str, *, listed_only: bool) -> int:
    query = sa.select(col(Series.id)).where(col(Series.slug) == slug)
    if listed_only:
        query = query.where(listed())
    found = session.execute(query).scalar_one_or_none()
    if found is None:
        raise NotFound("We could not find that series. It may have been unpublished.")
    return int(found)


def _mark(session: Session, table: Mark, user: CurrentUser | None, slug: str) -> SeriesSocial:
    viewer = require(Access.SIGNED_IN, user)
    series_id = _series_id(session, slug, listed_only=True)
    session.execute(
        insert(table)
        .values(user_id=viewer.id, series_id=series_id, created_at=utcnow())
        .on_conflict_do_nothing()
    )
    return series_social(session, slug, viewer.id)


def _unmark(session: Session, table: Mark, user: CurrentUser | None, slug: str) -> SeriesSocial:
    # Taking a mark back works even when the series has since been hidden.
    viewer = require(Access.SIGNED_IN, user)
    series_id = _series_id(session, slug, listed_only=False)
    session.execute(
        sa.delete(table).where(col(table.user_id) == viewer.id, col(table.series_id) == series_id)
    )
    return series_social(session, slug, viewer.id)


def follow(session: Session, *, user: CurrentUser | None, series_slug: str) -> SeriesSocial:
    return _mark(session, Follow, user, series_slug)


def unfollow(session: Session, *, user: CurrentUser | None, series_slug: str) -> SeriesSocial:
    return _unmark(session, Follow, user, series_slug)


def favourite(session: Session, *, user: CurrentUser | None, series_slug: str) -> SeriesSocial:
    return _mark(session, Favourite, user, series_slug)


def unfavourite(session: Session, *, user: CurrentUser | None, series_slug: str) -> SeriesSocial:
    return _unmark(session, Favourite, user, series_slug)
