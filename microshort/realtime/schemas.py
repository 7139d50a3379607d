"""Read models of comments handed to the UI (plain data: the body is plain text, never markup)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CommentItem:
    id: int
    author: str
    body: str
    timestamp_ms: int
    seconds: float  # timestamp_ms / 1000, for seeking the player
    moment: str  # "at 1:23"
    age: str  # "5 min ago"
    pinned: bool
    hidden: bool  # hidden by the creator (only moderators see these)
    held: bool  # holds one of the creator's banned words (only its author sees it)
    mine: bool
    can_moderate: bool
    likes: int
    liked: bool  # by this viewer


@dataclass(frozen=True)
class CommentPage:
    items: list[CommentItem] = field(default_factory=list)
    total: int = 0  # every comment this viewer may see on the episode
    has_more: bool = False
    can_moderate: bool = False
