"""The studio's writes: series, seasons and episodes, owned by one creator.

Every function takes the acting creator's profile id and refuses (Forbidden) anything that
belongs to someone else; the UI checks the role, this checks the ownership.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import timedelta

from sqlmodel import Session, col, func, select

from microshort.content.genres import GENRES, LANGUAGES
from microshort.content.models import Episode, EpisodeStatus, Season, Series, SeriesStatus
from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput, NotFound
from microshort.integrations.image_variants import store_variants
from microshort.integrations.images import series_cover
from microshort.integrations.storage.base import MediaStorage
from microshort.typed_input import user_id_of, user_text

MAX_PRICE_CENTS = 10_000  # $100 for one season is certainly a typo
UNDO_WINDOW = timedelta(days=30)
_STEP_ASIDE = 1_000_000  # numbers must stay positive (CHECK), so park them high
CURRENCIES = ("USD", "EUR", "GBP")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-") or "series"


def _unique_slug(session: Session, base: str, *, exclude_id: int | None = None) -> str:
    taken = set(
        session.exec(
            select(Series.slug).where(
                col(Series.slug).like(f"{base}%"), col(Series.id) != (exclude_id or 0)
            )
        ).all()
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def _text(value: str, field: str, label: str, limit: int, *, required: bool = False) -> str:
    value = user_text(value, field=field)
    cleaned = " ".join(value.split()) if field in {"title", "logline"} else value.strip()
    if required and not cleaned:
        raise InvalidInput(f"Give your {label}.", field=field)
    if len(cleaned) > limit:
        raise InvalidInput(f"Keep the {label} under {limit} characters.", field=field)
    return cleaned


def _tags(value: str) -> list[str]:
    value = user_text(value, field="tags")
    tags = list(dict.fromkeys(t.strip().lower() for t in value.split(",") if t.strip()))
    if len(tags) > 8 or any(len(t) > 40 for t in tags):
        raise InvalidInput("Use at most 8 tags of up to 40 characters.", field="tags")
    return tags


def owned_series(session: Session, creator_id: int, series_id: int) -> Series:
    series_id = user_id_of(series_id, what="This series")
    series = session.exec(select(Series).where(Series.id == series_id).with_for_update()).first()
    if series is None:
        raise NotFound("This series does not exist.")
    if series.creator_id != creator_id:
        raise Forbidden("This series belongs to another creator.")
    return series


def save_series(
    session: Session,
    *,
    creator_id: int,
    series_id: int | None,
    title: str,
    logline: str,
    description: str,
    genre: str,
    tags: str,
    language: str,
    slug: str = "",
) -> Series:
    """Create (series_id None) or update a series' details."""
    series = (
        owned_series(session, creator_id, series_id)
        if series_id is not None
        else Series(creator_id=creator_id, slug="", title="", genre="")
    )
    if series.deleted_at is not None:
        raise InvalidInput("Restore this series before editing it.")
    series.title = _text(title, "title", "series a title", 120, required=True)
    series.logline = _text(logline, "logline", "logline", 300)
    series.description = _text(description, "description", "description", 5000)
    genre, language = user_text(genre, field="genre"), user_text(language, field="language")
    slug = user_text(slug, field="slug")
    if genre not in GENRES:
        raise InvalidInput("Pick a genre from the list.", field="genre")
    if language not in LANGUAGES:
        raise InvalidInput("Pick a language from the list.", field="language")
    series.genre, series.language, series.tags = genre, language, _tags(tags)
    wanted = slugify(slug) if slug.strip() else (series.slug or slugify(series.title))
    if (
        slug.strip()
        and wanted != series.slug
        and session.exec(
            select(Series.id).where(Series.slug == wanted, col(Series.id) != (series.id or 0))
        ).first()
    ):
        raise InvalidInput("Another series already uses this address.", field="slug")
    series.slug = wanted if slug.strip() else _unique_slug(session, wanted, exclude_id=series.id)
    session.add(series)
    session.flush()
    return series


def set_cover(
    session: Session, storage: MediaStorage, *, creator_id: int, series_id: int, data: bytes
) -> str | None:
    """Crop the picture to the 2:3 card and store its WebP variants; returns the replaced
    cover's key (delete it and its variants after commit: delete_with_variants). Raises
    ImageRejected for anything that is not a usable picture."""
    series = owned_series(session, creator_id, series_id)
    key = f"public/covers/{series.slug}-{secrets.token_hex(4)}.jpg"
    cover = series_cover(data)
    storage.put_sync(key, cover)
    store_variants(storage, key, cover)
    old, series.cover_key = series.cover_key, key
    session.add(series)
    return old


def add_season(
    session: Session, *, creator_id: int, series_id: int, price_cents: int, currency: str = "USD"
) -> Season:
    owned_series(session, creator_id, series_id)
    number = (
        session.exec(select(func.max(Season.number)).where(Season.series_id == series_id)).one()
        or 0
    ) + 1
    season = Season(
        series_id=series_id,
        number=number,
        title=f"Season {number}",
        price_cents=_price(price_cents),
        currency=_currency(currency),
    )
    session.add(season)
    session.flush()
    return season


def _price(cents: int) -> int:
    if cents < 0:
        raise InvalidInput("A price cannot be below zero.", field="price")
    if cents > MAX_PRICE_CENTS:
        raise InvalidInput("That price looks wrong: a season costs at most $100.", field="price")
    return cents


def _currency(code: str) -> str:
    if code not in CURRENCIES:
        raise InvalidInput("Pick USD, EUR or GBP.", field="currency")
    return code


def _owned_season(session: Session, creator_id: int, season_id: int) -> Season:
    season = session.get(Season, season_id)
    if season is None:
        raise NotFound("This season does not exist.")
    owned_series(session, creator_id, season.series_id)
    return season


def set_season_price(
    session: Session, *, creator_id: int, season_id: int, price_cents: int
) -> None:
    season = _owned_season(session, creator_id, season_id)
    season.price_cents = _price(price_cents)
    session.add(season)


def add_episode(
    session: Session, *, creator_id: int, season_id: int, title: str, synopsis: str = ""
) -> Episode:
    _owned_season(session, creator_id, season_id)
    number = (
        session.exec(select(func.max(Episode.number)).where(Episode.season_id == season_id)).one()
        or 0
    ) + 1
    episode = Episode(
        season_id=season_id,
        number=number,
        title=_text(title, "title", "episode a title", 120, required=True),
        synopsis=_text(synopsis, "synopsis", "synopsis", 1000),
    )
    session.add(episode)
    session.flush()
    return episode


def reorder_episodes(
    session: Session, *, creator_id: int, season_id: int, episode_ids: list[int]
) -> None:
    """Renumber the season's episodes in the given order (all of them, each once)."""
    _owned_season(session, creator_id, season_id)
    episodes = {
        e.id: e
        for e in session.exec(
            select(Episode).where(Episode.season_id == season_id).with_for_update()
        )
    }
    if sorted(episode_ids) != sorted(i for i in episodes if i is not None):
        raise InvalidInput("The new order must list every episode of the season once.")
    for episode in episodes.values():  # step aside first: (season, number) is unique
        episode.number += _STEP_ASIDE
        session.add(episode)
    session.flush()
    for number, episode_id in enumerate(episode_ids, start=1):
        episodes[episode_id].number = number
        session.add(episodes[episode_id])
    session.flush()


def publication_problems(session: Session, series_id: int) -> list[str]:
    """What stops the series from being published, in words the creator can act on."""
    rows = session.exec(
        select(Season.number, Episode.number, Episode.status)
        .join(Episode, col(Episode.season_id) == col(Season.id), isouter=True)
        .where(Season.series_id == series_id)
        .order_by(col(Season.number), col(Episode.number))
    ).all()
    if not rows:
        return ["Add a season with at least one episode."]
    problems = []
    for season_number, episode_number, status in rows:
        where = f"Season {season_number}"
        if episode_number is None:
            problems.append(f"{where} has no episodes.")
        elif status == EpisodeStatus.FAILED:
            problems.append(f"{where}, episode {episode_number}: its video failed. Upload again.")
        elif status not in {EpisodeStatus.READY, EpisodeStatus.PUBLISHED}:
            problems.append(f"{where}, episode {episode_number} has no ready video yet.")
    return problems


def publish_series(session: Session, *, creator_id: int, series_id: int) -> int:
    """Publish the series and all its ready episodes; returns how many episodes went live."""
    series = owned_series(session, creator_id, series_id)
    problems = publication_problems(session, series_id)
    if problems:
        raise InvalidInput(" ".join(problems))
    now = utcnow()
    ready = session.exec(
        select(Episode)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(Season.series_id == series_id, Episode.status == EpisodeStatus.READY)
    ).all()
    for episode in ready:
        episode.status, episode.published_at = EpisodeStatus.PUBLISHED, now
        session.add(episode)
    series.status, series.published_at = SeriesStatus.PUBLISHED, series.published_at or now
    session.add(series)
    return len(ready)


def set_hidden(session: Session, *, creator_id: int, series_id: int, hidden: bool) -> None:
    series = owned_series(session, creator_id, series_id)
    if hidden and series.status != SeriesStatus.PUBLISHED:
        raise InvalidInput("Only a published series can be hidden.")
    if not hidden and series.status != SeriesStatus.HIDDEN:
        raise InvalidInput("This series is not hidden.")
    series.status = SeriesStatus.HIDDEN if hidden else SeriesStatus.PUBLISHED
    session.add(series)


def delete_series(session: Session, *, creator_id: int, series_id: int) -> None:
    """Soft delete: gone from the catalogue and the studio list, restorable for 30 days."""
    series = owned_series(session, creator_id, series_id)
    series.deleted_at = utcnow()
    session.add(series)


def restore_series(session: Session, *, creator_id: int, series_id: int) -> None:
    series = owned_series(session, creator_id, series_id)
    if series.deleted_at is None:
        raise InvalidInput("This series is not deleted.")
    if utcnow() - series.deleted_at > UNDO_WINDOW:
        raise InvalidInput("This series was deleted more than 30 days ago.")
    series.deleted_at = None
    session.add(series)
