"""Who gets a room ticket: viewers the episode plays for, never past the paywall without it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from microshort.bootstrap import install_entitlements
from microshort.content.playback import set_entitlement_check
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider
from microshort.realtime.entry import enter_room
from microshort.realtime.service import save_reaction
from microshort.realtime.tickets import read_ticket
from tests.payments_support import NOW, make_viewer, priced_series, purchase

SECRET = b"k" * 48


@pytest.fixture(autouse=True)
def hook() -> Iterator[None]:
    install_entitlements()
    yield
    set_entitlement_check(None)


def test_a_free_episode_admits_anyone_with_a_ticket_for_that_episode(session: Session) -> None:
    free = priced_series(session).episodes[0][0]
    entry = enter_room(
        session, episode_id=free.id or 0, user_id=None, anonymous_id="visitor-0001", secret=SECRET
    )
    assert entry is not None
    ticket = read_ticket(SECRET, entry.ticket)
    assert ticket is not None
    assert (ticket.episode_id, ticket.viewer) == (free.id, "avisitor-0001")
    assert entry.heat == []  # nobody has reacted yet


def test_a_locked_episode_admits_only_viewers_who_unlocked_it(session: Session) -> None:
    catalogue = priced_series(session)
    locked = catalogue.episodes[0][-1]
    buyer, stranger = make_viewer(session), make_viewer(session)
    ledger.record_purchase(
        session,
        purchase(buyer, season=catalogue.seasons[0]),
        provider=PaymentProvider.LOCAL,
        platform_fee_percent=20,
        now=NOW,
    )

    def admits(user_id: int | None, anonymous_id: str | None = None) -> bool:
        entry = enter_room(
            session,
            episode_id=locked.id or 0,
            user_id=user_id,
            anonymous_id=anonymous_id,
            secret=SECRET,
        )
        return entry is not None and read_ticket(SECRET, entry.ticket) is not None

    assert not admits(stranger.id)
    assert not admits(None, "visitor-0002")
    assert admits(buyer.id)


def test_no_ticket_for_a_missing_episode_or_a_viewer_without_an_id(session: Session) -> None:
    free = priced_series(session).episodes[0][0]
    assert (
        enter_room(session, episode_id=10**9, user_id=None, anonymous_id="x" * 12, secret=SECRET)
        is None
    )
    assert (
        enter_room(session, episode_id=free.id or 0, user_id=None, anonymous_id="", secret=SECRET)
        is None
    )


def test_the_heat_strip_comes_with_the_ticket(session: Session) -> None:
    free = priced_series(session).episodes[0][0]  # 90 seconds long
    for t in (1_000, 1_500, 80_000):
        save_reaction(
            session,
            episode_id=free.id or 0,
            user_id=None,
            anonymous_id="someone-01",
            emoji="🔥",
            timestamp_ms=t,
        )
    entry = enter_room(
        session, episode_id=free.id or 0, user_id=None, anonymous_id="visitor-0003", secret=SECRET
    )
    assert entry is not None
    assert len(entry.heat) == 48
    assert entry.heat[0] == 1.0  # both early reactions in the first slice
    assert entry.heat[42] == 0.5  # 80 s of 90 s
    assert sum(1 for value in entry.heat if value) == 2
