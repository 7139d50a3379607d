"""Search: full-text matches first (title over logline over description), typos still find
titles, genres and creators, only listed series ever come back, pages do not overlap."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.models import SEARCH_DOCUMENT, Series
from microshort.content.search import MAX_TERMS, search_series, search_terms
from microshort.db import utcnow
from microshort.users.models import CreatorProfile
from tests.factories import make_creator, make_series


def _series(
    session: Session,
    creator: CreatorProfile,
    title: str,
    *,
    logline: str = "",
    description: str = "",
    genre: str = "Drama",
    status: str = "published",
    episode_status: str = "published",
) -> Series:
    series = make_series(
        session,
        creator,
        title=title,
        genre=genre,
        status=status,
        episodes=(2,),
        episode_status=episode_status,
    )
    series.logline, series.description = logline, description
    session.add(series)
    session.flush()
    return series


def _titles(session: Session, text: str, **kwargs: int) -> list[str]:
    return [card.title for card in search_series(session, text, **kwargs).page.series]


def test_title_matches_rank_above_logline_and_description(session: Session) -> None:
    creator = make_creator(session, "Quiet Harbour")
    _series(session, creator, "Evening Tide", description="A zephyrine secret in the attic.")
    _series(session, creator, "Morning Fog", logline="Her zephyrine locket opens.")
    _series(session, creator, "The Zephyrine Heir")
    assert _titles(session, "zephyrine") == ["The Zephyrine Heir", "Morning Fog", "Evening Tide"]


def test_every_word_must_match_and_words_may_be_prefixes(session: Session) -> None:
    creator = make_creator(session)
    _series(session, creator, "Quillon Bride", logline="A marriage of convenience.")
    _series(session, creator, "Quillon Manor", logline="Ghosts in the west wing.")
    assert _titles(session, "quillon ghost") == ["Quillon Manor"]
    assert set(_titles(session, "quill")) == {"Quillon Bride", "Quillon Manor"}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("vexmorrow hier", "The Vexmorrow Heir"),  # a typo in a title word
        ("vexmoro", "The Vexmorrow Heir"),
        ("billionare", "Penthouse Rules"),  # the genre, misspelt
        ("revnge", "Red Ledger"),
    ],
)
def test_typos_still_find_the_series(session: Session, typed: str, found: str) -> None:
    creator = make_creator(session)
    _series(session, creator, "The Vexmorrow Heir")
    _series(session, creator, "Penthouse Rules", genre="Billionaire")
    _series(session, creator, "Red Ledger", genre="Revenge")
    assert found in _titles(session, typed)


def test_creator_names_are_searched_typos_included(session: Session) -> None:
    okafor = make_creator(session, "Tamsin Okonkwo-Reyes")
    other = make_creator(session, "Somebody Else")
    _series(session, okafor, "First Light")
    _series(session, okafor, "Second Wind")
    _series(session, other, "Third Act")
    assert set(_titles(session, "okonkwo")) == {"First Light", "Second Wind"}
    assert set(_titles(session, "tamsin okonkow")) == {"First Light", "Second Wind"}


def test_full_text_matches_come_before_typo_matches(session: Session) -> None:
    creator = make_creator(session)
    _series(session, creator, "Glimmerholt", logline="nothing to see")
    _series(session, creator, "Other Story", logline="She returns to Glimmerholt at dawn.")
    _series(session, creator, "Glimmerhold Nights")  # only a trigram match for "glimmerholt"
    titles = _titles(session, "glimmerholt")
    assert titles[:2] == ["Glimmerholt", "Other Story"]
    assert titles[2] == "Glimmerhold Nights"


def test_only_listed_series_are_ever_returned(session: Session) -> None:
    creator = make_creator(session)
    _series(session, creator, "Ondrabeck Published")
    _series(session, creator, "Ondrabeck Draft", status="draft")
    _series(session, creator, "Ondrabeck Hidden", status="hidden")
    _series(session, creator, "Ondrabeck No Episodes", episode_status="ready")
    deleted = _series(session, creator, "Ondrabeck Deleted")
    deleted.deleted_at = utcnow()
    session.add(deleted)
    session.flush()
    for text in ("ondrabeck", "ondrabek", "Ondrabeck Draft", "Ondrabeck Hidden"):
        assert set(_titles(session, text)) <= {"Ondrabeck Published"}, text
    assert _titles(session, "ondrabeck") == ["Ondrabeck Published"]


def test_pages_cover_every_match_once(session: Session) -> None:
    creator = make_creator(session)
    now = utcnow()
    for n in range(23):
        series = _series(session, creator, f"Brackenfold {n:02d}")
        series.published_at = now - timedelta(days=n)
        session.add(series)
    session.flush()
    seen: list[str] = []
    offset, pages = 0, 0
    while True:
        found = search_series(session, "brackenfold", limit=10, offset=offset)
        seen += [card.title for card in found.page.series]
        pages += 1
        if not found.page.has_more:
            break
        offset = found.page.next_offset
    assert pages == 3
    assert len(seen) == len(set(seen)) == 23
    # Equal text rank: newest first.
    assert seen[:3] == ["Brackenfold 00", "Brackenfold 01", "Brackenfold 02"]


def test_empty_garbage_and_huge_input(session: Session, engine: sa.Engine) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        for text in ("", "   ", "!!! && || :* ''", "🙂🙂", "'--"):
            page = search_series(session, text)
            assert page.query == ""
            assert page.page.series == []
        assert statements == []  # nothing worth searching: no query at all
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    creator = make_creator(session)
    _series(session, creator, "Wyrmwood")
    # Operators and quotes are separators, never syntax.
    assert _titles(session, "wyrmwood' & !(") == ["Wyrmwood"]
    assert _titles(session, "wyrmwood " * 500) == ["Wyrmwood"]
    assert len(search_terms("a b c d e f g h i j k l")) == MAX_TERMS
    assert search_series(session, "x" * 5000).query == "x" * 40


def test_the_stored_vector_is_the_models_document(session: Session) -> None:
    series = _series(
        session, make_creator(session), "Salt Road", logline="Smugglers.", description="Tides."
    )
    stored, expected = session.execute(
        sa.select(col(Series.search_vector), sa.literal_column(SEARCH_DOCUMENT)).where(
            col(Series.id) == series.id
        )
    ).one()
    assert stored == expected
    assert "'salt':1A" in stored
    assert "'smuggler'" in stored
