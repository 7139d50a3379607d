"""Series page state: one series with its seasons and episodes, as the viewer sees them (what
they own, where they stopped)."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.analytics.events import record_series_view
from microshort.content import page_titles
from microshort.content.queries import series_detail
from microshort.content.schemas import SeasonItem, SeriesDetail
from microshort.db import session_scope
from microshort.ui import routes
from microshort.ui.pages.series.social_state import SeriesSocialState
from microshort.ui.state.session_state import SessionState, current_user
from microshort.users.schemas import CurrentUser


def _read_series(
    slug: str, user: CurrentUser | None, anonymous_id: str, utm: dict[str, str]
) -> SeriesDetail | None:
    creator_id = user.creator_profile_id if user and user.is_creator else None
    user_id = user.id if user else None
    with session_scope() as session:
        detail = series_detail(session, slug, preview_for_creator=creator_id, viewer_id=user_id)
        if detail is not None and not detail.preview:
            record_series_view(
                session, slug, user_id=user_id, anonymous_id=anonymous_id or None, utm=utm
            )
        return detail


def _opening_season(detail: SeriesDetail | None) -> str:
    """The tab to open on: the season of the episode the viewer continues with, else the first."""
    for season in detail.seasons if detail else []:
        if any(episode.id == detail.continue_episode_id for episode in season.episodes):
            return str(season.number)
    return "1"


class SeriesState(rx.State):
    series: SeriesDetail | None = None
    seasons: list[SeasonItem] = []
    selected_season: str = "1"
    loaded: bool = False
    missing: bool = False

    @rx.var
    def page_title(self) -> str:
        """The document title the server's first HTML carries too."""
        if self.series is not None:
            return page_titles.series_title(self.series.title)
        return page_titles.NOT_FOUND if self.missing else page_titles.LOADING

    @rx.event
    async def load(self):
        self.loaded = False
        slug = routes.slug_from_path(self.router.url.path, routes.SERIES)
        user = await current_user(self)
        anonymous_id = (await self.get_state(SessionState)).anonymous_id
        utm = dict(self.router.url.query_parameters)
        detail = (
            await asyncio.to_thread(_read_series, slug, user, anonymous_id, utm) if slug else None
        )
        self.series = detail
        self.seasons = detail.seasons if detail else []
        self.selected_season = _opening_season(detail)
        self.missing = detail is None
        self.loaded = True
        if detail is not None and not detail.preview:
            return SeriesSocialState.load  # follow state and "More from this creator"
        return None

    @rx.event
    def select_season(self, value: str) -> None:
        self.selected_season = value
