"""A 2:3 cover card with title, genre tag and episode count."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import SeriesCard
from microshort.integrations.image_variants import CARD_SIZES, GRID_SIZES
from microshort.ui.styles import tokens


def picture(
    url: rx.Var[str], srcset: rx.Var[str] | str, sizes: str, alt: rx.Var[str] | str, priority: bool
) -> rx.Component:
    """An <img> choosing among the WebP variants; `priority` for the page's LCP image (fetched
    first, never lazy), every other picture loads lazily."""
    loading = (
        {"loading": "eager", "custom_attrs": {"fetchPriority": "high"}}
        if priority
        else {
            "loading": "lazy",
            "decoding": "async",
        }
    )
    return rx.image(
        src=url,
        src_set=srcset,
        sizes=sizes,
        alt=alt,
        width="100%",
        height="100%",
        object_fit="cover",
        **loading,
    )


def cover_image(
    url: rx.Var[str],
    alt: rx.Var[str] | str,
    width: str | list[str],
    *,
    srcset: rx.Var[str] | str = "",
    sizes: str = CARD_SIZES,
    priority: bool | rx.Var[bool] = False,
) -> rx.Component:
    image = (
        picture(url, srcset, sizes, alt, priority)
        if isinstance(priority, bool)
        else rx.cond(
            priority,
            picture(url, srcset, sizes, alt, True),
            picture(url, srcset, sizes, alt, False),
        )
    )
    return rx.box(
        rx.cond(url != "", image),
        width=width,
        aspect_ratio=f"{tokens.COVER_RATIO}",
        border_radius="12px",
        overflow="hidden",
        background="linear-gradient(160deg, var(--accent-a5), var(--gray-a3))",
        flex_shrink="0",
    )


def genre_link(genre: rx.Var[str], size: str = "1", variant: str = "soft") -> rx.Component:
    """A genre badge that opens the genre page."""
    return rx.link(
        rx.badge(genre, variant=variant, size=size),
        href="/genres/" + genre.lower(),
        underline="none",
        aria_label=genre + " series",
    )


def series_card(
    card: rx.Var[SeriesCard], *, width: str | list[str] = tokens.CARD_WIDTH, sizes: str = CARD_SIZES
) -> rx.Component:
    # A plain box carries the (responsive) width, so rails and grids size cards alike.
    return rx.box(
        rx.vstack(
            rx.link(
                rx.vstack(
                    # Decorative here: the title follows as text, so the link reads once.
                    cover_image(card.cover_url, "", "100%", srcset=card.cover_srcset, sizes=sizes),
                    rx.text(
                        card.title,
                        weight="bold",
                        size="2",
                        # No `trim`: its negative margins make the line clamp see overflow,
                        # so every title would end in "…".
                        style={
                            "display": "-webkit-box",
                            "-webkit-line-clamp": "2",
                            "-webkit-box-orient": "vertical",
                            "overflow": "hidden",
                        },
                    ),
                    spacing="2",
                    width="100%",
                ),
                href="/series/" + card.slug,
                underline="none",
                color="inherit",
                class_name="series-card",
                width="100%",
            ),
            rx.hstack(
                genre_link(card.genre),
                rx.text(card.episode_count.to_string() + " eps", size="1", color_scheme="gray"),
                spacing="2",
                align="center",
            ),
            spacing="2",
            width="100%",
        ),
        width=width,
        flex_shrink="0",
    )


def rail(
    title: str | rx.Var[str],
    cards: rx.Var[list[SeriesCard]],
    anchor: str = "",
    see_all: rx.Var[str] | str = "",
) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(title, size="5", as_="h2"),
            rx.cond(
                see_all != "",
                rx.link("See all", href=see_all, size="2", weight="medium"),
            ),
            justify="between",
            align="baseline",
            width="100%",
        ),
        rx.hstack(
            # A lambda: rx.foreach passes the index too when a function takes two arguments.
            rx.foreach(cards, lambda card: series_card(card)),
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


def card_grid(cards: rx.Var[list[SeriesCard]]) -> rx.Component:
    """Cards in a responsive grid (genre, creator and search pages)."""
    return rx.grid(
        rx.foreach(cards, lambda card: series_card(card, width="100%", sizes=GRID_SIZES)),
        columns=rx.breakpoints(initial="2", xs="3", sm="4", md="5", lg="6"),
        spacing="4",
        width="100%",
        class_name="series-grid",
    )


def skeleton_grid(count: int = 12) -> rx.Component:
    return rx.grid(
        *[
            rx.vstack(
                rx.skeleton(rx.box(width="100%", aspect_ratio=f"{tokens.COVER_RATIO}")),
                rx.skeleton(rx.box(height="14px", width="80%")),
                spacing="2",
            )
            for _ in range(count)
        ],
        columns=rx.breakpoints(initial="2", xs="3", sm="4", md="5", lg="6"),
        spacing="4",
        width="100%",
        aria_busy="true",
    )
