"""The offer a paywall's Unlock carries through sign-up (`/watch/<id>?unlock=season:<id>`):
honoured only when that episode's paywall lists it; garbage and other series' offers are
ignored, and the return path stays on this site. Also what each offer says it includes."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from microshort.api.auth import safe_next
from microshort.payments.pricing import offer_summaries, offers_for_episode
from microshort.ui.pages.watch.unlock import (
    chosen_offer,
    offer_key,
    unlock_path,
    unlock_request,
    unlock_series,
)
from tests.payments_support import Catalogue, priced_series


@pytest.fixture
def two(session: Session) -> tuple[Catalogue, Catalogue]:
    return priced_series(session), priced_series(session, episodes=(2, 5))


def test_the_chosen_offer_round_trips_through_the_return_path(
    session: Session, two: tuple[Catalogue, Catalogue]
) -> None:
    mine, _ = two
    locked = mine.episodes[0][3]
    offers = offers_for_episode(session, locked.id or 0)
    season, bundle = offers
    path = unlock_path(locked.id or 0, season)
    assert path == f"/watch/{locked.id}?unlock=season:{mine.seasons[0].id}"
    assert safe_next(path) == path
    assert unlock_request(path) == (locked.id, f"season:{mine.seasons[0].id}")
    assert chosen_offer(offers, unlock_request(path)[1]) == season  # type: ignore[index]
    assert chosen_offer(offers, f"bundle:{mine.bundle.id}") == bundle
    assert unlock_series(session, path) == mine.series.title
    assert unlock_path(locked.id or 0, None) == f"/watch/{locked.id}"


@pytest.mark.parametrize(
    "key",
    ["", "season", "season:", "season:x", "season:-1", "bundle:0", "coupon:1", "season:1;drop"],
)
def test_garbage_offers_are_ignored(
    session: Session, two: tuple[Catalogue, Catalogue], key: str
) -> None:
    locked = two[0].episodes[0][3]
    offers = offers_for_episode(session, locked.id or 0)
    assert chosen_offer(offers, key) is None
    assert unlock_series(session, f"/watch/{locked.id}?unlock={key}") == ""


def test_another_series_offer_is_ignored(
    session: Session, two: tuple[Catalogue, Catalogue]
) -> None:
    mine, theirs = two
    locked = mine.episodes[0][3]
    offers = offers_for_episode(session, locked.id or 0)
    for key in (f"season:{theirs.seasons[1].id}", f"bundle:{theirs.bundle.id}"):
        assert chosen_offer(offers, key) is None
        assert unlock_series(session, f"/watch/{locked.id}?unlock={key}") == ""
    # A season of this series that the locked episode is not in is not on its paywall either.
    assert chosen_offer(offers, f"season:{mine.seasons[1].id}") is None
    assert {offer_key(offer) for offer in offers} == {
        f"season:{mine.seasons[0].id}",
        f"bundle:{mine.bundle.id}",
    }


@pytest.mark.parametrize(
    "path",
    [
        "https://evil.example/watch/1?unlock=season:1",
        "//evil.example/watch/1?unlock=season:1",
        "/series/x?unlock=season:1",
        "/watch/abc?unlock=season:1",
        "/watch/1",
        "/watch/1?unlock=",
    ],
)
def test_only_local_watch_paths_ask_to_unlock(path: str) -> None:
    assert unlock_request(path) is None


@pytest.mark.parametrize("path", ["https://evil.example/x", "//evil.example", "/\\evil", ""])
def test_the_return_path_stays_on_this_site(path: str) -> None:
    assert safe_next(path) == "/"


def test_each_offer_says_what_it_includes(
    session: Session, two: tuple[Catalogue, Catalogue]
) -> None:
    mine, _ = two
    offers = offers_for_episode(session, mine.episodes[0][3].id or 0)
    season, bundle = offers
    assert offer_summaries(session, offers) == [
        f"{season.title} · 4 episodes · $4.99",
        f"All 3 seasons · 12 episodes · $9.99 · save {bundle.saving_percent} %",
    ]
    assert bundle.saving_percent == 33
