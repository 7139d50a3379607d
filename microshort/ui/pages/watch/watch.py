"""The watch page: full-height 9:16 player on phones, centred with context on desktop."""

from __future__ import annotations

import reflex as rx

from microshort.payments.schemas import Offer
from microshort.ui.components.live_room.live_room import live_room
from microshort.ui.components.player.player import video_player
from microshort.ui.pages.not_found import not_found_message
from microshort.ui.pages.watch.comments_panel import comments_button, with_comments
from microshort.ui.pages.watch.comments_state import CommentsState
from microshort.ui.pages.watch.room_state import RoomState
from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.state.session_state import SessionState


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


def _offer(offer: rx.Var[Offer]) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.text(offer.cta, weight="bold"),
            rx.cond(
                offer.saving_cents > 0,
                rx.text("Every season · save ", offer.saving_percent.to_string(), " %", size="1"),
            ),
            spacing="0",
            align="center",
        ),
        size="3",
        width="100%",
        height="auto",
        padding_y="10px",
        variant=rx.cond(offer.kind == "season", "solid", "soft"),
        on_click=W.unlock(offer.season_id.to(int) | 0, offer.bundle_id.to(int) | 0),
        class_name="unlock-offer",
    )


def _locked_sheet() -> rx.Component:
    """The paywall at the first locked episode: what is locked, the price, who gets it."""
    return rx.center(
        rx.card(
            rx.vstack(
                rx.icon("lock", size=28),
                rx.heading("Episode ", W.view.position.to_string(), " is locked", size="5"),
                rx.text(
                    "Unlock to keep watching. Yours to keep, no subscription.",
                    size="2",
                    text_align="center",
                ),
                rx.cond(
                    W.paywall,
                    rx.vstack(
                        rx.foreach(W.paywall.offers, _offer),
                        rx.text(
                            W.paywall.creator_percent.to_string(),
                            " % goes to the creator.",
                            size="1",
                            color_scheme="gray",
                        ),
                        width="100%",
                        align="center",
                    ),
                ),
                rx.cond(
                    W.checkout_error != "", rx.text(W.checkout_error, color_scheme="red", size="2")
                ),
                rx.cond(
                    ~SessionState.signed_in,
                    rx.text("You will create a free account first.", size="1", color_scheme="gray"),
                ),
                rx.link("Back to the series", href="/series/" + W.view.series_slug, size="2"),
                align="center",
                spacing="3",
                width="100%",
            ),
            max_width="340px",
            width="90%",
            class_name="paywall",
        ),
        position="absolute",
        inset="0",
        background="rgba(0,0,0,.6)",
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
            src=W.view.hls_url,
            poster=W.view.poster_url,
            start_at=W.view.resume_at,
            autoplay=True,
            heat=RoomState.heat,
            on_progress=W.progress,
            # The last position when the tab closes (the websocket is gone by then).
            beacon_url="/api/progress/" + W.view.episode_id.to_string(),
            on_ended=W.ended,
            on_request_next=W.go_next,
            on_request_previous=W.go_previous,
        ),
        rx.box(
            rx.cond(
                W.view.poster_url != "",
                rx.image(
                    src=W.view.poster_url, alt="", width="100%", height="100%", object_fit="cover"
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
                _locked_sheet(),
            ),
            position="relative",
            height="100dvh",
            max_height=["100dvh", "100dvh", "92dvh"],
            aspect_ratio=["auto", "auto", "9 / 16"],
            background="black",
            overflow="hidden",
            margin_x="auto",
            border_radius=["0", "0", "12px"],
        ),
    )


def _side() -> rx.Component:
    return rx.vstack(
        rx.heading(W.view.title, size="5", as_="h1"),
        rx.text(W.view.synopsis, size="2", color_scheme="gray"),
        rx.hstack(
            rx.cond(
                W.view.previous_id > 0,
                rx.link(
                    rx.button(rx.icon("arrow-up"), "Previous", variant="soft"),
                    href="/watch/" + W.view.previous_id.to_string(),
                ),
            ),
            rx.cond(
                W.view.next_id > 0,
                rx.link(
                    rx.button(rx.icon("arrow-down"), "Next", variant="soft"),
                    href="/watch/" + W.view.next_id.to_string(),
                ),
            ),
        ),
        rx.text("Tip: ↑ / ↓ switch episodes, click pauses.", size="1", color_scheme="gray"),
        display=["none", "none", "flex"],
        max_width="320px",
        spacing="3",
        padding_top="24px",
    )


def watch_page() -> rx.Component:
    return rx.box(
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
                    with_comments(_side()),
                    justify="center",
                    spacing="6",
                    width="100%",
                    align="start",
                ),
                rx.center(rx.spinner(size="3"), height="100dvh"),
            ),
        ),
        background="black",
        min_height="100dvh",
        color_scheme="gray",
        style={"color": "var(--gray-12)"},
        max_width="100%",
        padding_x=["0", "0", "24px"],
        padding_y=["0", "0", "16px"],
    )
