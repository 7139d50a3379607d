"""Studio share kit: the series' share link, per-channel links, QR code and what they brought.
Ownership is checked on the server (social/share_kit.py) at every load."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.config import get_settings
from microshort.db import session_scope, utcnow
from microshort.errors import DomainError
from microshort.social.share_kit import ShareKit, share_kit, turn_off_kit_link
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access
from microshort.users.schemas import CurrentUser


def _read(user: CurrentUser, series_id: int, base_url: str) -> ShareKit:
    with session_scope() as session:
        return share_kit(session, user, series_id, base_url=base_url)


def _replace(user: CurrentUser, series_id: int, channel: str, base_url: str) -> ShareKit:
    with session_scope() as session:
        turn_off_kit_link(session, user, series_id, channel, now=utcnow())
        return share_kit(session, user, series_id, base_url=base_url)


class ShareKitState(rx.State):
    kit: ShareKit | None = None
    error: str = ""
    copied: str = ""  # the channel whose link was just copied

    def _series_id(self) -> int:
        text = routes.slug_from_path(self.router.url.path, routes.STUDIO_SHARE)
        return int(text) if text.isdigit() and int(text) < 2**31 else 0

    @rx.event
    async def load(self):
        self.kit, self.error, self.copied = None, "", ""
        user, redirect = await pass_gate(self, routes.STUDIO_SHARE)
        if user is None:
            return redirect
        # The page's own origin, so the links are the ones this browser can open.
        base = self.router.url.origin or get_settings().base_url
        try:
            self.kit = await asyncio.to_thread(_read, user, self._series_id(), base)
        except DomainError as error:
            self.error = str(error)
        return None

    @rx.event
    async def replace_link(self, channel: str):
        """Turn the channel's link off and show its new one."""
        user = await require_user(self, Access.CREATOR)
        base = self.router.url.origin or get_settings().base_url
        try:
            self.kit = await asyncio.to_thread(_replace, user, self._series_id(), channel, base)
            self.error, self.copied = "", ""
        except DomainError as error:
            self.error = str(error)

    @rx.event
    def copy(self, channel: str, url: str):
        self.copied = channel
        return rx.set_clipboard(url)
