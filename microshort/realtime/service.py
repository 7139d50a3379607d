"""Writes for live rooms: fn(session, *, ...), no web framework."""

from __future__ import annotations

from sqlmodel import Session

from microshort.errors import InvalidInput
from microshort.realtime.models import Reaction


def save_reaction(
    session: Session,
    *,
    episode_id: int,
    user_id: int | None,
    anonymous_id: str | None,
    emoji: str,
    timestamp_ms: int,
) -> int:
    """Insert one reaction at a point of the episode's timeline; returns its id."""
    if user_id is None and not anonymous_id:
        raise InvalidInput("A reaction needs a viewer.")
    reaction = Reaction(
        episode_id=episode_id,
        user_id=user_id,
        anonymous_id=None if user_id is not None else anonymous_id,
        emoji=emoji,
        timestamp_ms=timestamp_ms,
    )
    session.add(reaction)
    session.flush()
    assert reaction.id is not None
    return reaction.id
