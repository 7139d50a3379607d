"""What the sitemap lists: every public page a crawler may index, with when it last changed.

Listed series (published, not deleted, with a published episode), their free episodes that
play, approved creators and the genres of listed series; never drafts, hidden or locked
things. Four statements whatever the size of the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.content.browse import genre_key
from microshort.content.cards import has_published_episode, listed
from microshort.content.models import (
    AssetStatus,
    Episode,
    EpisodeStatus,
    Season,
    Series,
    VideoAsset,
)
from microshort.users.models import ApprovalStatus, CreatorProfile


@dataclass(frozen=True)
class SitemapEntry:
    path: str  # app path of the canonical URL ("/series/she-came-back-in-red")
    lastmod: datetime


def _latest_episode_change() -> sa.ScalarSelect[datetime]:
    """The newest update among a series' published episodes (correlated to Series)."""
    return (
        sa.select(sa.func.max(col(Episode.updated_at)))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(
            col(Season.series_id) == col(Series.id), col(Episode.status) == EpisodeStatus.PUBLISHED
        )
        .scalar_subquery()
    )


def _series_rows(session: Session) -> list[tuple[str, str, int, datetime]]:
    changed = sa.func.greatest(col(Series.updated_at), _latest_episode_change())
    rows = session.execute(
        sa.select(col(Series.slug), col(Series.genre), col(Series.creator_id), changed)
        .where(listed(), has_published_episode(col(Series.id)))
        .order_by(col(Series.id))
    ).all()
    return [(slug, genre, creator_id, changed) for slug, genre, creator_id, changed in rows]


def _free_episodes(session: Session) -> list[SitemapEntry]:
    """Published, playable episodes within their listed series' free count."""
    position = (
        sa.func.row_number()
        .over(
            partition_by=col(Season.series_id), order_by=(col(Season.number), col(Episode.number))
        )
        .label("position")
    )
    ordered = (
        sa.select(
            col(Episode.id).label("id"),
            col(Episode.updated_at).label("updated_at"),
            col(Episode.video_asset_id).label("asset_id"),
            col(Series.free_episode_count).label("free"),
            col(Series.updated_at).label("series_updated_at"),
            position,
        )
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(listed(), col(Episode.status) == EpisodeStatus.PUBLISHED)
        .subquery("ordered")
    )
    rows = session.execute(
        sa.select(ordered.c.id, sa.func.greatest(ordered.c.updated_at, ordered.c.series_updated_at))
        .join(VideoAsset, col(VideoAsset.id) == ordered.c.asset_id)
        .where(ordered.c.position <= ordered.c.free, col(VideoAsset.status) == AssetStatus.READY)
        .order_by(ordered.c.id)
    ).all()
    return [SitemapEntry(f"/watch/{episode_id}", changed) for episode_id, changed in rows]


def sitemap_entries(session: Session) -> list[SitemapEntry]:
    series = _series_rows(session)
    entries = [SitemapEntry(f"/series/{slug}", changed) for slug, _, _, changed in series]
    entries += _free_episodes(session)
    latest_of_creator: dict[int, datetime] = {}
    latest_of_genre: dict[str, datetime] = {}
    for _, genre, creator_id, changed in series:
        latest_of_creator[creator_id] = max(changed, latest_of_creator.get(creator_id, changed))
        key = genre_key(genre)
        latest_of_genre[key] = max(changed, latest_of_genre.get(key, changed))
    creators = session.execute(
        sa.select(col(CreatorProfile.id), col(CreatorProfile.slug), col(CreatorProfile.updated_at))
        .where(col(CreatorProfile.approval_status) == ApprovalStatus.APPROVED)
        .order_by(col(CreatorProfile.id))
    ).all()
    entries += [
        SitemapEntry(f"/creators/{slug}", max(updated, latest_of_creator.get(creator_id, updated)))
        for creator_id, slug, updated in creators
    ]
    entries += [
        SitemapEntry(f"/genres/{quote(key)}", changed)
        for key, changed in sorted(latest_of_genre.items())
    ]
    if entries:
        newest = max(entry.lastmod for entry in entries)
        entries = [SitemapEntry("/", newest), SitemapEntry("/search", newest), *entries]
    return entries
