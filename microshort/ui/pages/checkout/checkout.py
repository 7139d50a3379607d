"""Test-mode checkout (says plainly that no money moves) and the checkout return page."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.forms import field, form_card, notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.checkout.checkout_state import CheckoutState as C
from microshort.ui.pages.checkout.checkout_state import ReturnState as R
from microshort.ui.state.gate import gated


def _err(name: str) -> rx.Var[str]:
    return rx.cond(C.field == name, C.error, "")


def _card_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            field(
                "Card number",
                "card_number",
                placeholder="4242 4242 4242 4242",
                autocomplete="cc-number",
                error=_err("card_number"),
            ),
            rx.hstack(
                field(
                    "Expiry (MM/YY)",
                    "expiry",
                    placeholder="12/34",
                    autocomplete="cc-exp",
                    error=_err("expiry"),
                ),
                field("CVC", "cvc", placeholder="123", autocomplete="cc-csc", error=_err("cvc")),
                width="100%",
            ),
            rx.button(
                "Pay ",
                C.view.price_label,
                type="submit",
                size="3",
                width="100%",
                loading=C.busy,
                color_scheme="green",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=C.pay,
        width="100%",
    )


def _checkout() -> rx.Component:
    return form_card(
        "Checkout",
        rx.callout(
            C.view.notice, icon="flask-conical", color_scheme="amber", class_name="test-mode"
        ),
        rx.hstack(
            rx.text(C.view.product_name, weight="bold"),
            rx.spacer(),
            rx.text(C.view.price_label, weight="bold"),
            width="100%",
        ),
        notice(rx.cond(C.field == "", C.error, "")),
        rx.cond(
            C.view.status == "open",
            _card_form(),
            rx.text("This checkout is ", C.view.status, ".", size="2"),
        ),
        rx.text(
            "4000 0000 0000 0002 shows what a declined card looks like.",
            size="1",
            color_scheme="gray",
        ),
        rx.link("Cancel and go back", href=C.view.cancel_url, size="2"),
    )


def checkout_page() -> rx.Component:
    return app_shell(gated(rx.cond(C.view, _checkout(), rx.spinner())))


def _outcome() -> rx.Component:
    return rx.cond(
        R.outcome.status == "paid",
        rx.vstack(
            rx.callout(
                "Unlocked: " + R.outcome.title + ". Enjoy!",
                icon="circle-check",
                color_scheme="green",
            ),
            rx.link(rx.button("Keep watching", size="3"), href=R.next_path),
            rx.link("My purchases", href="/purchases", size="2"),
        ),
        rx.vstack(
            rx.callout(
                "Your payment is being confirmed. This takes a few seconds.", icon="hourglass"
            ),
            rx.button("Check again", on_click=R.load, variant="soft"),
        ),
    )


def checkout_return_page() -> rx.Component:
    return app_shell(
        gated(
            form_card(
                "Thank you",
                notice(R.error),
                rx.cond(R.outcome, _outcome(), rx.cond(R.error == "", rx.spinner())),
            )
        )
    )
