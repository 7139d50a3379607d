"""Where visitors came from: first-touch and last-touch attribution.

A touch is one arrival that says where from: a share link opened (/s/<code>), or a landing on a
page with UTM parameters. Each anonymous visitor (the signed ms_anon cookie) keeps a pointer to
their first and latest touch; at sign-up (and log-in) the visitor is joined to the account, and
the touch that was latest then is kept as the sign-up's; a purchase is stamped with the buyer's
first and last touch when it is recorded (payments/ledger.py). Reports (issue 16) read these
rows; the studio share kit counts by them (social/share_kit.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from microshort.analytics.events import clean_utm
from microshort.analytics.models import AttributionTouch, VisitorAttribution
from microshort.content.models import Episode, Season, Series
from microshort.db import MAX_ID, utcnow

# A reload of the same tagged address within this window is the same arrival.
RELOAD_WINDOW = timedelta(minutes=30)
PATH_MAX = 500
HOST_MAX = 255


@dataclass(frozen=True)
class Arrival:
    anonymous_id: str
    landing_path: str
    user_id: int | None = None
    share_link_id: int | None = None
    series_id: int | None = None
    episode_id: int | None = None
    utm: Mapping[str, str] = field(default_factory=dict)
    referrer_host: str | None = None


def referrer_host(referrer: str | None, own_host: str) -> str | None:
    """The referring site's host, or None for none, a malformed one or our own pages."""
    try:
        host = (urlsplit(referrer or "").hostname or "").lower()
    except ValueError:
        return None
    return host[:HOST_MAX] if host and host != own_host.lower() else None


def record_touch(
    session: Session, arrival: Arrival, *, now: datetime | None = None
) -> AttributionTouch:
    """Write the touch and make it the visitor's latest (and first, if they had none)."""
    now = now or utcnow()
    touch = AttributionTouch(
        anonymous_id=arrival.anonymous_id,
        user_id=arrival.user_id,
        share_link_id=arrival.share_link_id,
        series_id=arrival.series_id,
        episode_id=arrival.episode_id,
        referrer_host=arrival.referrer_host,
        landing_path=arrival.landing_path[:PATH_MAX],
        occurred_at=now,
    )
    for name, value in clean_utm(arrival.utm).items():
        setattr(touch, name, value)
    session.add(touch)
    session.flush()
    session.execute(
        insert(VisitorAttribution)
        .values(
            anonymous_id=arrival.anonymous_id,
            user_id=arrival.user_id,
            first_touch_id=touch.id,
            last_touch_id=touch.id,
            updated_at=now,
        )
        .on_conflict_do_update(
            index_elements=["anonymous_id"],
            set_={
                "last_touch_id": touch.id,
                "first_touch_id": sa.func.coalesce(
                    col(VisitorAttribution.first_touch_id), touch.id
                ),
                "user_id": sa.func.coalesce(col(VisitorAttribution.user_id), arrival.user_id),
                "updated_at": now,
            },
        )
    )
    return touch


def _subject_of(session: Session, path: str) -> tuple[int | None, int | None]:
    """(series id, episode id) a landing path is about: /series/<slug> or /watch/<id>."""
    parts = [part for part in path.split("/") if part]
    if len(parts) != 2:
        return None, None
    kind, value = parts
    if kind == "series":
        return session.exec(select(Series.id).where(Series.slug == value)).first(), None
    if kind == "watch" and value.isdigit() and 0 < int(value) <= MAX_ID:
        series_id = session.exec(
            select(Season.series_id)
            .join(Episode, col(Episode.season_id) == col(Season.id))
            .where(Episode.id == int(value))
        ).first()
        return (series_id, int(value)) if series_id is not None else (None, None)
    return None, None


def record_landing(
    session: Session,
    *,
    anonymous_id: str,
    path: str,
    query: Mapping[str, str],
    user_id: int | None = None,
    referrer: str | None = None,
    own_host: str = "",
    now: datetime | None = None,
) -> AttributionTouch | None:
    """A page opened with UTM parameters is a touch (once per reload window); None otherwise."""
    utm = clean_utm({name: value.strip() for name, value in query.items()})
    if not utm.get("utm_source") and not utm.get("utm_campaign"):
        return None
    now = now or utcnow()
    reloaded = session.exec(
        select(AttributionTouch.id).where(
            col(AttributionTouch.anonymous_id) == anonymous_id,
            col(AttributionTouch.landing_path) == path[:PATH_MAX],
            col(AttributionTouch.utm_source) == utm.get("utm_source"),
            col(AttributionTouch.utm_campaign) == utm.get("utm_campaign"),
            col(AttributionTouch.occurred_at) > now - RELOAD_WINDOW,
        )
    ).first()
    if reloaded is not None:
        return None
    series_id, episode_id = _subject_of(session, path)
    arrival = Arrival(
        anonymous_id=anonymous_id,
        landing_path=path,
        user_id=user_id,
        series_id=series_id,
        episode_id=episode_id,
        utm=utm,
        referrer_host=referrer_host(referrer, own_host),
    )
    return record_touch(session, arrival, now=now)


def join_account(
    session: Session,
    *,
    anonymous_id: str,
    user_id: int,
    signed_up: bool,
    now: datetime | None = None,
) -> None:
    """The visitor is this account from now on: their touches become the account's; at
    sign-up, their latest touch becomes the sign-up's attribution."""
    now = now or utcnow()
    session.execute(
        sa.update(AttributionTouch)
        .where(
            col(AttributionTouch.anonymous_id) == anonymous_id,
            col(AttributionTouch.user_id).is_(None),
        )
        .values(user_id=user_id)
    )
    update: dict[str, object] = {"user_id": user_id, "updated_at": now}
    values: dict[str, object] = {"anonymous_id": anonymous_id, **update}
    if signed_up:
        values["signed_up_at"] = update["signed_up_at"] = now
        update["signup_touch_id"] = col(VisitorAttribution.last_touch_id)
    session.execute(
        insert(VisitorAttribution)
        .values(**values)
        .on_conflict_do_update(index_elements=["anonymous_id"], set_=update)
    )


def stamp_for(
    session: Session, user_id: int, *, now: datetime | None = None
) -> tuple[int | None, int | None]:
    """(first touch id, last touch id) of an account up to now, over all its devices."""
    now = now or utcnow()
    mine = select(AttributionTouch.id).where(
        col(AttributionTouch.user_id) == user_id, col(AttributionTouch.occurred_at) <= now
    )
    first = session.exec(
        mine.order_by(col(AttributionTouch.occurred_at), col(AttributionTouch.id)).limit(1)
    ).first()
    last = session.exec(
        mine.order_by(
            col(AttributionTouch.occurred_at).desc(), col(AttributionTouch.id).desc()
        ).limit(1)
    ).first()
    return first, last
