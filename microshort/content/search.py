"""Search over titles, loglines, descriptions, genres and creator names: one statement a page.

Full-text matches (the stored, weighted `series.search_vector`: title A, genre and logline B,
description C; every word a prefix, so "billion" finds "Billionaire") rank first, by ts_rank_cd.
Then come typo matches from pg_trgm's word similarity on the title, the genre and the creator's
name, so "revnge", "billionare" or "mira okafr" still find something. Each way of matching is an
index lookup (GIN on the tsvector, GIN trigram indexes), united before the ranking, so the work
follows the number of matches, not the size of the catalogue.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.cards import (
    AnySelect,
    cards_for,
    has_published_episode,
    listed,
    page_bounds,
    to_cards,
)
from microshort.content.models import SEARCH_CONFIG, Series
from microshort.content.schemas import SearchPage, SeriesPage
from microshort.users.models import CreatorProfile

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
MAX_TERM_CHARS = 40
DEFAULT_PAGE = 24
# Typo matching needs a few letters to mean anything ("th" is like half the catalogue).
MIN_TYPO_CHARS = 4
TYPO_CANDIDATES = 200
# Letters and digits of any script; everything else (quotes, operators, emoji) separates words,
# so no input can break the tsquery syntax.
_WORD = re.compile(r"[^\W_]+")


def search_terms(text: str) -> list[str]:
    """The words searched for: lower-cased, at most MAX_TERMS, each at most MAX_TERM_CHARS."""
    if not isinstance(text, str):  # whatever the socket carried: no words to search for
        return []
    words = _WORD.findall(text[:MAX_QUERY_CHARS].lower())
    return [word[:MAX_TERM_CHARS] for word in words[:MAX_TERMS]]


def _tsquery(terms: list[str]) -> sa.ColumnElement[Any]:
    # Every word must match (AND) and may be the start of a longer word (prefix :*).
    text = " & ".join(f"'{term}':*" for term in terms)
    return sa.func.to_tsquery(sa.literal_column(f"'{SEARCH_CONFIG}'::regconfig"), text)


def _similar_words(phrase: sa.ColumnElement[str], column: Any) -> sa.ColumnElement[bool]:
    # `phrase <% column`: some run of words in the column is like the phrase (pg_trgm word
    # similarity >= pg_trgm.word_similarity_threshold, 0.6): right for a few words in a title.
    return phrase.op("<%")(column)


def _similar_whole(phrase: sa.ColumnElement[str], column: Any) -> sa.ColumnElement[bool]:
    # `phrase % column`: the whole value is like the phrase (similarity >= 0.3): right for a
    # one-word genre, and lenient enough for "revnge" (0.5 against "Revenge").
    return phrase.op("%")(column)


def _typo_matches(phrase: sa.ColumnElement[str]) -> list[AnySelect]:
    """Title, genre and creator-name matches by trigram similarity, each capped: they only
    follow the full-text matches, and a broad phrase must not rank the whole catalogue."""
    return [
        sa.select(col(Series.id))
        .where(_similar_words(phrase, col(Series.title)))
        .limit(TYPO_CANDIDATES),
        sa.select(col(Series.id))
        .where(_similar_whole(phrase, col(Series.genre)))
        .limit(TYPO_CANDIDATES),
        sa.select(col(Series.id))
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .where(_similar_words(phrase, col(CreatorProfile.display_name)))
        .limit(TYPO_CANDIDATES),
    ]


def search_series(
    session: Session, text: str, *, limit: int = DEFAULT_PAGE, offset: int = 0
) -> SearchPage:
    """Listed series matching `text`, best first; an empty page (and no query) for input with
    no words in it."""
    terms = search_terms(text)
    if not terms:
        return SearchPage(query="")
    limit, offset = page_bounds(limit, offset)
    phrase = " ".join(terms)
    query_text = sa.bindparam("phrase", phrase, type_=sa.String)
    tsquery = _tsquery(terms)
    vector = col(Series.search_vector)
    matched = vector.op("@@")(tsquery)

    candidates = sa.union(
        sa.select(col(Series.id)).where(matched),
        *(_typo_matches(query_text) if len(phrase) >= MIN_TYPO_CHARS else []),
    ).subquery("candidates")

    # Similarity orders only the typo matches (full-text matches go first, by their rank), so
    # it is not computed for the others: a broad word may match thousands of series.
    similarity = sa.case(
        (matched, 0.0),
        else_=sa.func.greatest(
            sa.func.word_similarity(query_text, col(Series.title)),
            sa.func.word_similarity(query_text, col(CreatorProfile.display_name)),
            # A genre match is weaker evidence than a title or name match.
            0.8 * sa.func.similarity(query_text, col(Series.genre)),
        ),
    )
    ranked = (
        sa.select(
            col(Series.id).label("id"),
            matched.label("matched"),
            sa.func.ts_rank_cd(vector, tsquery).label("text_rank"),
            similarity.label("similarity"),
            col(Series.published_at).label("published_at"),
        )
        .select_from(candidates)
        .join(Series, col(Series.id) == candidates.c.id)
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .where(listed())
    )
    # OFFSET 0 keeps PostgreSQL from merging the sorted ranking into the outer query, so the
    # episode check below runs in rank order and stops once the page is full, instead of
    # running for every candidate.
    sorted_ranking = ranked.order_by(*_order(ranked.selected_columns)).offset(0).subquery("ranked")
    page = (
        sa.select(sorted_ranking)
        .where(has_published_episode(sorted_ranking.c.id))
        .order_by(*_order(sorted_ranking.c))
        .limit(limit + 1)
        .offset(offset)
        .subquery("page")
    )
    rows = session.execute(cards_for(page).order_by(*_order(page.c))).all()
    return SearchPage(
        query=phrase,
        page=SeriesPage(
            series=to_cards(rows[:limit]),
            has_more=len(rows) > limit,
            next_offset=offset + min(len(rows), limit),
        ),
    )


def _order(columns: Any) -> list[Any]:
    return [
        columns.matched.desc(),
        columns.text_rank.desc(),
        columns.similarity.desc(),
        columns.published_at.desc().nulls_last(),
        columns.id.desc(),
    ]
