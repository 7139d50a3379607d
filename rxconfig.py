"""Reflex configuration. Values that vary per deployment come from microshort.config.Settings."""

import os
from pathlib import Path

import reflex as rx

_BUN = Path(__file__).parent / ".tools" / "node_modules" / ".bin" / "bun"

config = rx.Config(
    app_name="microshort",
    app_module_import="microshort.app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The launcher exports REFLEX_DB_URL / REFLEX_REDIS_URL for every worker process.
    db_url=os.environ.get("REFLEX_DB_URL"),
    default_color_mode="dark",
    plugins=[
        rx.plugins.SitemapPlugin(),
        rx.plugins.RadixThemesPlugin(),
    ],
    **({"bun_path": _BUN} if _BUN.exists() else {}),
)
