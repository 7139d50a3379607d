"""The five kinds of visitor every access test runs as, each with a real session token."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from microshort.users import sessions
from microshort.users.models import ApprovalStatus, CreatorProfile, Role, User
from microshort.users.schemas import CurrentUser

PRINCIPALS = ("anonymous", "viewer", "creator", "other_creator", "admin")


@dataclass(frozen=True)
class Principal:
    name: str
    token: str | None
    user: CurrentUser | None


def make_principals(session: Session) -> dict[str, Principal]:
    made = {"anonymous": Principal("anonymous", None, None)}
    for name, role in (
        ("viewer", Role.VIEWER),
        ("creator", Role.CREATOR),
        ("other_creator", Role.CREATOR),
        ("admin", Role.ADMIN),
    ):
        user = User(email=f"{name.replace('_', '-')}@example.com", display_name=name, role=role)
        session.add(user)
        session.flush()
        if role == Role.CREATOR:
            session.add(
                CreatorProfile(
                    user_id=user.id or 0,
                    slug=f"{name.replace('_', '-')}-studio",
                    display_name=name,
                    approval_status=ApprovalStatus.APPROVED,
                )
            )
            session.flush()
        token = sessions.create(session, user_id=user.id or 0, days=30)
        made[name] = Principal(name, token, sessions.resolve(session, token, days=30))
    return made
