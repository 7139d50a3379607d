"""Studio: the creator's banned words (comments holding one are hidden from everyone but their
author). State and section in one small file; the studio page shows `banned_words_section()`."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.realtime.banned_words import (
    MAX_WORD_LENGTH,
    MAX_WORDS,
    creator_banned_words,
    set_banned_words,
)
from microshort.ui.components.forms import notice
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import Access


def _read(user_id: int) -> list[str]:
    with session_scope() as session:
        return creator_banned_words(session, user_id=user_id)


def _save(user_id: int, text: str) -> list[str]:
    with session_scope() as session:
        return set_banned_words(session, user_id=user_id, text=text)


class BannedWordsState(rx.State):
    text: str = ""
    message: str = ""
    error: str = ""

    @rx.event
    async def load(self) -> None:
        self.message = self.error = ""
        try:
            user = await require_user(self, Access.CREATOR)
            self.text = ", ".join(await asyncio.to_thread(_read, user.id))
        except DomainError as error:
            self.error = str(error)

    @rx.event
    async def save(self, form: dict[str, str]) -> None:
        try:
            user = await require_user(self, Access.CREATOR)
            words = await asyncio.to_thread(_save, user.id, str(form.get("words", "")))
        except DomainError as error:
            self.error, self.message = str(error), ""
            return
        self.text, self.error = ", ".join(words), ""
        self.message = (
            f"Saved {len(words)} word{'' if len(words) == 1 else 's'}. "
            "Matching comments are hidden now, old ones included."
            if words
            else "Saved: no words are filtered."
        )


def banned_words_section() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Banned words in comments", size="4", as_="h2"),
                rx.text(
                    "Comments on your episodes that contain one of these words are hidden from "
                    "everyone but their author. Separate words with commas or new lines "
                    f"(up to {MAX_WORDS}, each under {MAX_WORD_LENGTH} characters).",
                    size="2",
                    color_scheme="gray",
                ),
                rx.text_area(
                    name="words",
                    id="banned-words",
                    default_value=BannedWordsState.text,
                    key=BannedWordsState.text,  # show the saved, cleaned list after a save
                    placeholder="spoiler, idiot",
                    aria_label="Banned words",
                    rows="3",
                    width="100%",
                ),
                notice(BannedWordsState.error),
                notice(BannedWordsState.message, color="green"),
                rx.button("Save words", type="submit"),
                spacing="3",
                align="start",
                width="100%",
            ),
            on_submit=BannedWordsState.save,
            reset_on_submit=False,
        ),
        width="100%",
        on_mount=BannedWordsState.load,
        class_name="banned-words",
    )
