"""Library: Continue watching, Following, Favourites, Purchased, Saved for offline (on this
device) and History, each saying what to do when it is empty."""

from __future__ import annotations

import reflex as rx

from microshort.ui import routes
from microshort.ui.components.layout import app_shell
from microshort.ui.components.progress_card import continue_card, history_row
from microshort.ui.components.pwa.pwa import offline_shelf
from microshort.ui.components.series_card import card_grid, skeleton_grid
from microshort.ui.pages.library.library_state import LibraryState
from microshort.ui.state.gate import gated
from microshort.ui.styles import tokens


def _empty(text: str, action: str, href: str) -> rx.Component:
    return rx.callout(
        rx.text(text, " ", rx.link(action, href=href, weight="medium")),
        icon="info",
        variant="surface",
        width="100%",
    )


def _section(title: str, anchor: str, content: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.heading(title, size="6", as_="h2"),
        content,
        spacing="3",
        width="100%",
        id=anchor,
    )


def _continue() -> rx.Component:
    return rx.cond(
        LibraryState.continue_items.length() > 0,
        rx.hstack(
            rx.foreach(LibraryState.continue_items, continue_card),
            spacing="3",
            overflow_x="auto",
            width="100%",
            padding_bottom="8px",
        ),
        _empty("Nothing half-watched. Episodes you start show up here.", "Find a series", "/"),
    )


def _purchased() -> rx.Component:
    return rx.vstack(
        rx.cond(
            LibraryState.purchased.length() > 0,
            card_grid(LibraryState.purchased),
            rx.text(
                "Nothing bought yet. Seasons and bundles you buy stay here to watch any time.",
                color_scheme="gray",
                size="2",
            ),
        ),
        rx.link("All purchases & receipts", href=routes.PURCHASES, weight="medium", size="2"),
        spacing="3",
        width="100%",
    )


def _history() -> rx.Component:
    return rx.cond(
        LibraryState.history.length() > 0,
        rx.vstack(
            rx.foreach(LibraryState.history, history_row),
            rx.cond(
                LibraryState.history_has_more,
                rx.button(
                    "Show more",
                    on_click=LibraryState.more_history,
                    loading=LibraryState.loading_more,
                    variant="soft",
                    min_height=tokens.TOUCH_TARGET,
                ),
            ),
            spacing="3",
            width="100%",
        ),
        _empty("You have not watched anything yet. First episodes are free.", "Start one", "/"),
    )


def _content() -> rx.Component:
    return rx.cond(
        LibraryState.loaded,
        rx.vstack(
            rx.heading("Your library", size="8", as_="h1"),
            _section("Continue watching", "continue", _continue()),
            _section(
                "Following",
                "following",
                rx.cond(
                    LibraryState.following.length() > 0,
                    card_grid(LibraryState.following),
                    _empty(
                        "You are not following any series. Tap Follow on a series page to "
                        "keep it here.",
                        "Browse series",
                        "/",
                    ),
                ),
            ),
            _section(
                "Favourites",
                "favourites",
                rx.cond(
                    LibraryState.favourites.length() > 0,
                    card_grid(LibraryState.favourites),
                    _empty(
                        "No favourites yet. Tap the heart on a series you love.",
                        "Search for one",
                        routes.SEARCH,
                    ),
                ),
            ),
            _section("Purchased", "purchased", _purchased()),
            _section("Saved for offline", "offline", offline_shelf()),
            _section("History", "history", _history()),
            spacing="7",
            width="100%",
        ),
        skeleton_grid(6),
    )


def library_page() -> rx.Component:
    return app_shell(gated(_content()))
