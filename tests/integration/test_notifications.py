"""In-app notices: a user sees their own unread notices and only they can mark them read."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from microshort.errors import InvalidInput, NotFound
from microshort.notify.service import mark_read, notify, unread_notifications
from microshort.users.models import User


def _user(session: Session, email: str) -> int:
    user = User(email=email, display_name=email.split("@")[0])
    session.add(user)
    session.flush()
    return user.id or 0


def test_a_user_sees_their_unread_notices_newest_first(session: Session) -> None:
    ana, ben = _user(session, "ana@example.com"), _user(session, "ben@example.com")
    notify(session, user_id=ana, title="Welcome", body="Your account is ready.")
    notify(
        session,
        user_id=ana,
        title="Creator application approved",
        body="You can publish now.",
        link="/studio",
    )
    notify(session, user_id=ben, title="Not for Ana", body="Ben's notice.")

    items = unread_notifications(session, ana)

    assert [(i.title, i.link, i.unread) for i in items] == [
        ("Creator application approved", "/studio", True),
        ("Welcome", "", True),
    ]
    assert [i.title for i in unread_notifications(session, ben)] == ["Not for Ana"]


def test_only_the_owner_can_mark_a_notice_read(session: Session) -> None:
    ana, ben = _user(session, "ana2@example.com"), _user(session, "ben2@example.com")
    notice = notify(session, user_id=ana, title="New episode", body="Episode 4 is out.")
    notice_id = notice.id or 0

    with pytest.raises(NotFound):
        mark_read(session, ben, notice_id)
    assert [i.id for i in unread_notifications(session, ana)] == [notice_id]

    item = mark_read(session, ana, notice_id)
    assert item.read_at is not None
    assert not item.unread
    assert unread_notifications(session, ana) == []
    # Marking it again changes nothing.
    assert mark_read(session, ana, notice_id).read_at == item.read_at


def test_a_notice_deleted_with_its_user_and_links_stay_inside_the_app(session: Session) -> None:
    ana = _user(session, "ana3@example.com")
    for link in ("https://evil.example/phish", "//evil.example", "javascript:alert(1)"):
        with pytest.raises(InvalidInput):
            notify(session, user_id=ana, title="Click", body="Here", link=link)
    notice_id = notify(session, user_id=ana, title="Hi", body="There").id or 0
    user = session.get(User, ana)
    session.delete(user)
    session.flush()
    session.expunge_all()
    with pytest.raises(NotFound):
        mark_read(session, ana, notice_id)
