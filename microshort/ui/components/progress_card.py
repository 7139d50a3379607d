"""Continue watching cards (cover + progress bar, straight into the episode) and history rows."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import ContinueItem, HistoryItem
from microshort.ui.components.series_card import cover_image
from microshort.ui.styles import tokens


def _progress_bar(percent: rx.Var[int]) -> rx.Component:
    return rx.box(
        rx.box(width=percent.to_string() + "%", height="100%", background="var(--accent-9)"),
        position="absolute",
        left="0",
        right="0",
        bottom="0",
        height="5px",
        background="var(--gray-a6)",
        role="progressbar",
        aria_valuenow=percent,
        aria_valuemin=0,
        aria_valuemax=100,
        aria_label="Watched",
    )


def continue_card(item: rx.Var[ContinueItem]) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.box(
                cover_image(item.cover_url, "", "100%", srcset=item.cover_srcset),
                _progress_bar(item.percent),
                position="relative",
                border_radius="12px",
                overflow="hidden",
                width="100%",
            ),
            rx.text(item.series_title, weight="bold", size="2", trim="both"),
            rx.text(
                item.episode_label,
                " · ",
                item.percent.to_string(),
                "%",
                size="1",
                color_scheme="gray",
            ),
            spacing="1",
            width=tokens.CARD_WIDTH,
        ),
        href="/watch/" + item.episode_id.to_string(),
        underline="none",
        color="inherit",
        class_name="continue-card",
        flex_shrink="0",
        aria_label="Continue " + item.series_title + ", " + item.episode_label,
    )


def continue_rail(
    items: rx.Var[list[ContinueItem]], title: str = "Continue watching"
) -> rx.Component:
    return rx.vstack(
        rx.heading(title, size="5", as_="h2"),
        rx.hstack(
            rx.foreach(items, continue_card),
            spacing="3",
            overflow_x="auto",
            width="100%",
            padding_bottom="8px",
        ),
        spacing="3",
        width="100%",
        id="continue-watching",
    )


def history_row(item: rx.Var[HistoryItem]) -> rx.Component:
    return rx.link(
        rx.hstack(
            cover_image(item.cover_url, "", "48px", srcset=item.cover_srcset, sizes="48px"),
            rx.vstack(
                rx.text(item.series_title, weight="bold", size="2"),
                rx.text(item.episode_label, " · ", item.episode_title, size="1"),
                rx.hstack(
                    rx.progress(value=item.percent, width="120px", size="1"),
                    rx.text(
                        rx.cond(item.completed, "Finished", item.percent.to_string() + "%"),
                        " · ",
                        item.watched_label,
                        size="1",
                        color_scheme="gray",
                    ),
                    align="center",
                    spacing="2",
                ),
                spacing="1",
            ),
            spacing="3",
            align="center",
        ),
        href="/watch/" + item.episode_id.to_string(),
        underline="none",
        color="inherit",
        class_name="history-item",
        min_height=tokens.TOUCH_TARGET,
    )
