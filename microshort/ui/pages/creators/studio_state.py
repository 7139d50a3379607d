"""The studio home: a creator's own series (drafts included)."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import creator_series
from microshort.content.schemas import StudioEpisode, StudioSeriesItem
from microshort.content.studio import creator_episodes
from microshort.db import session_scope
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate


def _catalogue(creator_profile_id: int) -> tuple[list[StudioSeriesItem], list[StudioEpisode]]:
    with session_scope() as session:
        return (
            creator_series(session, creator_profile_id),
            creator_episodes(session, creator_profile_id),
        )


class StudioState(rx.State):
    series: list[StudioSeriesItem] = []
    episodes: list[StudioEpisode] = []
    creator_name: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.STUDIO)
        if user is None:
            return redirect
        self.creator_name = user.display_name
        self.series, self.episodes = (
            await asyncio.to_thread(_catalogue, user.creator_profile_id)
            if user.creator_profile_id
            else ([], [])
        )
