"""The studio home: a creator's own series (drafts included), episodes, recently deleted."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content import editor
from microshort.content.queries import creator_series
from microshort.content.schemas import StudioEpisode, StudioSeriesItem
from microshort.content.studio import creator_episodes, deleted_series
from microshort.content.studio_summary import (
    AttentionItem,
    FigureCard,
    figure_cards,
    needs_attention,
    week_figures,
)
from microshort.db import session_scope, utcnow
from microshort.errors import DomainError
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access

Catalogue = tuple[list[StudioSeriesItem], list[StudioEpisode], list[list[str]]]
Dashboard = tuple[list[FigureCard], list[AttentionItem]]


def _catalogue(creator_profile_id: int) -> Catalogue:
    with session_scope() as session:
        return (
            creator_series(session, creator_profile_id),
            creator_episodes(session, creator_profile_id),
            [[str(i), title] for i, title in deleted_series(session, creator_profile_id)],
        )


def _dashboard(creator_profile_id: int) -> Dashboard:
    now = utcnow()
    with session_scope() as session:
        return (
            figure_cards(week_figures(session, creator_profile_id, now)),
            needs_attention(session, creator_profile_id, now),
        )


class StudioState(rx.State):
    series: list[StudioSeriesItem] = []
    episodes: list[StudioEpisode] = []
    deleted: list[list[str]] = []  # [id, title] of series that can still be restored
    figures: list[FigureCard] = []  # this week against the last (studio_summary)
    attention: list[AttentionItem] = []
    creator_name: str = ""
    message: str = ""

    async def _refresh(self, creator_profile_id: int) -> None:
        self.series, self.episodes, self.deleted = await asyncio.to_thread(
            _catalogue, creator_profile_id
        )
        self.figures, self.attention = await asyncio.to_thread(_dashboard, creator_profile_id)

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.message = ""
        user, redirect = await pass_gate(self, routes.STUDIO)
        if user is None:
            return redirect
        self.creator_name = user.display_name
        if user.creator_profile_id:
            await self._refresh(user.creator_profile_id)
        return None

    @rx.event
    async def restore(self, series_id: str) -> None:
        user = await require_user(self, Access.CREATOR)
        creator_id = user.creator_profile_id or 0

        def work() -> None:
            with session_scope() as session:
                editor.restore_series(session, creator_id=creator_id, series_id=int(series_id))

        try:
            await asyncio.to_thread(work)
        except DomainError as error:
            self.message = str(error)
            return
        self.message = "Restored."
        await self._refresh(creator_id)
