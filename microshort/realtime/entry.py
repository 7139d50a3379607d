"""Entering an episode's live room: a ticket for a viewer the episode plays for, and its heat."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from microshort.content.playback import episode_context, may_watch, viewer_key
from microshort.realtime.replay import heat_strip
from microshort.realtime.tickets import issue_ticket


@dataclass(frozen=True)
class RoomEntry:
    ticket: str
    heat: list[float] = field(default_factory=list)  # reaction density along the episode, 0..1


def enter_room(
    session: Session,
    *,
    episode_id: int,
    user_id: int | None,
    anonymous_id: str | None,
    secret: bytes,
) -> RoomEntry | None:
    """None when the episode is not published or this viewer may not watch it (the paywall):
    no ticket, no socket."""
    context = episode_context(session, episode_id)
    viewer = viewer_key(user_id, anonymous_id)
    if context is None or viewer is None or not may_watch(session, context, user_id):
        return None
    seconds = (context.asset.duration_seconds if context.asset else None) or (
        context.episode.duration_seconds or 0
    )
    heat = heat_strip(session, episode_id=episode_id, duration_ms=int(seconds * 1000))
    return RoomEntry(ticket=issue_ticket(secret, episode_id=episode_id, viewer=viewer), heat=heat)
