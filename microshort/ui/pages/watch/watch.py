"""The watch page: full-height 9:16 player on phones, centred with context on desktop."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.live_room.live_room import live_room
from microshort.ui.components.player.player import video_player
from microshort.ui.components.pwa.pwa import save_offline
from microshort.ui.pages.not_found import not_found_message
from microshort.ui.pages.watch.comments_panel import comments_button, with_comments
from microshort.ui.pages.watch.comments_state import CommentsState
from microshort.ui.pages.watch.dark_surface import dark_surface
from microshort.ui.pages.watch.episodes_sheet import episodes_button, episodes_panel
from microshort.ui.pages.watch.paywall_sheet import episode_nav, locked_sheet
from microshort.ui.pages.watch.room_state import RoomState
from microshort.ui.pages.watch.share_button import share_button
from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.state.session_state import SessionState

# Phones: the stage fills the width; desktop: no auto margins, so the side column sits beside it.
_STAGE_MARGIN = ["auto", "auto", "0"]


def _top_bar() -> rx.Component:
    return rx.hstack(
        rx.link(
            rx.icon_button(
                rx.icon("chevron-left"),
                variant="ghost",
                color="white",
                aria_label="Back to the series",
                size="3",
            ),
            href="/series/" + W.view.series_slug,
        ),
        rx.vstack(
            rx.text(W.view.series_title, weight="bold", size="2", color="white"),
            rx.text(
                "Ep ",
                W.view.position.to_string(),
                " / ",
                W.view.total.to_string(),
                " · ",
                W.view.title,
                size="1",
                color="rgba(255,255,255,.8)",
            ),
            rx.cond(
                W.view.own_locked,
                rx.text(
                    "You're watching your own locked episode — viewers pay to unlock it",
                    size="1",
                    color="rgba(255,255,255,.8)",
                    class_name="own-locked-hint",
                ),
            ),
            spacing="0",
        ),
        position="absolute",
        top="0",
        left="0",
        right="0",
        padding="8px",
        background="linear-gradient(rgba(0,0,0,.55), rgba(0,0,0,0))",
        class_name="vp-fade",
        align="center",
    )


def _save_button() -> rx.Component:
    """Save for offline, for signed-in viewers: above Share on phones, where the phone's
    Episodes button sits on desktop (the server says whether this episode may be kept)."""
    return rx.cond(
        SessionState.signed_in,
        rx.box(
            save_offline(episode_id=W.view.episode_id),
            position="absolute",
            right="8px",
            bottom=["402px", "402px", "258px"],
        ),
    )


def _countdown() -> rx.Component:
    return rx.cond(
        W.countdown > 0,
        rx.center(
            rx.vstack(
                rx.text(
                    "Next episode in ", W.countdown.to_string(), "…", color="white", weight="bold"
                ),
                rx.button("Cancel", variant="soft", on_click=W.cancel_countdown),
                align="center",
            ),
            position="absolute",
            inset="0",
            background="rgba(0,0,0,.45)",
        ),
    )


def _stage() -> rx.Component:
    return rx.cond(
        W.view.allowed & W.view.playable,
        video_player(
            _top_bar(),
            live_room(
                episode_id=RoomState.episode_id,
                ticket=RoomState.ticket,
                ticket_serial=RoomState.issued,
                on_comment=CommentsState.live_notice,
                on_need_ticket=RoomState.renew,
            ),
            _countdown(),
            comments_button(),
            episodes_button(),
            share_button(),
            _save_button(),
            src=W.view.hls_url,
            poster=W.view.poster_variant_url,
            preload_next=W.view.next_hls_url,
            start_at=W.view.resume_at,
            autoplay=True,
            heat=RoomState.heat,
            on_progress=W.progress,
            # The last position when the tab closes (the websocket is gone by then).
            beacon_url="/api/progress/" + W.view.episode_id.to_string(),
            on_ended=W.ended,
            on_request_next=W.go_next,
            on_request_previous=W.go_previous,
            margin_x=_STAGE_MARGIN,
        ),
        rx.box(
            rx.cond(
                W.view.poster_url != "",
                rx.image(
                    src=W.view.poster_variant_url,
                    alt="",
                    width="100%",
                    height="100%",
                    object_fit="cover",
                    custom_attrs={"fetchPriority": "high"},
                ),
            ),
            _top_bar(),
            rx.cond(
                W.view.allowed,
                rx.center(
                    rx.text("This episode's video is not ready yet.", color="white"),
                    position="absolute",
                    inset="0",
                ),
                locked_sheet(),
            ),
            position="relative",
            height="100dvh",
            max_height=["100dvh", "100dvh", "92dvh"],
            aspect_ratio=["auto", "auto", "9 / 16"],
            background="black",
            overflow="hidden",
            margin_x=_STAGE_MARGIN,
            border_radius=["0", "0", "12px"],
        ),
    )


def _side() -> rx.Component:
    return rx.vstack(
        rx.link(
            W.view.series_title,
            href="/series/" + W.view.series_slug,
            size="2",
            weight="bold",
            class_name="side-series",
        ),
        rx.heading(
            rx.text("Ep ", W.view.position.to_string(), " · ", as_="span", color_scheme="gray"),
            W.view.title,
            size="5",
            as_="h1",
        ),
        rx.text(W.view.synopsis, size="2", color_scheme="gray"),
        episode_nav(),
        rx.text("Tip: ↑ / ↓ switch episodes, click pauses.", size="1", color_scheme="gray"),
        display=["none", "none", "flex"],
        max_width="320px",
        spacing="3",
        padding_top="8px",
        class_name="watch-side",
    )


def _column() -> rx.Component:
    """Desktop: titles, then the episode grid; phones: only the grid's bottom sheet."""
    return rx.vstack(
        _side(),
        episodes_panel(),
        display=["contents", "contents", "flex"],
        spacing="4",
    )


def watch_page() -> rx.Component:
    """Always dark, whatever the site theme: a viewing surface."""
    return dark_surface(_page())


def _page() -> rx.Component:
    # <main>: the page's whole content is its main landmark (no app shell around the player).
    return rx.el.main(
        rx.cond(
            W.missing,
            rx.box(
                not_found_message("This episode is not available. It may not be published yet."),
                padding="16px",
            ),
            rx.cond(
                W.view,
                rx.hstack(
                    _stage(),
                    with_comments(_column()),
                    justify="center",
                    spacing="5",
                    width="100%",
                    align="start",
                ),
                rx.center(rx.spinner(size="3"), height="100dvh"),
            ),
        ),
        background="black",
        min_height="100dvh",
        style={"color": "var(--gray-12)", "colorScheme": "dark"},
        max_width="100%",
        padding_x=["0", "0", "24px"],
        padding_y=["0", "0", "16px"],
    )
