"""A viewer applies; an admin approves or rejects with a reason; the applicant is told."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from microshort.admin.models import AuditLog
from microshort.errors import Forbidden, InvalidInput
from microshort.notify.models import EmailOutbox, Notification
from microshort.users import creators
from microshort.users.models import CreatorProfile, Role, User


def _user(session: Session, email: str, role: str = Role.VIEWER) -> User:
    user = User(email=email, display_name=email.split("@")[0], role=role)
    session.add(user)
    session.flush()
    return user


def _apply(session: Session, user: User, slug: str = "night-owl") -> CreatorProfile:
    return creators.apply(
        session,
        user_id=user.id or 0,
        display_name="Night Owl",
        slug=slug,
        bio="Short thrillers.",
        links=["https://tiktok.com/@owl", ""],
    )


def test_approval_makes_a_creator_and_tells_them(session: Session) -> None:
    viewer, admin = _user(session, "v@example.com"), _user(session, "a@example.com", "admin")
    profile = _apply(session, viewer)
    assert [item.slug for item in creators.applications(session)] == ["night-owl"]
    creators.approve(
        session, admin_id=admin.id or 0, profile_id=profile.id or 0, base_url="http://app.test"
    )
    assert session.get_one(User, viewer.id).role == Role.CREATOR
    assert creators.applications(session) == []
    notice = session.exec(select(Notification).where(Notification.user_id == viewer.id)).one()
    assert notice.link == "/studio"
    mail = session.exec(select(EmailOutbox).where(EmailOutbox.to_address == "v@example.com")).one()
    assert "http://app.test/studio" in mail.body_text
    assert session.exec(select(AuditLog.action)).all() == ["creator.approve"]


def test_rejection_needs_a_reason_and_allows_a_new_try(session: Session) -> None:
    viewer, admin = _user(session, "v@example.com"), _user(session, "a@example.com", "admin")
    profile = _apply(session, viewer)
    with pytest.raises(InvalidInput, match="why"):
        creators.reject(session, admin_id=admin.id or 0, profile_id=profile.id or 0, reason="")
    creators.reject(
        session,
        admin_id=admin.id or 0,
        profile_id=profile.id or 0,
        reason="Please link to work you made.",
    )
    assert session.get_one(User, viewer.id).role == Role.VIEWER
    notice = session.exec(select(Notification).where(Notification.user_id == viewer.id)).one()
    assert "Please link to work you made." in notice.body
    again = _apply(session, viewer)
    assert again.id == profile.id
    assert again.approval_status == "pending"


def test_only_admins_review(session: Session) -> None:
    viewer, other = _user(session, "v@example.com"), _user(session, "o@example.com", "creator")
    profile = _apply(session, viewer)
    with pytest.raises(Forbidden):
        creators.approve(
            session, admin_id=other.id or 0, profile_id=profile.id or 0, base_url="http://app.test"
        )
    with pytest.raises(Forbidden):
        creators.reject(
            session, admin_id=viewer.id or 0, profile_id=profile.id or 0, reason="nope nope"
        )


@pytest.mark.parametrize(
    ("slug", "message"),
    [("ab", "3 to 40"), ("Bad Slug!", "3 to 40"), ("admin", "reserved"), ("taken-one", "taken")],
)
def test_bad_applications(session: Session, slug: str, message: str) -> None:
    _apply(session, _user(session, "first@example.com"), slug="taken-one")
    with pytest.raises(InvalidInput, match=message):
        _apply(session, _user(session, "second@example.com"), slug=slug)


def test_links_must_be_web_addresses(session: Session) -> None:
    with pytest.raises(InvalidInput, match="not a web address"):
        creators.apply(
            session,
            user_id=_user(session, "x@example.com").id or 0,
            display_name="X",
            slug="x-films",
            bio="",
            links=["javascript:alert(1)"],
        )
