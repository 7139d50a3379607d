"""Read models of the social domain handed to the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from microshort.content.schemas import ContinueItem, HistoryPage, SeriesCard


@dataclass(frozen=True)
class SeriesSocial:
    """A series' public follower count and what this viewer did with it."""

    follower_count: int = 0
    following: bool = False
    favourited: bool = False


@dataclass(frozen=True)
class LibraryView:
    following: list[SeriesCard] = field(default_factory=list)
    favourites: list[SeriesCard] = field(default_factory=list)
    continue_watching: list[ContinueItem] = field(default_factory=list)
    history: HistoryPage = field(default_factory=HistoryPage)
