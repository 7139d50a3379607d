"""Timestamped comments on an episode: post, list for a viewer, and the creator's hide and pin.

Bodies are plain text; the UI shows them escaped. Moderation rights are checked here: the owner
of the episode's series (or an admin) may hide and pin. Comments holding one of the creator's
banned words are filtered in SQL when read (see banned_words.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from limits import RateLimitItem
from sqlmodel import Session, col, func, select

from microshort.admin import audit
from microshort.content.models import Episode, Season, Series
from microshort.content.ownership import oversees_series
from microshort.content.playback import episode_context, may_watch, published_episode
from microshort.db import utcnow
from microshort.errors import DomainError, Forbidden, InvalidInput, NotFound
from microshort.ratelimit import COMMENTS_PER_HOUR, COMMENTS_PER_MINUTE, RateLimiter
from microshort.realtime.banned_words import banned_pattern
from microshort.realtime.labels import age_label, moment_label
from microshort.realtime.models import Comment, CommentLike, CommentStatus
from microshort.realtime.schemas import CommentItem, CommentPage
from microshort.typed_input import user_id_of, user_int, user_text
from microshort.users.models import CreatorProfile, User, UserStatus
from microshort.users.permissions import NotSignedIn

MAX_BODY = 500
PAGE_SIZE = 50
END_SLACK_MS = 2_000  # the player may report a moment a little past the stored duration
Sort = Literal["moment", "newest"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class RateLimited(DomainError):
    """Too many comments or likes: the message says how long to wait."""


def clean_body(body: str) -> str:
    text = _CONTROL.sub("", user_text(body, field="body")).strip()
    if not text:
        raise InvalidInput("Write something first.", field="body")
    if len(text) > MAX_BODY:
        raise InvalidInput(
            f"Comments are at most {MAX_BODY} characters (this one has {len(text)}).",
            field="body",
        )
    return text


def limit_rate(
    limiter: RateLimiter, rules: Sequence[RateLimitItem], key: str, user_id: int, what: str
) -> None:
    """Count one attempt against every rule, or raise 'Too many {what}. Try again in …'."""
    for rule in rules:
        decision = limiter.check(rule, key, str(user_id))
        if not decision.allowed:
            raise RateLimited(decision.message(what))
    for rule in rules:
        limiter.hit(rule, key, str(user_id))


def active_user(session: Session, user_id: int | None, action: str) -> int:
    """The signed-in, active user's id, or 'Sign in to {action}.' / 'This account cannot …'."""
    if user_id is None:
        raise NotSignedIn(f"Sign in to {action}.")
    user = session.get(User, user_id)
    if user is None or user.status != UserStatus.ACTIVE:
        raise Forbidden(f"This account cannot {action}.")
    return user_id


def post_comment(
    session: Session,
    *,
    user_id: int | None,
    episode_id: int,
    body: str,
    timestamp_ms: int,
    limiter: RateLimiter,
) -> int:
    """Save a comment at a moment of the episode (the viewer must be allowed to watch it)."""
    user_id = active_user(session, user_id, "comment")
    episode_id = user_id_of(episode_id, what="This episode")
    text = clean_body(body)
    timestamp_ms = user_int(timestamp_ms, field="timestamp", low=-(2**31), high=2**31 - 1)
    if timestamp_ms < 0:
        raise InvalidInput("That moment is not on the episode's timeline.", field="timestamp")
    context = episode_context(session, episode_id)
    if context is None:
        raise NotFound("This episode is not available.")
    if not may_watch(session, context, user_id):
        raise Forbidden("Unlock this episode to comment on it.")
    duration_ms = (context.episode.duration_seconds or 0) * 1000
    if duration_ms:
        if timestamp_ms > duration_ms + END_SLACK_MS:
            raise InvalidInput("That moment is past the end of the episode.", field="timestamp")
        timestamp_ms = min(timestamp_ms, duration_ms)
    limit_rate(limiter, (COMMENTS_PER_MINUTE, COMMENTS_PER_HOUR), "comment", user_id, "comments")
    comment = Comment(episode_id=episode_id, user_id=user_id, body=text, timestamp_ms=timestamp_ms)
    session.add(comment)
    session.flush()
    assert comment.id is not None
    return comment.id


@dataclass(frozen=True)
class _Thread:
    series: Series
    pattern: str | None  # the creator's banned words as one expression


def _thread(session: Session, episode_id: int) -> _Thread | None:
    """The episode's series and banned words, if the episode is published."""
    row = session.exec(
        select(Series, CreatorProfile.banned_words)
        .join(Season, col(Season.series_id) == col(Series.id))
        .join(Episode, col(Episode.season_id) == col(Season.id))
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .where(*published_episode(episode_id))
    ).first()
    if row is None:
        return None
    series, words = row
    return _Thread(series=series, pattern=banned_pattern(list(words or [])))


def _held(pattern: str | None) -> Any:
    return col(Comment.body).bool_op("~*")(pattern) if pattern else sa.false()


def _shown(episode_id: int, viewer_id: int | None, moderator: bool, held: Any) -> Any:
    """Visible ones without banned words; the viewer's own; hidden ones for moderators."""
    visible = col(Comment.status) == CommentStatus.VISIBLE
    cases = [visible & sa.not_(held)]
    if viewer_id:
        cases.append(visible & (col(Comment.user_id) == viewer_id))
    if moderator:
        cases.append(col(Comment.status) == CommentStatus.HIDDEN)
    return (col(Comment.episode_id) == episode_id) & sa.or_(*cases)


def _liked_by(viewer_id: int | None) -> Any:
    if not viewer_id:
        return sa.false()
    return sa.exists().where(
        col(CommentLike.comment_id) == col(Comment.id), col(CommentLike.user_id) == viewer_id
    )


def require_shown(session: Session, *, comment_id: int, viewer_id: int | None) -> None:
    """NotFound unless this viewer sees the comment as a viewer does (hidden ones excluded, even
    for moderators) on a published episode."""
    comment_id = user_id_of(comment_id, what="This comment")
    episode_id = session.exec(select(Comment.episode_id).where(Comment.id == comment_id)).first()
    thread = _thread(session, episode_id) if episode_id is not None else None
    if episode_id is not None and thread is not None:
        shown = _shown(episode_id, viewer_id, moderator=False, held=_held(thread.pattern))
        if session.exec(select(Comment.id).where(Comment.id == comment_id, shown)).first():
            return
    raise NotFound("This comment is gone.")


def list_comments(
    session: Session,
    *,
    episode_id: int,
    viewer_id: int | None,
    sort: Sort = "moment",
    limit: int = PAGE_SIZE,
    now: datetime | None = None,
) -> CommentPage:
    """One page for this viewer: pinned first, then by moment in the episode or newest."""
    thread = _thread(session, episode_id)
    if thread is None:
        return CommentPage()
    moderator = oversees_series(session, viewer_id, thread.series)
    held = _held(thread.pattern)
    shown = _shown(episode_id, viewer_id, moderator, held)
    order = (
        [col(Comment.timestamp_ms), col(Comment.id)]
        if sort == "moment"
        else [col(Comment.created_at).desc(), col(Comment.id).desc()]
    )
    rows = session.exec(
        select(Comment, User.display_name, held.label("held"), _liked_by(viewer_id).label("liked"))
        .join(User, col(User.id) == col(Comment.user_id), isouter=True)
        .where(shown)
        .order_by(col(Comment.pinned).desc(), *order)
        .limit(max(1, limit) + 1)
    ).all()
    total = session.exec(select(func.count()).select_from(Comment).where(shown)).one()
    moment_now = now or utcnow()
    items = [
        CommentItem(
            id=comment.id or 0,
            author=author or "Former viewer",
            body=comment.body,
            timestamp_ms=comment.timestamp_ms,
            seconds=comment.timestamp_ms / 1000,
            moment=moment_label(comment.timestamp_ms),
            age=age_label(comment.created_at, moment_now),
            pinned=comment.pinned,
            hidden=comment.status == CommentStatus.HIDDEN,
            held=bool(is_held),
            mine=viewer_id is not None and comment.user_id == viewer_id,
            can_moderate=moderator,
            likes=comment.like_count,
            liked=bool(liked),
        )
        for comment, author, is_held, liked in rows[: max(1, limit)]
    ]
    return CommentPage(
        items=items, total=total, has_more=len(rows) > max(1, limit), can_moderate=moderator
    )


def comment_count(session: Session, *, episode_id: int, viewer_id: int | None) -> int:
    """How many comments this viewer sees on the episode (the rail badge)."""
    return list_comments(session, episode_id=episode_id, viewer_id=viewer_id, limit=1).total


def _moderated(session: Session, user_id: int, comment_id: int) -> Comment:
    comment_id = user_id_of(comment_id, what="This comment")
    row = session.exec(
        select(Comment, Series)
        .join(Episode, col(Episode.id) == col(Comment.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(Comment.id == comment_id, Comment.status != CommentStatus.REMOVED)
        .with_for_update(of=Comment)
    ).first()
    if row is None:
        raise NotFound("This comment is gone.")
    comment, series = row
    if not oversees_series(session, user_id, series):
        raise Forbidden("Only the creator of this series can moderate its comments.")
    return comment


def set_hidden(session: Session, *, user_id: int, comment_id: int, hidden: bool) -> None:
    """The creator hides a comment from everyone (or shows it again); hiding unpins it."""
    comment = _moderated(session, user_id, comment_id)
    comment.status = CommentStatus.HIDDEN if hidden else CommentStatus.VISIBLE
    comment.pinned = comment.pinned and not hidden
    session.add(comment)
    action = "comment.hide" if hidden else "comment.unhide"
    audit.record(
        session, actor_id=user_id, action=action, target_type="comment", target_id=comment.id
    )
    session.flush()


def set_pinned(session: Session, *, user_id: int, comment_id: int, pinned: bool) -> None:
    """The creator pins one comment to the top of the episode's list (unpinning any other)."""
    comment = _moderated(session, user_id, comment_id)
    if pinned and comment.status != CommentStatus.VISIBLE:
        raise InvalidInput("Show this comment again before pinning it.")
    if pinned:
        session.execute(
            sa.update(Comment)
            .where(
                col(Comment.episode_id) == comment.episode_id,
                col(Comment.pinned).is_(True),
                col(Comment.id) != comment.id,
            )
            .values(pinned=False)
        )
    comment.pinned = pinned
    session.add(comment)
    action = "comment.pin" if pinned else "comment.unpin"
    audit.record(
        session, actor_id=user_id, action=action, target_type="comment", target_id=comment.id
    )
    session.flush()
