"""Covers and poster frames made locally (Pillow title cards) and kept in media storage."""

from __future__ import annotations

import zlib

from sqlmodel import Session, select

from microshort.content.models import Episode, Season, Series
from microshort.errors import NotFound
from microshort.integrations.image_variants import store_variants
from microshort.integrations.storage.base import MediaStorage
from microshort.integrations.thumbnails.local import render_cover, render_title_card


def artwork_seed(text: str) -> int:
    """A stable seed from text (hash() is salted per process)."""
    return zlib.crc32(text.encode())


def store_series_cover(storage: MediaStorage, series: Series) -> str:
    """Render the series' cover and return its storage key (the caller saves it on the row)."""
    seed = artwork_seed(series.slug)
    key = f"public/covers/{series.slug}-{seed:08x}.jpg"
    image = render_cover(title=series.title, genre=series.genre, seed=seed)
    storage.put_sync(key, image)
    store_variants(storage, key, image)
    return key


def ensure_episode_poster(session: Session, storage: MediaStorage, episode_id: int) -> str:
    """Give the episode a title-card poster unless it already has a poster; return the key."""
    row = session.exec(
        select(Episode, Series)
        .join(Season, Season.id == Episode.season_id)  # type: ignore[arg-type]
        .join(Series, Series.id == Season.series_id)  # type: ignore[arg-type]
        .where(Episode.id == episode_id)
        .with_for_update(of=Episode)
    ).first()
    if row is None:
        raise NotFound(f"Episode {episode_id} does not exist.")
    episode, series = row
    if episode.poster_key:
        return episode.poster_key
    key = f"public/posters/episode-{episode_id}.jpg"
    image = render_title_card(
        series_title=series.title,
        episode_number=episode.number,
        episode_title=episode.title,
        genre=series.genre,
        seed=artwork_seed(f"{series.slug}/{episode.number}/{episode.title}"),
    )
    storage.put_sync(key, image)
    store_variants(storage, key, image)
    episode.poster_key = key
    session.add(episode)
    return key
