"""Reflex configuration. Values that vary per deployment come from microshort.config.Settings.

The app uses its own engine (microshort.db), not Reflex's rx.Model, so no db_url is set here.
"""

from pathlib import Path

import reflex as rx

from microshort.config import get_settings
from microshort.ui.styles import tokens

_BUN = Path(__file__).parent / ".tools" / "node_modules" / ".bin" / "bun"

config = rx.Config(
    app_name="microshort",
    app_module_import="microshort.app",
    telemetry_enabled=False,
    # Reflex's default "*" lets any site's page open the event socket with a viewer's cookie
    # and echoes any Origin with credentials; only our own address may (microshort.api.origin).
    cors_allowed_origins=list(get_settings().allowed_origins),
    show_built_with_reflex=False,
    # Compressed once at build time; served by Reflex's PrecompressedStaticFiles by Accept-Encoding.
    frontend_compression_formats=["brotli", "gzip"],
    default_color_mode="dark",
    # No SitemapPlugin (on by default): /sitemap.xml is built from the catalogue, with every
    # series, free episode, creator and genre (microshort/api/sitemap.py).
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(
                accent_color=tokens.ACCENT,
                gray_color=tokens.GRAY,
                radius=tokens.RADIUS,
                has_background=True,
            ),
        ),
    ],
    **({"bun_path": _BUN} if _BUN.exists() else {}),
)
