"""Watch-page panels that are a bottom sheet on phones and a column beside the player on
desktop (comments, episodes): one place for their responsive layout."""

from __future__ import annotations

from typing import Any

import reflex as rx

PHONE, DESKTOP = 2, 1  # how many of the three responsive steps each layout takes


def testid(name: str) -> dict[str, str]:
    return {"data-testid": name}


def phone_desktop(phone: Any, desktop: Any) -> list[Any]:
    """A responsive value: `phone` on the two small steps, `desktop` on the large one."""
    return [phone] * PHONE + [desktop] * DESKTOP


def side_sheet(
    *children: rx.Component,
    is_open: rx.Var[bool],
    label: str,
    test_id: str,
    desktop_max_height: str,
    **props: Any,
) -> rx.Component:
    """A bottom sheet while `is_open` on phones; always shown, in the side column, on desktop."""
    return rx.vstack(
        *children,
        custom_attrs=testid(test_id),
        spacing="2",
        padding="12px",
        background="var(--gray-2)",
        position=phone_desktop("fixed", "static"),
        left="0",
        right="0",
        bottom="0",
        max_height=phone_desktop("62dvh", desktop_max_height),
        width=phone_desktop("100%", "340px"),
        border_radius=phone_desktop("16px 16px 0 0", "12px"),
        display=phone_desktop(rx.cond(is_open, "flex", "none"), "flex"),
        aria_label=label,
        role="region",
        **props,
    )


def sheet_header(
    title: str, count: rx.Component, *, on_close: rx.EventHandler, close_label: str
) -> rx.Component:
    """The panel's title and count, with the close button phones need for the sheet."""
    return rx.hstack(
        rx.heading(title, size="4", as_="h2"),
        count,
        rx.spacer(),
        rx.icon_button(
            rx.icon("x", size=18),
            variant="ghost",
            on_click=on_close,
            aria_label=close_label,
            display=phone_desktop("flex", "none"),
        ),
        width="100%",
        align="center",
    )
