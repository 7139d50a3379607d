"""The paywall sheet at the first locked episode: what each offer includes, its price, who gets
the money, and the way on to the neighbouring episodes."""

from __future__ import annotations

import reflex as rx

from microshort.payments.schemas import Offer
from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.state.session_state import SessionState


def episode_nav(**props: object) -> rx.Component:
    """Previous / next episode buttons (the locked stage has no swipe)."""
    return rx.hstack(
        rx.cond(
            W.view.previous_id > 0,
            rx.link(
                rx.button(rx.icon("chevron-left"), "Previous episode", variant="soft", size="2"),
                href="/watch/" + W.view.previous_id.to_string(),
            ),
        ),
        rx.cond(
            W.view.next_id > 0,
            rx.link(
                rx.button("Next episode", rx.icon("chevron-right"), variant="soft", size="2"),
                href="/watch/" + W.view.next_id.to_string(),
            ),
        ),
        wrap="wrap",
        spacing="2",
        **props,
    )


def _offer(offer: rx.Var[Offer], index: rx.Var[int]) -> rx.Component:
    return rx.button(
        W.offer_lines[index],
        size="3",
        width="100%",
        height="auto",
        min_height="44px",
        padding_y="10px",
        white_space="normal",
        font_weight="bold",
        variant=rx.cond(offer.kind == "season", "solid", "soft"),
        on_click=W.unlock(offer.season_id.to(int) | 0, offer.bundle_id.to(int) | 0),
        class_name="unlock-offer",
    )


def locked_sheet() -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                rx.icon("lock", size=28),
                rx.heading("Episode ", W.view.position.to_string(), " is locked", size="5"),
                rx.cond(
                    W.paywall,
                    rx.vstack(
                        rx.foreach(W.paywall.offers, _offer),
                        rx.text(
                            "Yours to keep. ",
                            W.paywall.creator_percent.to_string(),
                            " % goes to the creator.",
                            size="2",
                            text_align="center",
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
                episode_nav(display=["flex", "flex", "none"], justify="center"),
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
