"""Home: a hero rotating through the first featured series, then rails (continue watching,
the rest of featured, trending, new, genres)."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import GenreRail
from microshort.ui.components.layout import app_shell
from microshort.ui.components.progress_card import continue_rail
from microshort.ui.components.series_card import rail
from microshort.ui.pages.home.hero import hero
from microshort.ui.pages.home.home_state import HomeState
from microshort.ui.styles import tokens


def _skeleton_rail() -> rx.Component:
    return rx.vstack(
        rx.skeleton(rx.box(height="24px", width="160px")),
        rx.hstack(
            *[
                rx.skeleton(rx.box(width=tokens.CARD_WIDTH, aspect_ratio="0.6667"))
                for _ in range(6)
            ],
            spacing="3",
            overflow="hidden",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def _genre_rail(genre: rx.Var[GenreRail]) -> rx.Component:
    return rail(genre.genre, genre.series, see_all="/genres/" + genre.genre.lower())


def _catalogue() -> rx.Component:
    return rx.vstack(
        rx.cond(HomeState.hero.length() > 0, hero()),
        # Only signed-in viewers with an unfinished episode have anything here.
        rx.cond(HomeState.continue_items.length() > 0, continue_rail(HomeState.continue_items)),
        # The hero's series are not repeated here.
        rx.cond(
            HomeState.featured.length() > 0, rail("Featured", HomeState.featured, anchor="featured")
        ),
        rx.cond(HomeState.trending.length() > 0, rail("Trending now", HomeState.trending)),
        rail("New releases", HomeState.new),
        rx.vstack(
            rx.heading("Browse by genre", size="6", as_="h2"),
            rx.foreach(HomeState.genres, _genre_rail),
            spacing="6",
            width="100%",
            id="genres",
        ),
        spacing="7",
        width="100%",
    )


def _empty() -> rx.Component:
    return rx.callout(
        "No series are published yet. Creators' new series appear here as soon as they "
        "publish; run `python -m microshort.demo` to load the demo catalogue.",
        icon="info",
    )


def home_page() -> rx.Component:
    return app_shell(
        rx.cond(
            HomeState.loaded,
            rx.cond(HomeState.new.length() > 0, _catalogue(), _empty()),
            rx.vstack(_skeleton_rail(), _skeleton_rail(), spacing="7", width="100%"),
        )
    )
