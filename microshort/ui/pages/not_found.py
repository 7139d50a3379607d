"""The not-found page, and the message other pages show for a missing item."""

from __future__ import annotations

import reflex as rx

from microshort.ui import routes
from microshort.ui.components.layout import app_shell


def not_found_message(text: str) -> rx.Component:
    return rx.vstack(
        rx.icon("film", size=40, color="var(--accent-9)"),
        rx.heading("Nothing to watch here", size="7", as_="h1"),
        rx.text(text, size="3", color_scheme="gray", text_align="center"),
        rx.link(rx.button("Back to the home page", size="3"), href=routes.HOME),
        align="center",
        spacing="4",
        padding_y="64px",
        text_align="center",
    )


def not_found_page() -> rx.Component:
    return app_shell(
        not_found_message(
            "This page does not exist. Check the address, or find something "
            "good to watch on the home page."
        )
    )
