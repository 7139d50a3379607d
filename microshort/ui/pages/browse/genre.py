"""Genre page: every series of one genre, newest first, in a grid with "Load more"."""

from __future__ import annotations

import reflex as rx

from microshort.content.genres import GENRES
from microshort.ui import routes
from microshort.ui.components.layout import app_shell
from microshort.ui.components.series_card import card_grid, skeleton_grid
from microshort.ui.pages.browse.genre_state import GenreState
from microshort.ui.styles import tokens


def other_genres() -> rx.Component:
    return rx.hstack(
        *[
            rx.link(rx.badge(name, size="2", variant="surface"), href=routes.genre_url(name))
            for name in GENRES
        ],
        wrap="wrap",
        spacing="2",
    )


def _empty() -> rx.Component:
    return rx.vstack(
        rx.text(
            "No ",
            GenreState.title,
            " series are out yet. New ones appear here the moment a creator publishes. "
            "Meanwhile, try another genre:",
            size="3",
        ),
        other_genres(),
        spacing="3",
        padding_y="24px",
    )


def _more() -> rx.Component:
    return rx.cond(
        GenreState.has_more,
        rx.center(
            rx.button(
                "Load more",
                on_click=GenreState.load_more,
                loading=GenreState.loading_more,
                variant="soft",
                size="3",
                min_height=tokens.TOUCH_TARGET,
            ),
            width="100%",
        ),
    )


def genre_page() -> rx.Component:
    return app_shell(
        rx.vstack(
            rx.heading(GenreState.title, size="8", as_="h1"),
            rx.cond(
                GenreState.loaded,
                rx.cond(
                    GenreState.series.length() > 0,
                    rx.vstack(card_grid(GenreState.series), _more(), spacing="5", width="100%"),
                    _empty(),
                ),
                skeleton_grid(),
            ),
            spacing="5",
            width="100%",
        )
    )
