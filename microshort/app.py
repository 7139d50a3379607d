"""The one Reflex app: pages (each with its access level in ui/access.py) and the API routes."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import reflex as rx

from microshort.api.rooms import close_room_broker
from microshort.api.routes import api_app
from microshort.api.static_cache import with_static_cache_headers
from microshort.bootstrap import install_entitlements
from microshort.config import get_settings
from microshort.content import page_titles
from microshort.logs import configure_logging
from microshort.ui import routes
from microshort.ui.pages.account.account import account_page
from microshort.ui.pages.account.account_state import AccountState
from microshort.ui.pages.admin.admin import admin_page, outbox_page
from microshort.ui.pages.admin.admin_state import AdminState
from microshort.ui.pages.admin.reports import reports_page
from microshort.ui.pages.admin.reports_state import ReportsState
from microshort.ui.pages.auth.auth_state import AuthState
from microshort.ui.pages.auth.login import login_page, signup_page
from microshort.ui.pages.auth.recovery import (
    confirm_email_page,
    forgot_password_page,
    reset_password_page,
)
from microshort.ui.pages.auth.recovery_state import RecoveryState
from microshort.ui.pages.browse.creator import creator_page
from microshort.ui.pages.browse.creator_state import CreatorState
from microshort.ui.pages.browse.genre import genre_page
from microshort.ui.pages.browse.genre_state import GenreState
from microshort.ui.pages.checkout.checkout import checkout_page, checkout_return_page
from microshort.ui.pages.checkout.checkout_state import CheckoutState, ReturnState
from microshort.ui.pages.creators.apply import apply_page
from microshort.ui.pages.creators.apply_state import ApplyState
from microshort.ui.pages.creators.episode_video import episode_video_page
from microshort.ui.pages.creators.episode_video_state import EpisodeVideoState
from microshort.ui.pages.creators.studio import studio_page
from microshort.ui.pages.creators.studio_state import StudioState
from microshort.ui.pages.home.home import home_page
from microshort.ui.pages.home.home_state import HomeState
from microshort.ui.pages.library.library import library_page
from microshort.ui.pages.library.library_state import LibraryState
from microshort.ui.pages.not_found import not_found_page
from microshort.ui.pages.purchases.purchases import purchases_page
from microshort.ui.pages.purchases.purchases_state import PurchasesState
from microshort.ui.pages.search.search import search_page
from microshort.ui.pages.search.search_state import SearchState
from microshort.ui.pages.series.series import series_page
from microshort.ui.pages.series.series_state import SeriesState
from microshort.ui.pages.studio.editor import series_editor_page
from microshort.ui.pages.studio.editor_state import EditorState
from microshort.ui.pages.studio.payouts import payouts_page
from microshort.ui.pages.studio.payouts_state import PayoutsState
from microshort.ui.pages.studio.share_kit import share_kit_page
from microshort.ui.pages.studio.share_kit_state import ShareKitState
from microshort.ui.pages.watch.comments_state import CommentsState
from microshort.ui.pages.watch.room_state import RoomState
from microshort.ui.pages.watch.watch import watch_page
from microshort.ui.pages.watch.watch_state import WatchState
from microshort.ui.state.session_state import SessionState
from microshort.ui.styles import tokens

# The web workers' own lines (Reflex's go through its handlers) at the configured level/format.
configure_logging(get_settings(), "%(asctime)s web %(levelname)s %(name)s: %(message)s")

app = rx.App(
    style=tokens.GLOBAL_STYLE,
    # The API routes, then cache headers for everything served (the built frontend included).
    api_transformer=[api_app(), with_static_cache_headers],
    head_components=[
        rx.el.meta(name="theme-color", content=tokens.BACKGROUND_DARK),
        # The installable app (microshort/api/pwa): manifest, icons, the service worker.
        rx.el.link(rel="manifest", href="/manifest.webmanifest"),
        rx.el.link(rel="icon", href="/favicon.ico", sizes="48x48"),
        rx.el.link(rel="apple-touch-icon", href="/icons/apple-touch-icon.png"),
        rx.el.meta(name="apple-mobile-web-app-title", content="MicroShort"),
        rx.el.script(src="/pwa/register.js", defer=True),
        rx.el.meta(
            name="description",
            content="Vertical micro-dramas by independent creators. First episodes free.",
        ),
    ],
)

# (route, page, title, the page's own load event(s) or None). Dynamic routes come first. A
# public page's title is its state's `page_title`, the same text its server-rendered first HTML
# carries (microshort.api.public_pages); a plain string gets " · MicroShort".
PAGES: list[tuple[str, Callable[[], rx.Component], Any, Any]] = [
    (routes.SERIES, series_page, SeriesState.page_title, SeriesState.load),
    (
        routes.WATCH,
        watch_page,
        WatchState.page_title,
        [WatchState.load, RoomState.enter, CommentsState.load],
    ),
    (routes.STUDIO_EPISODE, episode_video_page, "Episode video", EpisodeVideoState.load),
    (routes.STUDIO_SERIES, series_editor_page, "Series editor", EditorState.load),
    (routes.STUDIO_SHARE, share_kit_page, "Share kit", ShareKitState.load),
    (routes.CHECKOUT, checkout_page, "Checkout", CheckoutState.load),
    (routes.RESET_PASSWORD, reset_password_page, "Choose a new password", RecoveryState.clear),
    (routes.CONFIRM_EMAIL, confirm_email_page, "Confirm your email", RecoveryState.confirm),
    (routes.HOME, home_page, page_titles.HOME, HomeState.load),
    (routes.LOGIN, login_page, "Log in", AuthState.clear),
    (routes.SIGNUP, signup_page, "Sign up", AuthState.clear),
    (routes.FORGOT_PASSWORD, forgot_password_page, "Forgot your password", RecoveryState.clear),
    (routes.ACCOUNT, account_page, "Your account", AccountState.load),
    (routes.BECOME_CREATOR, apply_page, "Become a creator", ApplyState.load),
    (routes.STUDIO, studio_page, "Studio", StudioState.load),
    (routes.ADMIN, admin_page, "Admin", AdminState.load_queue),
    (routes.ADMIN_OUTBOX, outbox_page, "Mail outbox", AdminState.load_outbox),
    (routes.ADMIN_REPORTS, reports_page, "Reported comments", ReportsState.load),
    (routes.NOT_FOUND, not_found_page, "Not found", None),
    (routes.GENRE, genre_page, GenreState.page_title, GenreState.load),
    (routes.CREATOR, creator_page, CreatorState.page_title, CreatorState.load),
    (routes.SEARCH, search_page, "Search", SearchState.load),
    (routes.LIBRARY, library_page, "Your library", LibraryState.load),
    (routes.STUDIO_PAYOUTS, payouts_page, "Payouts", PayoutsState.load),
    (routes.CHECKOUT_RETURN, checkout_return_page, "Thank you", ReturnState.load),
    (routes.PURCHASES, purchases_page, "My purchases", PurchasesState.load),
]

# Locked episodes stream only to viewers the ledger entitles (payments' hook into playback).
install_entitlements()


@asynccontextmanager
async def close_live_rooms() -> AsyncIterator[None]:
    """At a worker's shutdown, stop its room hub's Redis listener and heartbeat cleanly."""
    yield
    await close_room_broker()


app.register_lifespan_task(close_live_rooms)


@asynccontextmanager
async def freeze_startup_heap() -> AsyncIterator[None]:
    """Move everything the worker built at start-up (Reflex's components and states, the
    models) out of the garbage collector's reach: a full collection of that heap stalled the
    event loop, and so every live room, for about 80 ms (bench/gc_pause.py)."""
    gc.collect()
    gc.freeze()
    yield


app.register_lifespan_task(freeze_startup_heap)


def _kept_until_loaded(title: rx.Var[str]) -> rx.Var[str]:
    """A dynamic page's title; until its data arrives, the title the document already has (the
    one the server sent), so the tab never flickers to a placeholder and back."""
    current = rx.Var(
        _js_expr="(typeof document !== 'undefined' ? document.title : 'MicroShort')",
        _var_type=str,
    )
    return rx.cond(title != "", title, current)


for route, page, title, load in PAGES:
    loads = load if isinstance(load, list) else [load] if load is not None else []
    on_load = [SessionState.refresh, *loads]
    if isinstance(title, str) and route != routes.HOME:
        title = f"{title} · MicroShort"
    elif not isinstance(title, str):
        title = _kept_until_loaded(title)
    app.add_page(page, route=route, title=title, on_load=on_load)
