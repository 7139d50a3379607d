"""The studio home page."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import StudioEpisode, StudioSeriesItem
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.creators.studio_state import StudioState
from microshort.ui.state.gate import gated


def _row(item: rx.Var[StudioSeriesItem]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(item.title, href="/series/" + item.slug)),
        rx.table.cell(rx.badge(item.status)),
        rx.table.cell(item.genre),
        rx.table.cell(item.episode_count.to_string()),
    )


def _episode_row(item: rx.Var[StudioEpisode]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.series_title),
        rx.table.cell(
            rx.link(
                "Ep ",
                item.number.to_string(),
                ": ",
                item.title,
                href="/studio/episodes/" + item.id.to_string(),
            )
        ),
        rx.table.cell(rx.badge(item.status)),
        class_name="studio-episode",
    )


def _episodes() -> rx.Component:
    return rx.cond(
        StudioState.episodes.length() > 0,
        rx.vstack(
            rx.heading("Episodes", size="5", as_="h2"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Series"),
                        rx.table.column_header_cell("Episode"),
                        rx.table.column_header_cell("Status"),
                    )
                ),
                rx.table.body(rx.foreach(StudioState.episodes, _episode_row)),
                width="100%",
            ),
            width="100%",
        ),
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading("Your studio", size="7", as_="h1"),
        rx.text("Welcome, ", StudioState.creator_name, ".", size="3"),
        rx.cond(
            StudioState.series.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Series"),
                        rx.table.column_header_cell("Status"),
                        rx.table.column_header_cell("Genre"),
                        rx.table.column_header_cell("Episodes"),
                    )
                ),
                rx.table.body(rx.foreach(StudioState.series, _row)),
                width="100%",
            ),
            rx.callout(
                "You have no series yet. Series creation and uploads open in the "
                "studio editor, coming next; your approved profile is ready for it.",
                icon="clapperboard",
            ),
        ),
        _episodes(),
        spacing="4",
        width="100%",
    )


def studio_page() -> rx.Component:
    return app_shell(gated(_content()))
