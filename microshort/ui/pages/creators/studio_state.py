"""The studio home: a creator's own series (drafts included)."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.content.queries import creator_series
from microshort.content.schemas import StudioSeriesItem
from microshort.db import session_scope
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate


def _series(creator_profile_id: int) -> list[StudioSeriesItem]:
    with session_scope() as session:
        return creator_series(session, creator_profile_id)


class StudioState(rx.State):
    series: list[StudioSeriesItem] = []
    creator_name: str = ""

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        user, redirect = await pass_gate(self, routes.STUDIO)
        if user is None:
            return redirect
        self.creator_name = user.display_name
        self.series = (
            await asyncio.to_thread(_series, user.creator_profile_id)
            if user.creator_profile_id
            else []
        )
