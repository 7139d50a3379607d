"""Writes and reads for live rooms (no web framework): reactions in, past reactions out."""

from __future__ import annotations

from limits import parse
from sqlmodel import Session

from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.ratelimit import Decision, rate_limiter
from microshort.realtime.models import Reaction
from microshort.realtime.protocol import ReactionFrame, ReplayFrame
from microshort.realtime.replay import ReplayItem, replay_window

REACTIONS_PER_SECOND = parse("10/second")
REACTIONS_PER_MINUTE = parse("120/minute")


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


def split_viewer(viewer: str) -> tuple[int | None, str | None]:
    """A ticket's viewer key ('u42' / 'a<anonymous id>') as (user_id, anonymous_id)."""
    if viewer.startswith("u"):
        return int(viewer[1:]), None
    return None, viewer[1:]


def react(episode_id: int, viewer: str, frame: ReactionFrame) -> int | Decision:
    """Rate-limit, then save and commit one live reaction: its id, or the refusing Decision."""
    limiter = rate_limiter()
    decision = limiter.hit(REACTIONS_PER_SECOND, "room-reaction", viewer)
    if decision.allowed:
        decision = limiter.hit(REACTIONS_PER_MINUTE, "room-reaction", viewer)
    if not decision.allowed:
        return decision
    user_id, anonymous_id = split_viewer(viewer)
    with session_scope() as session:
        return save_reaction(
            session,
            episode_id=episode_id,
            user_id=user_id,
            anonymous_id=anonymous_id,
            emoji=frame.emoji,
            timestamp_ms=frame.t,
        )


def past_reactions(episode_id: int, viewer: str, frame: ReplayFrame) -> list[ReplayItem]:
    """Other viewers' reactions in a window of the timeline (the viewer's own are left out)."""
    user_id, anonymous_id = split_viewer(viewer)
    with session_scope() as session:
        return replay_window(
            session,
            episode_id=episode_id,
            start_ms=frame.start_ms,
            end_ms=frame.end_ms,
            exclude_user_id=user_id,
            exclude_anonymous_id=anonymous_id,
        )
