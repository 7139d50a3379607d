"""Form building blocks: labelled fields with their error, a submit button, a notice."""

from __future__ import annotations

import reflex as rx

from microshort.ui.styles import tokens


def field(
    label: str,
    name: str,
    *,
    type_: str = "text",
    placeholder: str = "",
    hint: str = "",
    error: rx.Var[str] | str = "",
    autocomplete: str = "",
    required: bool = True,
    default_value: rx.Var[str] | str = "",
) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, font_weight="500", font_size="14px"),
        rx.input(
            id=name,
            name=name,
            type=type_,
            placeholder=placeholder,
            required=required,
            auto_complete=autocomplete or "off",
            size="3",
            width="100%",
            default_value=default_value,
            aria_invalid=rx.cond(error != "", "true", "false"),
        ),
        rx.cond(hint != "", rx.text(hint, size="1", color_scheme="gray")),
        rx.cond(error != "", rx.text(error, size="2", color_scheme="red", role="alert")),
        spacing="1",
        width="100%",
    )


def text_area(
    label: str,
    name: str,
    *,
    placeholder: str = "",
    hint: str = "",
    error: rx.Var[str] | str = "",
    default_value: rx.Var[str] | str = "",
) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, font_weight="500", font_size="14px"),
        rx.text_area(
            id=name,
            name=name,
            placeholder=placeholder,
            width="100%",
            rows="4",
            default_value=default_value,
        ),
        rx.cond(hint != "", rx.text(hint, size="1", color_scheme="gray")),
        rx.cond(error != "", rx.text(error, size="2", color_scheme="red", role="alert")),
        spacing="1",
        width="100%",
    )


def submit(label: str, *, busy: rx.Var[bool] | bool = False) -> rx.Component:
    return rx.button(
        label, type="submit", size="3", width="100%", loading=busy, min_height=tokens.TOUCH_TARGET
    )


def notice(message: rx.Var[str], color: str = "red") -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(
            message,
            icon="info" if color != "red" else "triangle-alert",
            color_scheme=color,
            width="100%",
            role="status",
        ),
    )


def form_card(title: str, *children: rx.Component, subtitle: str = "") -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                rx.heading(title, size="6", as_="h1"),
                rx.cond(subtitle != "", rx.text(subtitle, size="2", color_scheme="gray")),
                *children,
                spacing="4",
                width="100%",
            ),
            width="100%",
            max_width="440px",
            size="3",
        ),
        padding_y="24px",
    )
