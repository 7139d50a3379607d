"""A 2:3 cover card with title, genre tag and episode count."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import SeriesCard
from microshort.ui.styles import tokens


def cover_image(url: rx.Var[str], alt: rx.Var[str] | str, width: str | list[str]) -> rx.Component:
    return rx.box(
        rx.cond(
            url != "",
            rx.image(
                src=url, alt=alt, width="100%", height="100%", object_fit="cover", loading="lazy"
            ),
        ),
        width=width,
        aspect_ratio=f"{tokens.COVER_RATIO}",
        border_radius="12px",
        overflow="hidden",
        background="linear-gradient(160deg, var(--accent-a5), var(--gray-a3))",
        flex_shrink="0",
    )


def series_card(card: rx.Var[SeriesCard]) -> rx.Component:
    return rx.link(
        rx.vstack(
            # Decorative here: the title follows as text, so the link reads once.
            cover_image(card.cover_url, "", "100%"),
            rx.text(
                card.title,
                weight="bold",
                size="2",
                trim="both",
                style={
                    "display": "-webkit-box",
                    "-webkit-line-clamp": "2",
                    "-webkit-box-orient": "vertical",
                    "overflow": "hidden",
                },
            ),
            rx.hstack(
                rx.badge(card.genre, variant="soft", size="1"),
                rx.text(card.episode_count.to_string() + " eps", size="1", color_scheme="gray"),
                spacing="2",
                align="center",
            ),
            spacing="2",
            width=tokens.CARD_WIDTH,
        ),
        href="/series/" + card.slug,
        underline="none",
        color="inherit",
        class_name="series-card",
        flex_shrink="0",
    )


def rail(
    title: str | rx.Var[str], cards: rx.Var[list[SeriesCard]], anchor: str = ""
) -> rx.Component:
    return rx.vstack(
        rx.heading(title, size="5", as_="h2"),
        rx.hstack(
            rx.foreach(cards, series_card),
            spacing="3",
            overflow_x="auto",
            width="100%",
            padding_bottom="8px",
            style={"scroll_snap_type": "x mandatory", "scrollbar_width": "thin"},
        ),
        spacing="3",
        width="100%",
        id=anchor or None,
    )
