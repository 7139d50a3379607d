"""The top of the studio home: this week's figures and what needs attention."""

from __future__ import annotations

import reflex as rx

from microshort.content.studio_summary import AttentionItem, FigureCard
from microshort.ui.pages.creators.studio_state import StudioState

_ICONS = {"failed": "circle-alert", "stuck": "hourglass", "unpublishable": "file-warning"}


def _figure(card: rx.Var[FigureCard]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(card.label, size="2", color_scheme="gray"),
            rx.text(card.value, size="6", weight="bold", class_name="figure-value"),
            rx.text(
                card.change,
                size="1",
                color_scheme=rx.match(card.trend, ("up", "grass"), ("down", "red"), "gray"),
                class_name="figure-change",
            ),
            spacing="1",
        ),
        width="100%",
        class_name="studio-figure",
    )


def figure_row() -> rx.Component:
    """Two cards a row on phones, all in one row on wide screens."""
    return rx.vstack(
        rx.text("Last 7 days", size="2", color_scheme="gray"),
        rx.grid(
            rx.foreach(StudioState.figures, _figure),
            columns=rx.breakpoints(initial="2", sm="3", md="5"),
            spacing="3",
            width="100%",
        ),
        spacing="2",
        width="100%",
        class_name="studio-figures",
    )


def _attention_item(item: rx.Var[AttentionItem]) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.match(
                item.kind,
                *[
                    (kind, rx.icon(icon, size=18, color="var(--red-9)"))
                    for kind, icon in _ICONS.items()
                ],
                rx.icon("info", size=18),
            ),
            rx.vstack(
                rx.text(item.title, size="2", weight="medium"),
                rx.text(item.detail, size="1", color_scheme="gray"),
                spacing="0",
            ),
            align="start",
            spacing="2",
        ),
        href=item.href,
        underline="none",
        class_name="attention-item",
    )


def needs_attention() -> rx.Component:
    return rx.cond(
        StudioState.attention.length() > 0,
        rx.vstack(
            rx.heading("Needs attention", size="4", as_="h2"),
            rx.foreach(StudioState.attention, _attention_item),
            spacing="2",
            width="100%",
            class_name="needs-attention",
        ),
        rx.hstack(
            rx.icon("circle-check", size=16, color="var(--grass-9)"),
            rx.text("All good: nothing needs your attention.", size="2"),
            align="center",
            class_name="all-good",
        ),
    )
