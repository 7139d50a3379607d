"""Comments beside the player: one viewer's page of comments, the composer, hide/pin, reports.

Every handler re-reads the signed-in user on the server; ownership is checked by the domain
(microshort/realtime/comments.py, microshort/admin/reports.py). A posted comment is announced
to the episode's room after the commit; other viewers' pages reload through `live_notice`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from microshort.admin.reports import report_comment
from microshort.api.rooms import room_broker
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.ratelimit import rate_limiter
from microshort.realtime import comment_likes, comments
from microshort.realtime.schemas import CommentItem, CommentPage
from microshort.typed_input import typed
from microshort.ui import routes
from microshort.ui.state.session_state import current_user

log = logging.getLogger(__name__)

LIVE_RELOAD_SECONDS = 1.0  # live notices closer together than this reuse the last reload
# The player's current position, read in the browser when the viewer posts.
PLAYER_TIME_JS = (
    "(() => { const v = document.querySelector('[data-testid=player-video]');"
    " return v && isFinite(v.currentTime) ? v.currentTime : 0; })()"
)


def _page(episode_id: int, viewer_id: int | None, sort: str, limit: int) -> CommentPage:
    with session_scope() as session:
        return comments.list_comments(
            session,
            episode_id=episode_id,
            viewer_id=viewer_id,
            sort="newest" if sort == "newest" else "moment",
            limit=limit,
        )


def _post(user_id: int | None, episode_id: int, body: str, timestamp_ms: int) -> int:
    with session_scope() as session:
        return comments.post_comment(
            session,
            user_id=user_id,
            episode_id=episode_id,
            body=body,
            timestamp_ms=timestamp_ms,
            limiter=rate_limiter(),
        )


def _like(user_id: int, comment_id: int, liked: bool) -> int:
    with session_scope() as session:
        return comment_likes.like_comment(
            session, user_id=user_id, comment_id=comment_id, liked=liked, limiter=rate_limiter()
        )


def _write(work: Callable[[Session], object]) -> None:
    with session_scope() as session:
        work(session)


class CommentsState(rx.State):
    items: list[CommentItem] = []
    total: int = 0
    has_more: bool = False
    can_moderate: bool = False
    sort: str = "moment"  # moment | newest
    limit: int = comments.PAGE_SIZE
    draft: str = ""
    error: str = ""  # the composer's
    notice: str = ""  # after a moderation action or a report
    notice_failed: bool = False
    report_id: int = 0  # the comment whose report dialog is open
    report_error: str = ""
    sheet_open: bool = False  # the phone's bottom sheet
    _episode_id: int = 0
    _body: str = ""  # the submitted text, waiting for the player's position
    _loaded_at: float = 0.0

    @rx.var
    def login_href(self) -> str:
        return f"{routes.LOGIN}?next={quote(self.router.url.path or '/', safe='')}"

    @rx.var
    def count_label(self) -> str:
        return str(self.total) if self.total < 1000 else f"{self.total / 1000:.1f}k"

    async def _reload(self) -> None:
        user = await current_user(self)
        page = await asyncio.to_thread(
            _page, self._episode_id, user.id if user else None, self.sort, self.limit
        )
        self.items, self.total, self.has_more = page.items, page.total, page.has_more
        self.can_moderate = page.can_moderate
        self._loaded_at = time.time()

    @rx.event
    async def load(self) -> None:
        text = routes.slug_from_path(self.router.url.path, routes.WATCH)
        self._episode_id = int(text) if text.isdigit() else 0
        self.limit, self.draft, self.error, self.notice = comments.PAGE_SIZE, "", "", ""
        self.report_id, self.sheet_open = 0, False
        await self._reload()

    @rx.event
    async def set_sort(self, sort: str | list[str]) -> None:
        self.sort = "newest" if sort == "newest" else "moment"
        await self._reload()

    @rx.event
    async def show_more(self) -> None:
        self.limit = min(self.limit + comments.PAGE_SIZE, 500)
        await self._reload()

    @rx.event
    def set_draft(self, text: str) -> None:
        self.draft = typed(text)[: comments.MAX_BODY + 50]
        self.error = ""

    @rx.event
    def toggle_sheet(self) -> None:
        self.sheet_open = not self.sheet_open

    @rx.event
    def submit(self, form: dict[str, str]) -> rx.event.EventSpec:
        """Keep the text, then ask the browser where the player is (post_at gets the answer)."""
        self._body = str(form.get("body", ""))
        return rx.call_script(PLAYER_TIME_JS, callback=CommentsState.post_at)

    @rx.event
    async def post_at(self, seconds: float) -> None:
        user = await current_user(self)
        try:
            position = float(seconds)
        except (TypeError, ValueError):
            position = 0.0
        moment_ms = round(position * 1000) if math.isfinite(position) and position > 0 else 0
        episode_id = self._episode_id
        try:
            comment_id = await asyncio.to_thread(
                _post, user.id if user else None, episode_id, self._body, moment_ms
            )
        except DomainError as error:
            self.error = str(error)
            return
        self._body, self.draft, self.error = "", "", ""
        await self._reload()
        try:  # after the commit: other viewers in the room reload their page
            await room_broker().publish(str(episode_id), {"type": "comment", "id": comment_id})
        except Exception:
            log.exception("announcing comment %s in room %s", comment_id, episode_id)

    @rx.event
    async def live_notice(self, comment_id: int) -> None:
        """Someone commented in this episode's room: reload, at most once a second."""
        if not self._episode_id or time.time() - self._loaded_at < LIVE_RELOAD_SECONDS:
            return
        await self._reload()

    def _put(self, changed: CommentItem) -> None:
        self.items = [changed if item.id == changed.id else item for item in self.items]

    @rx.event
    async def toggle_like(self, comment_id: int):
        """Flip the heart at once, then save; on an error put it back and say why."""
        user = await current_user(self)
        if user is None:
            yield rx.redirect(self.login_href)
            return
        before = next((item for item in self.items if item.id == int(comment_id)), None)
        if before is None:
            return
        liked = not before.liked
        self._put(replace(before, liked=liked, likes=max(0, before.likes + (1 if liked else -1))))
        self.error = ""
        yield  # the browser shows the new state before the server answers
        try:
            likes = await asyncio.to_thread(_like, user.id, before.id, liked)
        except DomainError as error:
            self._put(before)
            self.error = str(error)
            return
        self._put(replace(before, liked=liked, likes=likes))

    async def _moderate(self, work: Callable[[Session, int], object], done: str) -> None:
        user = await current_user(self)
        if user is None:
            self.notice, self.notice_failed = "Sign in first.", True
            return
        try:
            await asyncio.to_thread(_write, lambda session: work(session, user.id))
        except DomainError as error:
            self.notice, self.notice_failed = str(error), True
            return
        self.notice, self.notice_failed = done, False
        await self._reload()

    @rx.event
    async def hide(self, comment_id: int, hidden: bool) -> None:
        await self._moderate(
            lambda s, uid: comments.set_hidden(
                s, user_id=uid, comment_id=int(comment_id), hidden=bool(hidden)
            ),
            "Hidden from viewers." if hidden else "Visible again.",
        )

    @rx.event
    async def pin(self, comment_id: int, pinned: bool) -> None:
        await self._moderate(
            lambda s, uid: comments.set_pinned(
                s, user_id=uid, comment_id=int(comment_id), pinned=bool(pinned)
            ),
            "Pinned to the top." if pinned else "Unpinned.",
        )

    @rx.event
    def open_report(self, comment_id: int) -> None:
        self.report_id, self.report_error = int(comment_id), ""

    @rx.event
    def report_dialog(self, is_open: bool) -> None:
        if not is_open:
            self.report_id = 0

    @rx.event
    async def submit_report(self, form: dict[str, str]) -> None:
        kind, details = str(form.get("kind", "")).strip(), str(form.get("details", "")).strip()
        reason = f"{kind}: {details}" if kind and details else kind or details
        user = await current_user(self)
        comment_id = self.report_id
        try:
            await asyncio.to_thread(
                _write,
                lambda session: report_comment(
                    session, user_id=user.id if user else None, comment_id=comment_id, reason=reason
                ),
            )
        except DomainError as error:
            self.report_error = str(error)
            return
        self.report_id, self.report_error = 0, ""
        self.notice, self.notice_failed = "Thanks: an admin will review this comment.", False
