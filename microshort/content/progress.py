"""Where each viewer stopped: saved every few seconds by the player, read to resume."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, select

from microshort.analytics.events import record_episode_event
from microshort.content.models import WatchProgress
from microshort.db import utcnow
from microshort.errors import InvalidInput

COMPLETE_WITHIN_SECONDS = 3.0


def save_progress(
    session: Session,
    *,
    episode_id: int,
    user_id: int | None,
    anonymous_id: str | None,
    position: float,
    duration: float,
) -> None:
    if user_id is None and not anonymous_id:
        raise InvalidInput("Progress needs a viewer.")
    if not (0 <= position <= 24 * 3600) or not (0 <= duration <= 24 * 3600):
        raise InvalidInput("That is not a position in the episode.")
    completed = duration > 0 and position >= duration - COMPLETE_WITHIN_SECONDS
    values = {
        "episode_id": episode_id,
        "position_seconds": round(position, 1),
        "completed": completed,
        "updated_at": utcnow(),
    }
    if user_id is not None:
        statement = insert(WatchProgress).values(user_id=user_id, **values)
        target = ["user_id", "episode_id"]
    else:
        statement = insert(WatchProgress).values(anonymous_id=anonymous_id, **values)
        target = ["anonymous_id", "episode_id"]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=target,
            set_={
                "position_seconds": statement.excluded.position_seconds,
                "completed": statement.excluded.completed,
                "updated_at": statement.excluded.updated_at,
            },
        )
    )
    if completed:  # counted once per viewer and episode every 30 minutes
        record_episode_event(
            session, "episode_complete", episode_id, user_id=user_id, anonymous_id=anonymous_id
        )


def resume_at(
    session: Session, *, episode_id: int, user_id: int | None, anonymous_id: str | None
) -> float:
    """Seconds to resume from; 0 for a finished or never-started episode."""
    query = select(WatchProgress).where(WatchProgress.episode_id == episode_id)
    if user_id is not None:
        query = query.where(WatchProgress.user_id == user_id)
    elif anonymous_id:
        query = query.where(WatchProgress.anonymous_id == anonymous_id)
    else:
        return 0.0
    found = session.exec(query).first()
    if found is None or found.completed:
        return 0.0
    return float(found.position_seconds)
