"""What visitors see: only published series and episodes; locks from the free count."""

from __future__ import annotations

from sqlmodel import Session

from microshort.content.queries import home_view, series_detail
from tests.factories import make_creator, make_series


def test_home_lists_published_series_only(session: Session) -> None:
    creator = make_creator(session, "Night Owl Films")
    make_series(session, creator, title="Out In The Open")
    make_series(session, creator, title="Still A Draft", status="draft")
    make_series(session, creator, title="Taken Down", status="hidden")
    make_series(session, creator, title="No Episodes Yet", episode_status="ready")
    titles = [card.title for card in home_view(session).new]
    assert "Out In The Open" in titles
    assert not {"Still A Draft", "Taken Down", "No Episodes Yet"} & set(titles)


def test_home_groups_by_genre_and_counts_episodes(session: Session) -> None:
    creator = make_creator(session)
    make_series(session, creator, title="Heartbeat", genre="Romance", episodes=(4, 6))
    view = home_view(session)
    romance = next(rail for rail in view.genres if rail.genre == "Romance")
    card = next(card for card in romance.series if card.title == "Heartbeat")
    assert card.episode_count == 10
    assert card.creator_name == "Studio"


def test_featured_follows_the_admin_order(session: Session) -> None:
    creator = make_creator(session)
    second = make_series(session, creator, title="Second Pick")
    first = make_series(session, creator, title="First Pick")
    second.featured_rank, first.featured_rank = 2, 1
    session.add_all([first, second])
    session.flush()
    featured = [card.title for card in home_view(session).featured]
    assert featured.index("First Pick") < featured.index("Second Pick")


def test_series_page_locks_from_the_fourth_episode_across_seasons(session: Session) -> None:
    series = make_series(session, make_creator(session), episodes=(2, 3))
    detail = series_detail(session, series.slug)
    assert detail is not None
    assert [season.episode_count for season in detail.seasons] == [2, 3]
    flat = [episode for season in detail.seasons for episode in season.episodes]
    assert [episode.position for episode in flat] == [1, 2, 3, 4, 5]
    assert [episode.locked for episode in flat] == [False, False, False, True, True]
    assert detail.seasons[0].price_label == "$4.99"


def test_unpublished_episodes_are_not_listed(session: Session) -> None:
    series = make_series(session, make_creator(session), episode_status="processing")
    detail = series_detail(session, series.slug)
    assert detail is not None
    assert detail.episode_count == 0
    assert detail.seasons[0].episodes == []


def test_drafts_and_unknown_slugs_are_not_found(session: Session) -> None:
    draft = make_series(session, make_creator(session), status="draft")
    assert series_detail(session, draft.slug) is None
    assert series_detail(session, "no-such-series") is None
