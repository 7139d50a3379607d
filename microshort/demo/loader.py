"""The demo catalogue (the spec's "mock data seeding"): deterministic, idempotent, fast.

Everything is derived from a fixed seed; dates are relative to the day of loading so the
platform looks alive whenever it is started. Running it again on a loaded database does nothing.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.models import AnalyticsEvent
from microshort.content.artwork import store_series_cover
from microshort.content.models import Bundle, BundleSeason, Episode, Season, Series, VideoAsset
from microshort.demo import catalogue, episode_text
from microshort.demo.activity import add_activity
from microshort.demo.comment_likes import add_comment_likes
from microshort.demo.moderation import add_reports
from microshort.demo.people import add_creators, add_viewers
from microshort.demo.progress import add_progress
from microshort.demo.video import CLIP_SECONDS, VARIANTS
from microshort.integrations.storage.base import MediaStorage
from microshort.realtime.models import Comment, Reaction

SEED = 20261125
# Synopses once drew names and templates from shared pools of these sizes on the main generator:
# those draws are still made, so every later draw (titles, activity, purchases) stays the same.
_FORMER_NAME_POOLS = (16, 14)
_FORMER_TEMPLATE_POOL = 14
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoSummary:
    loaded: bool
    series: int = 0
    episodes: int = 0
    episode_ids: tuple[int, ...] = ()
    clip_assets: tuple[tuple[int, int], ...] = ()  # (asset id, clip variant)


def is_loaded(session: Session) -> bool:
    first = catalogue.SERIES[0].slug
    return session.exec(select(Series.id).where(Series.slug == first)).first() is not None


def load(session: Session, storage: MediaStorage, *, today: datetime | None = None) -> DemoSummary:
    """Load the demo catalogue in the caller's transaction, unless it is already there."""
    # One loader at a time: a second concurrent run waits here, then sees the data and stops.
    session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEED})
    if is_loaded(session):
        return DemoSummary(loaded=False)
    rng = random.Random(SEED)
    now = (today or datetime.now(UTC)).replace(minute=0, second=0, microsecond=0)
    creators = add_creators(session, rng, now)
    viewers = add_viewers(session, rng, now)
    episodes: list[Episode] = []
    all_series: list[Series] = []
    for index, spec in enumerate(catalogue.SERIES):
        series, series_episodes = _add_series(session, storage, rng, spec, creators, index, now)
        all_series.append(series)
        episodes.extend(series_episodes)
    watches = add_activity(session, rng, now, viewers=viewers, series=all_series, episodes=episodes)
    add_comment_likes(session, rng, now, viewers=viewers, episodes=episodes)
    add_reports(session, rng, now, viewers=viewers, episodes=episodes)
    clips = _attach_demo_video(session, episodes)
    session.flush()
    add_progress(session, watches)  # on the clips' durations, after the purchases
    return DemoSummary(
        loaded=True,
        series=len(all_series),
        episodes=len(episodes),
        episode_ids=tuple(episode.id or 0 for episode in episodes),
        clip_assets=clips,
    )


def _attach_demo_video(session: Session, episodes: list[Episode]) -> tuple[tuple[int, int], ...]:
    """Every episode plays one of the generated clips; a job makes each clip ready."""
    _fit_moments_to_clip(session, episodes)
    assets = []
    for _ in VARIANTS:
        asset = VideoAsset(provider="local", status="processing")
        session.add(asset)
        assets.append(asset)
    session.flush()
    for index, episode in enumerate(episodes):
        episode.video_asset_id = assets[index % len(assets)].id
        episode.duration_seconds = CLIP_SECONDS
        session.add(episode)
    return tuple((asset.id or 0, variant) for variant, asset in enumerate(assets))


def _fit_moments_to_clip(session: Session, episodes: list[Episode]) -> None:
    """Reactions and comments were placed on each episode's written length; every episode plays
    the shorter demo clip, so scale their moments onto it (the same draws, nothing past the end:
    "at 1:40" on a 1:02 clip would seek nowhere, and replay would never show it)."""
    lengths = sa.values(
        sa.column("episode_id", sa.Integer), sa.column("length_ms", sa.Integer), name="lengths"
    ).data([(e.id, (e.duration_seconds or CLIP_SECONDS) * 1000) for e in episodes])
    clip_ms, length_ms = CLIP_SECONDS * 1000, lengths.c.length_ms
    for model in (Reaction, Comment):
        moment = sa.cast(col(model.timestamp_ms), sa.BigInteger)  # * 62,000 overflows int4
        session.execute(
            sa.update(model)
            .where(col(model.episode_id) == lengths.c.episode_id)
            .values(timestamp_ms=moment * clip_ms / length_ms)
        )


def _add_series(
    session: Session,
    storage: MediaStorage,
    rng: random.Random,
    spec: catalogue.DemoSeries,
    creators: dict[str, int],
    index: int,
    now: datetime,
) -> tuple[Series, list[Episode]]:
    published_at = now - timedelta(days=3 + index * 4, hours=rng.randint(0, 23))
    series = Series(
        creator_id=creators[spec.creator_slug],
        slug=spec.slug,
        title=spec.title,
        logline=spec.logline,
        description=spec.description,
        genre=spec.genre,
        tags=list(spec.tags),
        free_episode_count=3,
        status="published",
        featured_rank=index + 1 if index < 5 else None,
        published_at=published_at,
        created_at=published_at - timedelta(days=10),
    )
    series.cover_key = store_series_cover(storage, series)
    session.add(series)
    session.flush()
    titles = list(
        episode_text.EPISODE_TITLES.get(spec.genre)
        or next(iter(episode_text.EPISODE_TITLES.values()))
    )
    rng.shuffle(titles)
    episodes: list[Episode] = []
    seasons: list[Season] = []
    for pool in _FORMER_NAME_POOLS:
        rng.randrange(pool)
    synopses = episode_text.synopses(
        spec.lead,
        spec.rival,
        sum(count for count, _ in spec.seasons),
        random.Random(f"{SEED}:{spec.slug}"),
    )
    for season_number, (episode_count, price_cents) in enumerate(spec.seasons, start=1):
        season = Season(
            series_id=series.id or 0,
            number=season_number,
            title=f"Season {season_number}",
            price_cents=price_cents,
        )
        session.add(season)
        session.flush()
        seasons.append(season)
        for number in range(1, episode_count + 1):
            title = titles[(len(episodes)) % len(titles)]
            rng.randrange(_FORMER_TEMPLATE_POOL)
            episode = Episode(
                season_id=season.id or 0,
                number=number,
                title=title,
                synopsis=synopses[len(episodes)],
                duration_seconds=rng.randint(62, 178),
                status="published",
                published_at=published_at + timedelta(hours=number),
            )
            session.add(episode)
            episodes.append(episode)
    if len(seasons) > 1:
        _add_bundle(session, series, seasons)
    session.flush()
    return series, episodes


def _add_bundle(session: Session, series: Series, seasons: list[Season]) -> None:
    full_price = sum(season.price_cents for season in seasons)
    # The whole series for 25 % less, rounded down to a price ending in 99 cents.
    price = max(99, (full_price * 3 // 4) // 100 * 100 - 1)
    bundle = Bundle(
        series_id=series.id or 0, title=f"{series.title}: every season", price_cents=price
    )
    session.add(bundle)
    session.flush()
    for season in seasons:
        session.add(BundleSeason(bundle_id=bundle.id or 0, season_id=season.id or 0))


def count_events(session: Session) -> int:
    return int(session.exec(select(sa.func.count()).select_from(AnalyticsEvent)).one())
