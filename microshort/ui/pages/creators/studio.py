"""The studio home page."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import StudioEpisode, StudioSeriesItem
from microshort.ui.components.layout import app_shell
from microshort.ui.components.status_chip import status_chip
from microshort.ui.pages.creators.banned_words import banned_words_section
from microshort.ui.pages.creators.studio_dashboard import figure_row, needs_attention
from microshort.ui.pages.creators.studio_state import StudioState
from microshort.ui.state.gate import gated


def _row(item: rx.Var[StudioSeriesItem]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(item.title, href="/studio/series/" + item.id.to_string())),
        rx.table.cell(status_chip(item.status, class_name="series-status")),
        rx.table.cell(item.genre),
        rx.table.cell(item.episode_count.to_string()),
    )


def _episode_row(item: rx.Var[StudioEpisode]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.series_title),
        rx.table.cell(
            rx.link(
                "S",
                item.season_number.to_string(),
                " · Ep ",
                item.number.to_string(),
                ": ",
                item.title,
                href="/studio/episodes/" + item.id.to_string(),
            )
        ),
        rx.table.cell(status_chip(item.status, class_name="episode-status")),
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
        rx.hstack(
            rx.heading("Your studio", size="7", as_="h1"),
            rx.spacer(),
            rx.link(
                rx.button(rx.icon("wallet", size=16), "Payouts", size="3", variant="soft"),
                href="/studio/payouts",
            ),
            rx.link(
                rx.button(rx.icon("plus", size=16), "New series", size="3"),
                href="/studio/series/new",
            ),
            width="100%",
            align="center",
        ),
        rx.text("Welcome, ", StudioState.creator_name, ".", size="3"),
        rx.cond(StudioState.message != "", rx.callout(StudioState.message, icon="info")),
        figure_row(),
        needs_attention(),
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
                "You have no series yet. Start one with “New series”: add a season, its "
                "episodes and their videos, then publish.",
                icon="clapperboard",
            ),
        ),
        _episodes(),
        banned_words_section(),
        rx.cond(
            StudioState.deleted.length() > 0,
            rx.vstack(
                rx.heading("Recently deleted", size="4", as_="h2"),
                rx.foreach(
                    StudioState.deleted,
                    lambda item: rx.hstack(
                        rx.text(item[1]),
                        rx.button(
                            "Restore",
                            size="1",
                            variant="soft",
                            on_click=StudioState.restore(item[0]),
                        ),
                        align="center",
                        class_name="deleted-series",
                    ),
                ),
            ),
        ),
        spacing="4",
        width="100%",
    )


def studio_page() -> rx.Component:
    return app_shell(gated(_content()))
