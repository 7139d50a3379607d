"""One episode row of the series editor: its edit dialog (title, synopsis) and its delete
confirmation. Writes go through EditorState._write (role, ownership, one transaction, a fresh
series afterwards); their errors show inside the dialog rather than on the page."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from microshort.content import episode_editor
from microshort.content.episode_editor import EpisodeText
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.ui.pages.studio.editor_state import EditorState


def _text(creator_id: int, episode_id: int) -> EpisodeText:
    with session_scope() as session:
        return episode_editor.episode_text(session, creator_id=creator_id, episode_id=episode_id)


class EpisodeRowState(rx.State):
    editing_id: int = 0
    edit_number: int = 0
    edit_title: str = ""
    edit_synopsis: str = ""
    edit_error: str = ""
    edit_field: str = ""  # "title", "synopsis" or "" (an error about the whole episode)
    deleting_id: int = 0
    delete_question: str = ""
    delete_error: str = ""

    async def _run(self, work: Callable[[Session, int], object], done: str) -> str:
        """The write as the signed-in creator; returns its error ("" when it went through)."""
        page = await self.get_state(EditorState)
        ok = await page._write(lambda s, c: work(s, c) or True, done)
        if ok:
            return ""
        error, field = page.error, page.field
        page.error = page.field = ""
        self.edit_field = field
        return error or "Something went wrong. Try again."

    @rx.event
    async def start_edit(self, episode_id: int) -> None:
        page = await self.get_state(EditorState)
        page.message = ""
        try:
            creator_id = await page._creator_id()
            text = await asyncio.to_thread(_text, creator_id, episode_id)
        except DomainError as error:
            page.error, page.field = str(error), ""
            return
        self.edit_number, self.edit_title, self.edit_synopsis = (
            text.number,
            text.title,
            text.synopsis,
        )
        self.edit_error = self.edit_field = ""
        self.editing_id = text.id

    @rx.event
    def edit_dialog(self, open_: bool) -> None:
        if not open_:
            self.editing_id, self.edit_error, self.edit_field = 0, "", ""

    @rx.event
    async def save_edit(self, form: dict[str, str]) -> None:
        episode_id = self.editing_id
        if not episode_id:
            return
        title, synopsis = form.get("episode_title", ""), form.get("episode_synopsis", "")
        self.edit_title, self.edit_synopsis = title, synopsis  # kept if the dialog re-renders
        self.edit_error = await self._run(
            lambda s, c: episode_editor.edit_episode(
                s, creator_id=c, episode_id=episode_id, title=title, synopsis=synopsis
            ),
            f"Episode {self.edit_number} saved.",
        )
        if not self.edit_error:
            self.editing_id, self.edit_field = 0, ""

    @rx.event
    def ask_delete(self, episode_id: int, number: int, title: str) -> None:
        self.delete_question = (
            f"Delete episode {number} '{title}'? Its video, comments, reactions and viewing "
            "history go too, and the episodes after it move up one number."
        )
        self.delete_error = ""
        self.deleting_id = episode_id

    @rx.event
    def delete_dialog(self, open_: bool) -> None:
        if not open_:
            self.deleting_id, self.delete_error = 0, ""

    @rx.event
    async def confirm_delete(self) -> None:
        episode_id = self.deleting_id
        if not episode_id:
            return
        self.delete_error = await self._run(
            lambda s, c: episode_editor.delete_episode(s, creator_id=c, episode_id=episode_id),
            "Episode deleted.",
        )
        self.edit_field = ""
        if not self.delete_error:
            self.deleting_id = 0
