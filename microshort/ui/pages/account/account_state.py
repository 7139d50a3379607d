"""Account: profile, email, password, sessions, notices, deletion. Every handler re-checks."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.integrations.images import MAX_UPLOAD_BYTES, ImageRejected
from microshort.notify.outbox import deliver_pending_soon
from microshort.notify.schemas import NotificationItem
from microshort.notify.service import mark_read, unread_notifications
from microshort.typed_input import typed
from microshort.ui import routes
from microshort.ui.state.gate import pass_gate
from microshort.ui.state.session_state import require_user, sign_out
from microshort.users import accounts, sessions
from microshort.users.avatars import AvatarChange, replace_avatar
from microshort.users.schemas import CurrentUser, SessionItem


def _overview(user: CurrentUser) -> tuple[list[SessionItem], list[NotificationItem]]:
    with session_scope() as session:
        return (sessions.active_sessions(session, user), unread_notifications(session, user.id))


class AccountState(rx.State):
    display_name: str = ""
    avatar_url: str = ""
    email: str = ""
    email_verified: bool = True
    sessions: list[SessionItem] = []
    notices: list[NotificationItem] = []
    message: str = ""
    error: str = ""
    section: str = ""  # which form the message/error belongs to

    def _say(self, section: str, message: str = "", error: str = "") -> None:
        self.section, self.message, self.error = section, message, error

    async def _reload(self) -> CurrentUser:
        user = await require_user(self)
        self.display_name, self.email = user.display_name, user.email
        self.avatar_url = user.avatar_url
        self.email_verified = user.email_verified
        self.sessions, self.notices = await asyncio.to_thread(_overview, user)
        return user

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self._say("")
        user, redirect = await pass_gate(self, routes.ACCOUNT)
        if user is None:
            return redirect
        await self._reload()
        return None

    @rx.event
    async def upload_avatar(self, files: list[rx.UploadFile]) -> None:
        user = await require_user(self)
        if not files:
            return
        # Read one byte more than allowed: enough to know it is too big, never the whole file.
        data = await files[0].read(MAX_UPLOAD_BYTES + 1)
        storage = media_storage()

        def work() -> AvatarChange:
            with session_scope() as session:
                return replace_avatar(session, storage, user_id=user.id, data=data)

        try:
            change = await asyncio.to_thread(work)
        except ImageRejected as error:
            self._say("profile", error=str(error))
            return
        if change.replaced_key:
            await asyncio.to_thread(storage.delete_sync, change.replaced_key)
        await self._reload()
        self._say("profile", "New picture saved.")

    @rx.event
    async def save_profile(self, form: dict[str, str]) -> None:
        user = await require_user(self)

        def work() -> None:
            with session_scope() as session:
                accounts.update_profile(
                    session, user_id=user.id, display_name=form.get("display_name", "")
                )

        try:
            await asyncio.to_thread(work)
        except InvalidInput as error:
            self._say("profile", error=str(error))
            return
        await self._reload()
        self._say("profile", "Saved.")

    @rx.event
    async def change_email(self, form: dict[str, str]) -> None:
        user = await require_user(self)

        def work() -> None:
            with session_scope() as session:
                accounts.request_email_change(
                    session,
                    user_id=user.id,
                    new_email=form.get("new_email", ""),
                    password=form.get("password", ""),
                    base_url=get_settings().base_url,
                )

        try:
            await asyncio.to_thread(work)
        except InvalidInput as error:
            self._say("email", error=str(error))
            return
        await deliver_pending_soon()
        self._say("email", "Check your new inbox: the change happens when you open the link.")

    @rx.event
    async def change_password(self, form: dict[str, str]) -> None:
        user = await require_user(self)

        def work() -> int:
            with session_scope() as session:
                return accounts.change_password(
                    session,
                    user_id=user.id,
                    current=form.get("current_password", ""),
                    new=form.get("new_password", ""),
                    keep_session_id=user.session_id,
                )

        try:
            ended = await asyncio.to_thread(work)
        except InvalidInput as error:
            self._say("password", error=str(error))
            return
        await self._reload()
        self._say("password", f"Password changed. {ended} other session(s) were logged out.")

    @rx.event
    async def log_out_elsewhere(self) -> None:
        user = await require_user(self)

        def work() -> int:
            with session_scope() as session:
                return sessions.revoke_all(session, user.id, except_session_id=user.session_id)

        ended = await asyncio.to_thread(work)
        await self._reload()
        self._say("sessions", f"Logged out {ended} other session(s).")

    @rx.event
    async def dismiss_notice(self, notice_id: int) -> None:
        user = await require_user(self)

        def work() -> None:
            with session_scope() as session:
                mark_read(session, user.id, notice_id)

        await asyncio.to_thread(work)
        await self._reload()

    @rx.event
    async def delete_account(self, form: dict[str, str]):
        user = await require_user(self)
        if typed(form.get("confirm")).strip().upper() != "DELETE":
            self._say("delete", error="Type DELETE to confirm.")
            return

        def work() -> None:
            with session_scope() as session:
                accounts.delete_account(session, user_id=user.id, password=form.get("password", ""))

        try:
            await asyncio.to_thread(work)
        except InvalidInput as error:
            self._say("delete", error=str(error))
            return
        yield sign_out()
