"""Likes on comments: at most one per viewer and comment, with an exact count on the comment.

The like row and the count change in one statement: a CTE inserts the row (ON CONFLICT DO
NOTHING) or deletes it, and the UPDATE of `comments.like_count` adds or takes away only as many
rows as the CTE touched. Liking twice, unliking what was not liked, or two tabs racing each
other therefore never miscount: the second writer waits for the first one's row and then
touches nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.dml import ReturningDelete, ReturningInsert
from sqlmodel import Session, col

from microshort.errors import NotFound
from microshort.ratelimit import COMMENT_LIKES_PER_MINUTE, RateLimiter
from microshort.realtime.comments import active_user, limit_rate, require_shown
from microshort.realtime.models import Comment, CommentLike


def like_comment(
    session: Session, *, user_id: int | None, comment_id: int, liked: bool, limiter: RateLimiter
) -> int:
    """Like (or unlike) a comment the viewer can see; returns its new like count."""
    user_id = active_user(session, user_id, "like comments")
    require_shown(session, comment_id=comment_id, viewer_id=user_id)
    limit_rate(limiter, (COMMENT_LIKES_PER_MINUTE,), "comment-like", user_id, "likes")
    changed = (_insert if liked else _delete)(comment_id, user_id).cte("changed")
    rows = sa.select(sa.func.count()).select_from(changed).scalar_subquery()
    count = session.execute(
        sa.update(Comment)
        .where(col(Comment.id) == comment_id)
        .values(like_count=col(Comment.like_count) + (rows if liked else -rows))
        .returning(col(Comment.like_count))
    ).scalar_one_or_none()
    if count is None:  # deleted since require_shown
        raise NotFound("This comment is gone.")
    return int(count)


def _insert(comment_id: int, user_id: int) -> ReturningInsert[tuple[int]]:
    return (
        insert(CommentLike)
        .values(comment_id=comment_id, user_id=user_id)
        .on_conflict_do_nothing()
        .returning(col(CommentLike.comment_id))
    )


def _delete(comment_id: int, user_id: int) -> ReturningDelete[tuple[int]]:
    return (
        sa.delete(CommentLike)
        .where(col(CommentLike.comment_id) == comment_id, col(CommentLike.user_id) == user_id)
        .returning(col(CommentLike.comment_id))
    )
