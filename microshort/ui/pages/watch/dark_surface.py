"""A Radix Theme that is always dark, whatever the site's light/dark setting.

`rx.theme(appearance=...)` drops the prop when rendering (the root theme follows the colour
mode), so a nested dark theme needs it put back. Menus and dialogs opened inside inherit it."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.components.radix.themes.base import Theme
from reflex.components.tags import Tag
from reflex.vars.base import LiteralVar


class DarkTheme(Theme):
    def _render(self, props: dict[str, Any] | None = None) -> Tag:
        return super()._render(props).add_props(appearance=LiteralVar.create("dark"))


def dark_surface(*children: rx.Component, **props: Any) -> rx.Component:
    return DarkTheme.create(*children, has_background=False, **props)
