"""Demo watch progress, as the player would have saved it.

A finished episode is marked finished at its end; an unfinished one stops before the player's
"finished" mark; a locked episode is only watched by a viewer who owns its season. A viewer
drawn to a locked episode they do not own stopped at the paywall instead: the series' last free
episode, watched to the end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.content.models import Episode, Season, Series, WatchProgress
from microshort.content.pricing import is_locked
from microshort.content.progress import COMPLETE_WITHIN_SECONDS
from microshort.payments.pricing import owned_season_ids
from microshort.users.models import User


@dataclass(frozen=True)
class Watch:
    user_id: int
    episode_id: int
    share: float  # how far into the episode the viewer got, 0..1
    updated_at: datetime


@dataclass(frozen=True)
class _Place:
    series_id: int
    season_id: int
    duration: int
    locked: bool


def plan_watches(
    rng: random.Random, now: datetime, viewer: User, episodes: list[Episode]
) -> list[Watch]:
    """Three episodes the viewer started, and how far they got (a share: durations change)."""
    watches = []
    for episode in rng.sample(episodes, 3):
        duration = episode.duration_seconds or 90
        share = rng.randint(5, duration) / duration
        when = now - timedelta(hours=rng.randint(1, 24 * 30))
        watches.append(Watch(viewer.id or 0, episode.id or 0, share, when))
    return watches


def add_progress(session: Session, watches: list[Watch]) -> None:
    """Save the watches once the episodes have their final durations and viewers their purchases."""
    places, last_free = _places(session)
    owned: dict[int, set[int]] = {}
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for watch in watches:
        if watch.user_id not in owned:
            owned[watch.user_id] = owned_season_ids(session, watch.user_id)
        episode_id, share = watch.episode_id, watch.share
        place = places[episode_id]
        if place.locked and place.season_id not in owned[watch.user_id]:
            if place.series_id not in last_free:
                continue
            episode_id, share = last_free[place.series_id], 1.0
        row = _row(watch, episode_id, share, places[episode_id].duration)
        rows.setdefault((watch.user_id, episode_id), row)
    if rows:
        session.execute(sa.insert(WatchProgress), list(rows.values()))


def _row(watch: Watch, episode_id: int, share: float, duration: int) -> dict[str, Any]:
    position = round(share * duration, 1)
    finished = position >= duration - COMPLETE_WITHIN_SECONDS  # the player's rule
    return {
        "user_id": watch.user_id,
        "episode_id": episode_id,
        "position_seconds": float(duration) if finished else position,
        "completed": finished,
        "updated_at": watch.updated_at,
    }


def _places(session: Session) -> tuple[dict[int, _Place], dict[int, int]]:
    """Every episode's place (locked or not: numbered across its series), and each series' last
    free episode."""
    rows = session.exec(
        select(Episode, Series)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .order_by(col(Series.id), col(Season.number), col(Episode.number))
    ).all()
    positions: dict[int, int] = {}
    places: dict[int, _Place] = {}
    last_free: dict[int, int] = {}
    for episode, series in rows:
        series_id, episode_id = series.id or 0, episode.id or 0
        position = positions[series_id] = positions.get(series_id, 0) + 1
        places[episode_id] = _Place(
            series_id,
            episode.season_id,
            episode.duration_seconds or 0,
            is_locked(position, series.free_episode_count),
        )
        if position == series.free_episode_count:
            last_free[series_id] = episode_id
    return places, last_free
