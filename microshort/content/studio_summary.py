"""The studio dashboard: one creator's last 7 days against the 7 before, and what needs fixing.

A handful of aggregate queries, whatever the number of episodes; the caller passes the
creator's profile id taken from the signed-in user, so only their own series count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.models import AnalyticsEvent
from microshort.content.editor import publication_problems
from microshort.content.models import (
    Episode,
    EpisodeStatus,
    Season,
    Series,
    SeriesStatus,
    WatchProgress,
)
from microshort.content.pricing import format_price
from microshort.payments.models import RevenueSplit, SplitDirection, SplitParty
from microshort.social.models import Follow

WEEK = timedelta(days=7)
STUCK_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class Change:
    """A figure for the last 7 days and for the 7 days before."""

    current: int
    previous: int


@dataclass(frozen=True)
class WeekFigures:
    views: Change  # 'episode_start' events on the creator's series
    viewers: Change  # distinct signed-in users or anonymous ids among those starts
    watched_seconds: Change  # furthest position reached, in progress rows touched that week
    new_followers: Change
    earnings_cents: dict[str, Change]  # creator's net split (credits - debits) per currency


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # "failed" | "stuck" | "unpublishable"
    title: str
    detail: str
    href: str


def _windows(column: Any, now: datetime) -> tuple[Any, Any]:
    """(in the last 7 days, in the 7 days before) conditions on a timestamp column."""
    return (column > now - WEEK) & (column <= now), (column > now - 2 * WEEK) & (
        column <= now - WEEK
    )


def _pair(row: Any) -> Change:
    return Change(int(row[0] or 0), int(row[1] or 0))


def week_figures(session: Session, creator_id: int, now: datetime) -> WeekFigures:
    owned = Series.creator_id == creator_id
    since = now - 2 * WEEK

    current, previous = _windows(col(AnalyticsEvent.occurred_at), now)
    viewer = sa.func.coalesce(sa.cast(AnalyticsEvent.user_id, sa.Text), AnalyticsEvent.anonymous_id)
    events = session.execute(
        select(
            sa.func.count().filter(current),
            sa.func.count().filter(previous),
            sa.func.count(sa.distinct(viewer)).filter(current),
            sa.func.count(sa.distinct(viewer)).filter(previous),
        )
        .select_from(AnalyticsEvent)
        .join(Series, col(Series.id) == col(AnalyticsEvent.series_id))
        .where(owned, AnalyticsEvent.name == "episode_start", AnalyticsEvent.occurred_at > since)
    ).one()

    current, previous = _windows(col(WatchProgress.updated_at), now)
    seconds = col(WatchProgress.position_seconds)
    watched = session.execute(
        select(sa.func.sum(seconds).filter(current), sa.func.sum(seconds).filter(previous))
        .select_from(WatchProgress)
        .join(Episode, col(Episode.id) == col(WatchProgress.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(owned, WatchProgress.updated_at > since)
    ).one()

    current, previous = _windows(col(Follow.created_at), now)
    follows = session.execute(
        select(sa.func.count().filter(current), sa.func.count().filter(previous))
        .select_from(Follow)
        .join(Series, col(Series.id) == col(Follow.series_id))
        .where(owned, Follow.created_at > since)
    ).one()

    return WeekFigures(
        views=_pair(events[0:2]),
        viewers=_pair(events[2:4]),
        watched_seconds=_pair(watched),
        new_followers=_pair(follows),
        earnings_cents=_earnings(session, creator_id, now),
    )


def _earnings(session: Session, creator_id: int, now: datetime) -> dict[str, Change]:
    current, previous = _windows(col(RevenueSplit.created_at), now)
    signed = sa.case(
        (col(RevenueSplit.direction) == SplitDirection.CREDIT, col(RevenueSplit.amount_cents)),
        else_=-col(RevenueSplit.amount_cents),
    )
    rows = session.execute(
        select(
            RevenueSplit.currency,
            sa.func.sum(signed).filter(current),
            sa.func.sum(signed).filter(previous),
        )
        .where(
            RevenueSplit.creator_id == creator_id,
            RevenueSplit.party == SplitParty.CREATOR,
            RevenueSplit.created_at > now - 2 * WEEK,
        )
        .group_by(col(RevenueSplit.currency))
    ).all()
    return {str(row[0]): _pair(row[1:]) for row in rows}


def needs_attention(session: Session, creator_id: int, now: datetime) -> list[AttentionItem]:
    """Failed uploads (with the reason), episodes processing for over an hour, and draft
    series that cannot be published yet (the editor's own publish check)."""
    rows = session.exec(
        select(Episode, col(Season.number), col(Series.title))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(
            Series.creator_id == creator_id,
            col(Series.deleted_at).is_(None),
            (col(Episode.status) == EpisodeStatus.FAILED)
            | (
                (col(Episode.status) == EpisodeStatus.PROCESSING)
                & (col(Episode.updated_at) < now - STUCK_AFTER)
            ),
        )
        .order_by(col(Series.title), col(Season.number), col(Episode.number))
    ).all()
    items = [
        AttentionItem(
            kind="failed" if episode.status == EpisodeStatus.FAILED else "stuck",
            title=f"{series_title} · S{season_number} Ep {episode.number}: {episode.title}",
            detail=(
                f"Upload failed: {episode.failure_reason or 'no reason given'}. Upload again."
                if episode.status == EpisodeStatus.FAILED
                else "Still processing after more than an hour. Check the video or re-upload."
            ),
            href=f"/studio/episodes/{episode.id}",
        )
        for episode, season_number, series_title in rows
    ]
    drafts = session.exec(
        select(Series.id, Series.title).where(
            Series.creator_id == creator_id,
            Series.status == SeriesStatus.DRAFT,
            col(Series.deleted_at).is_(None),
        )
    ).all()
    for series_id, title in drafts:
        problems = publication_problems(session, int(series_id or 0))
        if problems:
            items.append(
                AttentionItem(
                    kind="unpublishable",
                    title=f"{title}: not ready to publish",
                    detail=" ".join(problems),
                    href=f"/studio/series/{series_id}",
                )
            )
    return items


@dataclass(frozen=True)
class FigureCard:
    label: str
    value: str
    change: str  # "+12 % vs last week", "−5 % vs last week", "new" or ""
    trend: str  # "up" | "down" | "flat", for the colour


def change_label(change: Change) -> tuple[str, str]:
    if change.previous == 0:
        return ("new", "up") if change.current > 0 else ("", "flat")
    percent = round((change.current - change.previous) * 100 / change.previous)
    if percent > 0:
        return f"+{percent} % vs last week", "up"
    if percent < 0:
        return f"−{-percent} % vs last week", "down"
    return "same as last week", "flat"


def format_watch_time(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


def _money(cents: int, currency: str) -> str:
    return format_price(cents, currency) if cents >= 0 else "−" + format_price(-cents, currency)


def figure_cards(figures: WeekFigures) -> list[FigureCard]:
    def card(label: str, change: Change, value: str) -> FigureCard:
        return FigureCard(label, value, *change_label(change))

    earnings = figures.earnings_cents or {"USD": Change(0, 0)}
    return [
        card("Views", figures.views, f"{figures.views.current:,}"),
        card("Unique viewers", figures.viewers, f"{figures.viewers.current:,}"),
        card(
            "Watch time reached",
            figures.watched_seconds,
            format_watch_time(figures.watched_seconds.current),
        ),
        card("New followers", figures.new_followers, f"{figures.new_followers.current:,}"),
        *(
            card(f"Earnings ({currency})", change, _money(change.current, currency))
            for currency, change in sorted(earnings.items())
        ),
    ]
