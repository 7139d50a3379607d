"""The series editor: details, cover, seasons and prices, episodes and their order, the
publish workflow and deletion. Every handler re-checks the role and the ownership."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from microshort.bootstrap import media_storage
from microshort.content import editor, studio
from microshort.content.genres import GENRES, LANGUAGES
from microshort.content.models import Series
from microshort.content.pricing import parse_price
from microshort.content.schemas import StudioSeriesDetail
from microshort.db import session_scope
from microshort.errors import DomainError, InvalidInput
from microshort.integrations.image_variants import delete_with_variants
from microshort.integrations.images import MAX_UPLOAD_BYTES, ImageRejected
from microshort.payments import bundles
from microshort.ui import routes
from microshort.ui.state.gate import GateState, pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access

T = TypeVar("T")


# The error field of one season's price is this and its id (the new-season form owns "price").
SEASON_PRICE_FIELD = "season-price-"


def _read(creator_id: int, series_id: int) -> tuple[StudioSeriesDetail, int, int]:
    """The series, its free-episode count and its whole-series bundle discount (0: none)."""
    with session_scope() as session:
        detail = studio.studio_series(session, creator_id, series_id)
        series = session.get_one(Series, series_id)
        offers = bundles.series_bundles(session, creator_id=creator_id, series_id=series_id)
        whole = next((offer for offer in offers if offer.whole_series), None)
        return detail, series.free_episode_count, whole.saving_percent if whole else 0


class EditorState(rx.State):
    detail: StudioSeriesDetail | None = None
    free_episodes: int = 3
    bundle_discount: int = 0
    is_new: bool = False
    error: str = ""
    field: str = ""
    message: str = ""
    genres: list[str] = list(GENRES)
    languages: list[list[str]] = [[code, name] for code, name in LANGUAGES.items()]

    @rx.var
    def share_kit_url(self) -> str:
        return routes.studio_share_url(self.detail.id) if self.detail else ""

    def _series_id(self) -> int:
        text = routes.slug_from_path(self.router.url.path, routes.STUDIO_SERIES)
        return int(text) if text.isdigit() else 0

    async def _creator_id(self) -> int:
        user = await require_user(self, Access.CREATOR)
        return user.creator_profile_id or 0

    async def _write(self, work: Callable[[Session, int], T], done: str = "") -> T | None:
        """Run one write in a transaction as the signed-in creator; show errors by field."""
        creator_id = await self._creator_id()

        def run() -> T:
            with session_scope() as session:
                return work(session, creator_id)

        self.error = self.field = self.message = ""
        try:
            result = await asyncio.to_thread(run)
        except InvalidInput as error:
            self.error, self.field = str(error), error.field or ""
            return None
        except DomainError as error:
            self.error = str(error)
            return None
        if self.detail is not None:
            self.detail, self.free_episodes, self.bundle_discount = await asyncio.to_thread(
                _read, creator_id, self.detail.id
            )
        self.message = done
        return result

    @rx.event
    async def load(self):
        self.error = self.field = self.message = ""
        user, redirect = await pass_gate(self, routes.STUDIO_SERIES)
        if user is None:
            return redirect
        self.is_new = routes.slug_from_path(self.router.url.path, routes.STUDIO_SERIES) == "new"
        if self.is_new:
            self.detail = None
            return None
        try:
            self.detail, self.free_episodes, self.bundle_discount = await asyncio.to_thread(
                _read, user.creator_profile_id or 0, self._series_id()
            )
        except DomainError as error:
            gate = await self.get_state(GateState)
            gate.status, gate.message = "denied", str(error)
        return None

    @rx.event
    async def save_details(self, form: dict[str, str]):
        series_id = None if self.is_new or self.detail is None else self.detail.id
        saved = await self._write(
            lambda s, c: (
                editor.save_series(
                    s,
                    creator_id=c,
                    series_id=series_id,
                    title=form.get("title", ""),
                    logline=form.get("logline", ""),
                    description=form.get("description", ""),
                    genre=form.get("genre", ""),
                    tags=form.get("tags", ""),
                    language=form.get("language", "en"),
                    slug=form.get("slug", ""),
                ).id
            ),
            "Saved.",
        )
        if saved and self.is_new:
            return rx.redirect(f"/studio/series/{saved}")
        return None

    @rx.event
    async def upload_cover(self, files: list[rx.UploadFile]) -> None:
        if not files or self.detail is None:
            return
        data = await files[0].read(MAX_UPLOAD_BYTES + 1)
        storage, series_id = media_storage(), self.detail.id
        try:
            old = await self._write(
                lambda s, c: editor.set_cover(
                    s, storage, creator_id=c, series_id=series_id, data=data
                ),
                "New cover saved.",
            )
        except ImageRejected as error:
            self.error, self.field = str(error), "cover"
            return
        if old:
            await asyncio.to_thread(delete_with_variants, storage, old)

    @rx.event
    async def add_season(self, form: dict[str, str]) -> None:
        if self.detail is None:
            return
        try:
            cents = parse_price(form.get("price", ""))
        except ValueError as error:
            self.error, self.field = str(error), "price"
            return
        series_id = self.detail.id
        await self._write(
            lambda s, c: editor.add_season(
                s,
                creator_id=c,
                series_id=series_id,
                price_cents=cents,
                currency=form.get("currency", "USD"),
            ),
            "Season added.",
        )

    @rx.event
    async def save_season_price(self, form: dict[str, str]) -> None:
        """A season's new price; its error shows next to that season's field."""
        season_id = int(form.get("season_id", "0") or 0)
        where = f"{SEASON_PRICE_FIELD}{season_id}"
        try:
            cents = parse_price(form.get("price", ""))
        except ValueError as error:
            self.error, self.field = str(error), where
            return
        await self._write(
            lambda s, c: editor.set_season_price(
                s, creator_id=c, season_id=season_id, price_cents=cents
            ),
            "Season price saved.",
        )
        if self.field == "price":
            self.field = where

    @rx.event
    async def add_episode(self, form: dict[str, str]) -> None:
        season_id = int(form.get("season_id", "0") or 0)
        await self._write(
            lambda s, c: editor.add_episode(
                s,
                creator_id=c,
                season_id=season_id,
                title=form.get("title", ""),
                synopsis=form.get("synopsis", ""),
            ),
            "Episode added. Upload its video next.",
        )

    @rx.event
    async def move_episode(self, season_id: int, episode_id: int, step: int) -> None:
        if self.detail is None:
            return
        season = next((s for s in self.detail.seasons if s.id == season_id), None)
        if season is None:
            return
        order = [episode.id for episode in season.episodes]
        index = order.index(episode_id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        await self._write(
            lambda s, c: editor.reorder_episodes(
                s, creator_id=c, season_id=season_id, episode_ids=order
            )
        )

    @rx.event
    async def save_pricing(self, form: dict[str, str]) -> None:
        """Free episodes, and the whole-series bundle discount (0 = no bundle)."""
        if self.detail is None:
            return
        series_id = self.detail.id
        free, discount = form.get("free_episodes", ""), form.get("discount", "0") or "0"
        if not free.isdigit() or not discount.isdigit():
            self.error, self.field = "Use whole numbers.", "free_episodes"
            return

        def work(session: Session, creator_id: int) -> None:
            bundles.set_free_episode_count(
                session, creator_id=creator_id, series_id=series_id, count=int(free)
            )
            current = bundles.series_bundles(session, creator_id=creator_id, series_id=series_id)
            whole = next((offer for offer in current if offer.whole_series), None)
            if int(discount) > 0:
                bundles.save_bundle(
                    session,
                    creator_id=creator_id,
                    series_id=series_id,
                    discount_percent=int(discount),
                    bundle_id=whole.bundle_id if whole else None,
                )
            elif whole and whole.bundle_id:
                bundles.withdraw_bundle(session, creator_id=creator_id, bundle_id=whole.bundle_id)

        await self._write(work, "Pricing saved.")

    @rx.event
    async def publish(self) -> None:
        if self.detail is not None:
            series_id = self.detail.id
            await self._write(
                lambda s, c: editor.publish_series(s, creator_id=c, series_id=series_id),
                "Published: viewers can find it now.",
            )

    @rx.event
    async def set_hidden(self, hidden: bool) -> None:
        if self.detail is not None:
            series_id = self.detail.id
            await self._write(
                lambda s, c: editor.set_hidden(s, creator_id=c, series_id=series_id, hidden=hidden),
                "Hidden from viewers." if hidden else "Visible again.",
            )

    @rx.event
    async def delete(self):
        if self.detail is None:
            return None
        series_id = self.detail.id
        done = await self._write(
            lambda s, c: editor.delete_series(s, creator_id=c, series_id=series_id) or True
        )
        return rx.redirect("/studio") if done else None
