"""Room tickets: signed, expiring, bound to one episode and one viewer."""

from __future__ import annotations

import pytest

from microshort.realtime.tickets import Ticket, issue_ticket, read_ticket

SECRET = b"k" * 48
NOW = 1_800_000_000.0


def test_a_valid_ticket_reads_back() -> None:
    ticket = issue_ticket(SECRET, episode_id=7, viewer="u42", ttl_seconds=120, now=NOW)
    assert read_ticket(SECRET, ticket, now=NOW + 119) == Ticket(7, "u42", int(NOW) + 120)
    anonymous = issue_ticket(SECRET, episode_id=7, viewer="aAnon_id-123", now=NOW)
    read = read_ticket(SECRET, anonymous, now=NOW)
    assert read is not None
    assert read.viewer == "aAnon_id-123"


def test_a_forged_ticket_is_refused() -> None:
    ticket = issue_ticket(SECRET, episode_id=7, viewer="u42", now=NOW)
    episode, viewer, expires, signature = ticket.split(".")
    assert read_ticket(b"x" * 48, ticket, now=NOW) is None  # another key
    assert read_ticket(SECRET, f"{episode}.u43.{expires}.{signature}", now=NOW) is None
    assert read_ticket(SECRET, f"{episode}.{viewer}.{int(expires) + 3600}.{signature}") is None
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert read_ticket(SECRET, f"{episode}.{viewer}.{expires}.{flipped}", now=NOW) is None
    for junk in (None, "", "nope", "1.u1.2", "1.u1.2.3.4", "x.u1.2.sig", "1.bad viewer.2.s"):
        assert read_ticket(SECRET, junk, now=NOW) is None


def test_an_expired_ticket_is_refused() -> None:
    ticket = issue_ticket(SECRET, episode_id=7, viewer="u42", ttl_seconds=120, now=NOW)
    assert read_ticket(SECRET, ticket, now=NOW + 121) is None


def test_a_ticket_names_its_episode() -> None:
    ticket = issue_ticket(SECRET, episode_id=7, viewer="u42", now=NOW)
    _episode, rest = ticket.split(".", 1)
    assert read_ticket(SECRET, f"8.{rest}", now=NOW) is None  # moved to another episode
    read = read_ticket(SECRET, ticket, now=NOW)
    assert read is not None
    assert read.episode_id == 7


def test_only_viewer_keys_are_signed() -> None:
    with pytest.raises(ValueError, match="viewer key"):
        issue_ticket(SECRET, episode_id=1, viewer="u1.evil")
