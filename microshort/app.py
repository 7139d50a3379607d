"""The one Reflex app: pages, theme and the API routes (api_transformer)."""

from __future__ import annotations

import reflex as rx

from microshort.api.routes import api_app
from microshort.ui import routes
from microshort.ui.pages.home.home import home_page
from microshort.ui.pages.home.home_state import HomeState
from microshort.ui.pages.not_found import not_found_page
from microshort.ui.pages.series.series import series_page
from microshort.ui.pages.series.series_state import SeriesState
from microshort.ui.styles import tokens

app = rx.App(
    style=tokens.GLOBAL_STYLE,
    api_transformer=api_app(),
    head_components=[
        rx.el.meta(name="theme-color", content="#111113"),
        rx.el.meta(
            name="description",
            content="Vertical micro-dramas by independent creators. First episodes free.",
        ),
    ],
)

app.add_page(series_page, route=routes.SERIES, title="MicroShort", on_load=SeriesState.load)
app.add_page(
    home_page, route=routes.HOME, title="MicroShort: vertical micro-dramas", on_load=HomeState.load
)
app.add_page(not_found_page, route="404", title="Not found · MicroShort")
