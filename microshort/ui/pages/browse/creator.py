"""Creator page: avatar, bio, links, follower count and their published series."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.layout import app_shell
from microshort.ui.components.series_card import card_grid, skeleton_grid
from microshort.ui.pages.browse.creator_state import CreatorState
from microshort.ui.pages.not_found import not_found_message


def _link(url: rx.Var[str]) -> rx.Component:
    return rx.link(
        rx.hstack(rx.icon("external-link", size=14), rx.text(url, size="2"), spacing="1"),
        href=url,
        is_external=True,
        rel="noopener noreferrer nofollow",
    )


def _profile() -> rx.Component:
    creator = CreatorState.creator
    return rx.flex(
        rx.avatar(
            src=creator.avatar_url,
            fallback=creator.display_name[0],
            size="8",
            radius="full",
        ),
        rx.vstack(
            rx.heading(creator.display_name, size="8", as_="h1"),
            rx.text(
                rx.text.strong(creator.follower_count.to_string()),
                rx.cond(creator.follower_count == 1, " follower", " followers"),
                " · ",
                rx.text.strong(CreatorState.series.length().to_string()),
                " series",
                size="2",
                color_scheme="gray",
            ),
            rx.text(creator.bio, size="3", max_width="640px"),
            rx.vstack(rx.foreach(CreatorState.links, _link), spacing="1"),
            spacing="2",
            align="start",
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing="5",
        align="start",
    )


def _series() -> rx.Component:
    return rx.vstack(
        rx.heading("Series", size="6", as_="h2"),
        rx.cond(
            CreatorState.series.length() > 0,
            card_grid(CreatorState.series),
            rx.text(
                "No published series yet. Their first one shows up here the day it is out; "
                "until then, find something on the home page.",
                color_scheme="gray",
            ),
        ),
        spacing="3",
        width="100%",
    )


def creator_page() -> rx.Component:
    return app_shell(
        rx.cond(
            CreatorState.loaded,
            rx.cond(
                CreatorState.missing,
                not_found_message(
                    "We could not find that creator. The link may have a typo, or the "
                    "profile is not public yet."
                ),
                rx.vstack(_profile(), _series(), spacing="7", width="100%"),
            ),
            rx.vstack(
                rx.skeleton(rx.box(height="96px", width="96px", border_radius="50%")),
                skeleton_grid(6),
                spacing="5",
                width="100%",
            ),
        )
    )
