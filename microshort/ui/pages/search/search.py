"""Search page: one box (results as you type, or on Enter), results as cards."""

from __future__ import annotations

import reflex as rx

from microshort.content.search import MAX_QUERY_CHARS
from microshort.ui.components.layout import app_shell
from microshort.ui.components.series_card import card_grid, skeleton_grid
from microshort.ui.pages.browse.genre import other_genres
from microshort.ui.pages.search.search_state import SearchState
from microshort.ui.styles import tokens


def _box() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(
                rx.input.slot(rx.icon("search", size=18)),
                name="q",
                value=SearchState.text,
                on_change=SearchState.type_text,  # a debounced input: one event per pause (300 ms)
                placeholder="Titles, stories, creators…",
                type="search",
                aria_label="Search series",
                auto_focus=True,
                max_length=MAX_QUERY_CHARS,
                size="3",
                width="100%",
            ),
            rx.button("Search", type="submit", size="3", min_height=tokens.TOUCH_TARGET),
            width="100%",
            spacing="2",
        ),
        on_submit=SearchState.submit,
        reset_on_submit=False,
        width="100%",
        role="search",
    )


def _no_match() -> rx.Component:
    return rx.vstack(
        rx.heading("No series match “", SearchState.query, "”", size="5", as_="h2"),
        rx.text(
            "Try a shorter or different word, check the spelling, or search for a "
            "creator's name. Or browse a genre:",
            size="3",
            color_scheme="gray",
        ),
        other_genres(),
        spacing="3",
        padding_y="16px",
        class_name="search-empty",
    )


def _start() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Search by title, story or creator. Typos are fine: “billionare” finds billionaires.",
            size="3",
            color_scheme="gray",
        ),
        other_genres(),
        spacing="3",
    )


def _results() -> rx.Component:
    return rx.vstack(
        rx.text("Results for “", SearchState.query, "”", size="2", color_scheme="gray"),
        card_grid(SearchState.results),
        rx.cond(
            SearchState.has_more,
            rx.center(
                rx.button(
                    "Load more",
                    on_click=SearchState.load_more,
                    loading=SearchState.loading_more,
                    variant="soft",
                    size="3",
                    min_height=tokens.TOUCH_TARGET,
                ),
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )


def search_page() -> rx.Component:
    return app_shell(
        rx.vstack(
            rx.heading("Search", size="8", as_="h1"),
            _box(),
            rx.cond(
                SearchState.searching,
                skeleton_grid(12),
                rx.cond(
                    SearchState.query == "",
                    _start(),
                    rx.cond(SearchState.results.length() > 0, _results(), _no_match()),
                ),
            ),
            spacing="5",
            width="100%",
        )
    )
