"""Read models handed to the UI: plain, frozen, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from microshort.integrations.image_variants import POSTER_WIDTH, srcset, variant_url


def _derive(item: object, name: str, value: str) -> None:
    """Set a field computed from the others (the dataclasses are frozen)."""
    object.__setattr__(item, name, value)


@dataclass(frozen=True)
class SeriesCard:
    slug: str
    title: str
    genre: str
    logline: str
    cover_url: str
    creator_name: str
    episode_count: int
    # WebP widths of the cover for <img srcset> (and a page head's preload), from cover_url.
    cover_srcset: str = field(init=False, default="")

    def __post_init__(self) -> None:
        _derive(self, "cover_srcset", srcset(self.cover_url))


@dataclass(frozen=True)
class GenreRail:
    genre: str
    series: list[SeriesCard] = field(default_factory=list)


@dataclass(frozen=True)
class HomeView:
    featured: list[SeriesCard] = field(default_factory=list)
    new: list[SeriesCard] = field(default_factory=list)
    genres: list[GenreRail] = field(default_factory=list)
    trending: list[SeriesCard] = field(default_factory=list)


@dataclass(frozen=True)
class ContinueItem:
    """The episode a signed-in viewer stopped in, per series (Continue watching)."""

    series_slug: str
    series_title: str
    cover_url: str
    genre: str
    episode_id: int
    episode_label: str  # "S1 · Ep 4"
    episode_title: str
    percent: int  # 0..100
    cover_srcset: str = field(init=False, default="")

    def __post_init__(self) -> None:
        _derive(self, "cover_srcset", srcset(self.cover_url))


@dataclass(frozen=True)
class HistoryItem:
    series_slug: str
    series_title: str
    cover_url: str
    episode_id: int
    episode_label: str
    episode_title: str
    percent: int
    completed: bool
    watched_label: str  # "Nov 25"
    cover_srcset: str = field(init=False, default="")

    def __post_init__(self) -> None:
        _derive(self, "cover_srcset", srcset(self.cover_url))


@dataclass(frozen=True)
class HistoryPage:
    items: list[HistoryItem] = field(default_factory=list)
    has_more: bool = False


@dataclass(frozen=True)
class SeriesPage:
    """A page of cards (genre pages, search results): `has_more` drives "Load more"."""

    series: list[SeriesCard] = field(default_factory=list)
    has_more: bool = False
    next_offset: int = 0


@dataclass(frozen=True)
class GenrePage:
    genre: str  # as the catalogue spells it ("Romance"); "" when no series has it
    page: SeriesPage = field(default_factory=SeriesPage)


@dataclass(frozen=True)
class CreatorPage:
    slug: str
    display_name: str
    bio: str
    links: list[str]
    avatar_url: str
    follower_count: int  # people following at least one of their series
    series: list[SeriesCard] = field(default_factory=list)


@dataclass(frozen=True)
class SearchPage:
    query: str  # the text actually searched (trimmed, shortened), "" when nothing was
    page: SeriesPage = field(default_factory=SeriesPage)


@dataclass(frozen=True)
class EpisodeItem:
    id: int
    number: int
    position: int  # 1.. across the whole series
    title: str
    synopsis: str
    duration_label: str
    poster_url: str
    locked: bool  # beyond the free episodes and not open to this viewer
    free: bool = False  # one of the series' free episodes
    watched: bool = False  # this viewer finished it
    percent: int = 0  # how far this viewer got, 0..100
    poster_thumb_url: str = field(init=False, default="")  # the smallest WebP of the poster

    def __post_init__(self) -> None:
        _derive(self, "poster_thumb_url", variant_url(self.poster_url, 160))


@dataclass(frozen=True)
class SeasonItem:
    number: int
    title: str
    price_label: str
    episode_count: int
    owned: bool = False
    price_cents: int = 0
    currency: str = "USD"  # this viewer may watch its locked episodes
    episodes: list[EpisodeItem] = field(default_factory=list)


@dataclass(frozen=True)
class SeriesDetail:
    slug: str
    title: str
    logline: str
    description: str
    genre: str
    tags: list[str]
    cover_url: str
    creator_name: str
    creator_slug: str
    free_episode_count: int
    episode_count: int
    first_episode_id: int = 0
    continue_episode_id: int = 0  # where this viewer continues; 0 without progress
    continue_position: int = 0  # its position in the series ("Continue · Ep 5")
    preview: bool = False  # an unpublished series shown to its own creator
    seasons: list[SeasonItem] = field(default_factory=list)
    cover_srcset: str = field(init=False, default="")

    def __post_init__(self) -> None:
        _derive(self, "cover_srcset", srcset(self.cover_url))


@dataclass(frozen=True)
class StudioSeriesItem:
    id: int
    slug: str
    title: str
    status: str
    genre: str
    episode_count: int
    cover_url: str


@dataclass(frozen=True)
class WatchView:
    episode_id: int
    series_slug: str
    series_title: str
    title: str
    synopsis: str
    position: int
    total: int
    locked: bool  # the episode is beyond the free ones
    allowed: bool  # this viewer may watch it
    playable: bool  # its video is ready
    hls_url: str
    poster_url: str
    resume_at: float
    previous_id: int
    next_id: int
    unlock_label: str  # e.g. "Season 1 — $4.99", for the paywall hook
    own_locked: bool = False  # the series' own creator on a locked episode (plays, unpaid)
    # The series' episode grid as this viewer sees it (locks, watched marks), when asked for.
    seasons: list[SeasonItem] = field(default_factory=list)
    next_hls_url: str = ""  # the next episode's stream when this viewer may play it
    # The poster as the one WebP file a <video poster> (and the page head's preload) uses.
    poster_variant_url: str = field(init=False, default="")

    def __post_init__(self) -> None:
        _derive(self, "poster_variant_url", variant_url(self.poster_url, POSTER_WIDTH))


@dataclass(frozen=True)
class StudioEpisode:
    id: int
    title: str
    number: int
    season_number: int
    series_title: str
    series_slug: str
    creator_id: int
    status: str
    failure_reason: str
    progress_percent: int
    poster_url: str
    duration_label: str


@dataclass(frozen=True)
class StudioSeason:
    id: int
    number: int
    title: str
    price_cents: int
    price_label: str
    episodes: list[StudioEpisode] = field(default_factory=list)


@dataclass(frozen=True)
class StudioSeriesDetail:
    id: int
    slug: str
    title: str
    logline: str
    description: str
    genre: str
    tags_text: str
    language: str
    status: str
    cover_url: str
    deleted: bool
    problems: list[str] = field(default_factory=list)
    seasons: list[StudioSeason] = field(default_factory=list)


@dataclass(frozen=True)
class EpisodePreview:
    """What a crawler or a link-preview bot learns about a published episode (no viewer)."""

    episode_id: int
    title: str
    synopsis: str
    number: int
    season_number: int
    position: int  # 1.. across the series' published episodes
    total: int
    duration_seconds: int | None
    poster_url: str
    free: bool
    stream_url: str  # app-relative HLS master of a free, playable local episode; else ""
    published_at: datetime | None
    series_slug: str
    series_title: str
    series_logline: str
    series_cover_url: str
    genre: str
    creator_name: str
    creator_slug: str
    previous_id: int = 0
    next_id: int = 0
