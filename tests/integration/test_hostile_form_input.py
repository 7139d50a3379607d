"""What the forms send to the server (log-in, sign-up, comments, the studio editor, search) may
be anything the socket carries: NUL bytes, lone surrogates, numbers for text, lists, NaN and
infinity, ids of the wrong type. Each is a form error with a message, never an exception, and
nothing is written. These drive the domain functions the Reflex handlers call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from microshort import migrations
from microshort.content import editor, episode_editor, search
from microshort.content.models import Episode, Season, Series
from microshort.errors import DomainError, InvalidInput
from microshort.ratelimit import RateLimiter
from microshort.realtime import comments
from microshort.realtime.models import Comment
from microshort.users import accounts, login
from microshort.users.models import User
from tests.factories import make_creator, make_series

HOSTILE_TEXT: list[Any] = [
    "bad\x00byte",
    "\x00",
    "lone \ud800 surrogate",
    "\udfff",
    42,
    4.5,
    float("nan"),
    None,
    ["a list"],
    {"a": "dict"},
    True,
]
HOSTILE_NUMBERS: list[Any] = [
    float("nan"),
    float("inf"),
    -float("inf"),
    "12abc",
    "\x00",
    None,
    [1],
    2**70,
    True,
    1.5,
]
HOSTILE_IDS: list[Any] = [
    "abc",
    "1; drop table",
    -1,
    0,
    2**31,
    2**80,
    1.5,
    float("nan"),
    None,
    [1],
    True,
]


def _ids(values: list[Any]) -> list[str]:
    return [repr(value)[:20] for value in values]


@pytest.fixture
def database(make_database: Callable[[], str], app_settings: Callable[[str], Path]) -> str:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    return url


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
@pytest.mark.parametrize("field", ["email", "password"])
def test_log_in_answers_with_a_form_error(
    database: str, limiter: RateLimiter, field: str, value: Any
) -> None:
    form: dict[str, Any] = {"email": "someone@example.com", "password": "a fine passphrase"}
    form[field] = value
    with pytest.raises(InvalidInput) as refused:
        login.log_in(limiter, ip="127.0.0.1", next_path="/", **form)
    assert str(refused.value)


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
@pytest.mark.parametrize("field", ["email", "password", "display_name"])
def test_sign_up_answers_with_a_form_error(session: Session, field: str, value: Any) -> None:
    form: dict[str, Any] = {
        "email": "new-person@example.com",
        "password": "a fine passphrase",
        "display_name": "New Person",
    }
    form[field] = value
    with pytest.raises(InvalidInput) as refused:
        accounts.sign_up(session, base_url="http://localhost", **form)
    assert refused.value.field == field
    assert session.exec(select(User).where(User.email == "new-person@example.com")).first() is None


@pytest.fixture
def episode(session: Session) -> tuple[int, int, int]:
    """(creator profile id, the creator's user id, a free episode id)."""
    creator = make_creator(session)
    series = make_series(session, creator, episodes=(2,))
    season = session.exec(select(Season).where(Season.series_id == series.id)).one()
    first = session.exec(select(Episode).where(Episode.season_id == season.id)).first()
    assert first is not None
    return creator.id or 0, creator.user_id, first.id or 0


def _comment_count(session: Session) -> int:
    return len(session.exec(select(Comment)).all())


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
def test_a_hostile_comment_body_is_a_form_error(
    session: Session, limiter: RateLimiter, episode: tuple[int, int, int], value: Any
) -> None:
    _, user_id, episode_id = episode
    before = _comment_count(session)
    with pytest.raises(InvalidInput):
        comments.post_comment(
            session,
            user_id=user_id,
            episode_id=episode_id,
            body=value,
            timestamp_ms=1000,
            limiter=limiter,
        )
    assert _comment_count(session) == before


@pytest.mark.parametrize("value", HOSTILE_NUMBERS, ids=_ids(HOSTILE_NUMBERS))
def test_a_hostile_comment_moment_is_a_form_error(
    session: Session, limiter: RateLimiter, episode: tuple[int, int, int], value: Any
) -> None:
    _, user_id, episode_id = episode
    with pytest.raises(InvalidInput, match=r"number|moment"):
        comments.post_comment(
            session,
            user_id=user_id,
            episode_id=episode_id,
            body="hello",
            timestamp_ms=value,
            limiter=limiter,
        )


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=_ids(HOSTILE_IDS))
def test_a_hostile_episode_id_is_not_found(
    session: Session, limiter: RateLimiter, episode: tuple[int, int, int], value: Any
) -> None:
    _, user_id, _ = episode
    with pytest.raises(DomainError, match=r"not available|does not exist"):
        comments.post_comment(
            session,
            user_id=user_id,
            episode_id=value,
            body="hello",
            timestamp_ms=1000,
            limiter=limiter,
        )


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
@pytest.mark.parametrize("field", ["title", "logline", "description", "tags", "slug", "genre"])
def test_the_series_editor_answers_with_a_form_error(
    session: Session, field: str, value: Any
) -> None:
    creator = make_creator(session)
    details: dict[str, Any] = {
        "title": "Hostile Test",
        "logline": "",
        "description": "",
        "genre": "Romance",
        "tags": "",
        "language": "en",
        "slug": "",
    }
    details[field] = value
    with pytest.raises(InvalidInput) as refused:
        editor.save_series(session, creator_id=creator.id or 0, series_id=None, **details)
    assert refused.value.field == field
    assert session.exec(select(Series).where(Series.creator_id == creator.id)).first() is None


SERIES_IDS = [value for value in HOSTILE_IDS if value is not None]  # None: a new series


@pytest.mark.parametrize("value", SERIES_IDS, ids=_ids(SERIES_IDS))
def test_the_series_editor_with_a_hostile_series_id(session: Session, value: Any) -> None:
    creator = make_creator(session)
    with pytest.raises(DomainError):
        editor.save_series(
            session,
            creator_id=creator.id or 0,
            series_id=value,
            title="T",
            logline="",
            description="",
            genre="Romance",
            tags="",
            language="en",
        )


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
@pytest.mark.parametrize("field", ["title", "synopsis"])
def test_the_episode_editor_answers_with_a_form_error(
    session: Session, episode: tuple[int, int, int], field: str, value: Any
) -> None:
    creator_id, _, episode_id = episode
    text: dict[str, Any] = {"title": "Fine", "synopsis": ""}
    text[field] = value
    with pytest.raises(InvalidInput) as refused:
        episode_editor.edit_episode(session, creator_id=creator_id, episode_id=episode_id, **text)
    assert refused.value.field == field


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
def test_search_treats_hostile_text_as_no_words(session: Session, value: Any) -> None:
    found = search.search_series(session, value)
    assert found.page.series == []


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=_ids(HOSTILE_TEXT))
def test_a_password_reset_for_hostile_text_says_nothing_and_sends_nothing(
    session: Session, value: Any
) -> None:
    accounts.request_password_reset(session, email=value, base_url="http://localhost")


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=_ids(HOSTILE_IDS))
def test_moderating_a_hostile_comment_id_is_not_found(
    session: Session, episode: tuple[int, int, int], value: Any
) -> None:
    _, user_id, _ = episode
    with pytest.raises(DomainError, match=r"gone|does not exist"):
        comments.set_hidden(session, user_id=user_id, comment_id=value, hidden=True)
    with pytest.raises(DomainError, match=r"gone|does not exist"):
        comments.require_shown(session, comment_id=value, viewer_id=user_id)
