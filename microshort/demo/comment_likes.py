"""Demo likes on comments: most comments have a few, a handful are an episode's favourites.

Likers are demo viewers, never the comment's author and never twice on one comment. The likes go
in with one bulk insert; each comment's `like_count` is then set from its rows in one UPDATE, so
the two agree the way realtime/comment_likes.py keeps them agreeing.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.models import Episode
from microshort.realtime.models import Comment, CommentLike
from microshort.users.models import User

POPULAR_SHARE = 0.05  # about one comment in twenty draws a crowd...
POPULAR_LIKES = (20, 60)  # ...of this many viewers, as far as there are demo viewers
FEW_LIKES_WEIGHTS = (40, 27, 19, 14)  # the rest: 0, 1, 2 or 3 likes


def add_comment_likes(
    session: Session,
    rng: random.Random,
    now: datetime,
    *,
    viewers: list[User],
    episodes: list[Episode],
) -> None:
    viewer_ids = [viewer.id or 0 for viewer in viewers]
    comments = session.execute(
        sa.select(col(Comment.id), col(Comment.user_id), col(Comment.created_at))
        .where(col(Comment.episode_id).in_([episode.id for episode in episodes]))
        .order_by(col(Comment.id))
    ).all()
    likes: list[dict[str, Any]] = []
    for comment_id, author_id, posted_at in comments:
        others = [viewer_id for viewer_id in viewer_ids if viewer_id != author_id]
        for user_id in rng.sample(others, _how_many_likes(rng, len(others))):
            liked_at = posted_at + (now - posted_at) * rng.random()
            likes.append({"comment_id": comment_id, "user_id": user_id, "created_at": liked_at})
    if likes:
        session.execute(sa.insert(CommentLike), likes)
        _count_likes(session, [comment_id for comment_id, _, _ in comments])


def _how_many_likes(rng: random.Random, possible_likers: int) -> int:
    if rng.random() < POPULAR_SHARE:
        low, high = POPULAR_LIKES
        return rng.randint(min(low, possible_likers), min(high, possible_likers))
    few = rng.choices(range(len(FEW_LIKES_WEIGHTS)), weights=FEW_LIKES_WEIGHTS)[0]
    return min(few, possible_likers)


def _count_likes(session: Session, comment_ids: list[int]) -> None:
    """Set these comments' like_count to their number of like rows, in one statement."""
    rows = (
        sa.select(col(CommentLike.comment_id), sa.func.count().label("likes"))
        .where(col(CommentLike.comment_id).in_(comment_ids))
        .group_by(col(CommentLike.comment_id))
        .subquery()
    )
    session.execute(
        sa.update(Comment)
        .where(col(Comment.id) == rows.c.comment_id)
        .values(like_count=rows.c.likes)
        .execution_options(synchronize_session=False)  # none of these comments is loaded
    )
