"""A series' or an episode's status as a coloured chip: "Draft", "Processing", "Published"…"""

from __future__ import annotations

import reflex as rx

STATUS_COLOR = {
    "draft": "gray",
    "uploading": "blue",
    "processing": "amber",
    "ready": "green",
    "published": "grass",
    "hidden": "orange",
    "failed": "red",
}


def status_chip(status: rx.Var[str], size: str = "1", class_name: str = "") -> rx.Component:
    return rx.match(
        status,
        *[
            (
                name,
                rx.badge(name.capitalize(), color_scheme=color, size=size, class_name=class_name),
            )
            for name, color in STATUS_COLOR.items()
        ],
        rx.badge(status, size=size, class_name=class_name),
    )
