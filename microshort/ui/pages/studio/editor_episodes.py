"""The series editor's episode rows: open, reorder, edit (title, synopsis) and delete."""

from __future__ import annotations

import reflex as rx

from microshort.content.episode_editor import SYNOPSIS_MAX, TITLE_MAX
from microshort.content.schemas import StudioEpisode, StudioSeason
from microshort.ui.components.forms import field, text_area
from microshort.ui.components.status_chip import status_chip
from microshort.ui.pages.studio.editor_episodes_state import EpisodeRowState as R
from microshort.ui.pages.studio.editor_state import EditorState as E


def _edit_err(name: str) -> rx.Var[str]:
    return rx.cond(R.edit_field == name, R.edit_error, "")


def episode_row(season: rx.Var[StudioSeason], item: rx.Var[StudioEpisode]) -> rx.Component:
    name = "episode " + item.number.to_string()
    return rx.hstack(
        rx.text(item.number.to_string(), weight="bold", width="24px"),
        rx.link(item.title, href="/studio/episodes/" + item.id.to_string(), flex="1"),
        status_chip(item.status, class_name="episode-status"),
        rx.icon_button(
            rx.icon("pencil", size=14),
            variant="ghost",
            size="1",
            aria_label="Edit " + name,
            title="Edit title and synopsis",
            on_click=R.start_edit(item.id),
        ),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            variant="ghost",
            size="1",
            color_scheme="red",
            aria_label="Delete " + name,
            title="Delete episode",
            on_click=R.ask_delete(item.id, item.number, item.title),
        ),
        rx.icon_button(
            rx.icon("arrow-up", size=14),
            variant="ghost",
            size="1",
            aria_label="Move up",
            on_click=E.move_episode(season.id, item.id, -1),
        ),
        rx.icon_button(
            rx.icon("arrow-down", size=14),
            variant="ghost",
            size="1",
            aria_label="Move down",
            on_click=E.move_episode(season.id, item.id, 1),
        ),
        width="100%",
        align="center",
        class_name="studio-episode-row",
    )


def _edit_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Edit episode ", R.edit_number.to_string()),
            rx.form(
                rx.vstack(
                    field(
                        "Episode title",
                        "episode_title",
                        default_value=R.edit_title,
                        hint=f"Up to {TITLE_MAX} characters.",
                        error=_edit_err("title"),
                    ),
                    text_area(
                        "Synopsis",
                        "episode_synopsis",
                        default_value=R.edit_synopsis,
                        hint=f"Optional, up to {SYNOPSIS_MAX} characters.",
                        error=_edit_err("synopsis"),
                    ),
                    rx.cond(
                        _edit_err("") != "",
                        rx.text(_edit_err(""), color_scheme="red", size="2", role="alert"),
                    ),
                    rx.hstack(
                        rx.dialog.close(rx.button("Cancel", variant="soft", type="button")),
                        rx.button("Save episode", type="submit"),
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                ),
                on_submit=R.save_edit,
                key=R.editing_id.to_string(),  # a fresh form (and its defaults) per episode
            ),
            max_width="480px",
        ),
        open=R.editing_id > 0,
        on_open_change=R.edit_dialog,
    )


def _delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Delete this episode?"),
            rx.vstack(
                rx.alert_dialog.description(R.delete_question, size="2"),
                rx.cond(
                    R.delete_error != "",
                    rx.text(R.delete_error, color_scheme="red", size="2", role="alert"),
                ),
                rx.hstack(
                    rx.alert_dialog.cancel(rx.button("Keep it", variant="soft")),
                    # Not an alert_dialog.action: a refusal has to stay readable in the dialog.
                    rx.button("Delete episode", color_scheme="red", on_click=R.confirm_delete),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
            ),
            max_width="480px",
        ),
        open=R.deleting_id > 0,
        on_open_change=R.delete_dialog,
    )


def episode_dialogs() -> rx.Component:
    return rx.fragment(_edit_dialog(), _delete_dialog())
