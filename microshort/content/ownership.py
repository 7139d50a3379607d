"""Who stands behind a series: its own creator, and the admins who oversee every series.

They watch every episode without paying (playback.may_watch) and moderate its comments.
"""

from __future__ import annotations

from sqlmodel import Session

from microshort.content.models import Series
from microshort.users.models import ApprovalStatus, CreatorProfile, Role, User, UserStatus


def _active_user(session: Session, user_id: int | None) -> User | None:
    user = session.get(User, user_id) if user_id else None
    return user if user is not None and user.status == UserStatus.ACTIVE else None


def _is_owner(session: Session, user: User, series: Series) -> bool:
    profile = session.get(CreatorProfile, series.creator_id)
    return (
        user.role == Role.CREATOR
        and profile is not None
        and profile.user_id == user.id
        and profile.approval_status == ApprovalStatus.APPROVED
    )


def owns_series(session: Session, user_id: int | None, series: Series) -> bool:
    """The approved creator whose profile owns the series."""
    user = _active_user(session, user_id)
    return user is not None and _is_owner(session, user, series)


def oversees_series(session: Session, user_id: int | None, series: Series) -> bool:
    """Admins, and the series' own creator."""
    user = _active_user(session, user_id)
    return user is not None and (user.role == Role.ADMIN or _is_owner(session, user, series))
