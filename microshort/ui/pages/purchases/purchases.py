"""My purchases: what was bought, when, for how much, and the receipt."""

from __future__ import annotations

import reflex as rx

from microshort.payments.schemas import PurchaseItem
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.purchases.purchases_state import PurchasesState as P
from microshort.ui.state.gate import gated


def _item(item: rx.Var[PurchaseItem]) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text(item.series_title, weight="bold"),
                rx.text(item.item_title, " · ", item.date_label, size="2", color_scheme="gray"),
                spacing="1",
            ),
            rx.spacer(),
            rx.vstack(
                rx.text(item.amount_label, weight="bold"),
                rx.cond(item.status != "paid", rx.badge(item.status, color_scheme="amber")),
                rx.cond(item.test_mode, rx.badge("test mode", variant="soft")),
                align="end",
                spacing="1",
            ),
            rx.button(
                "Receipt", variant="soft", size="1", on_click=P.show_receipt(item.transaction_id)
            ),
            align="center",
            width="100%",
        ),
        width="100%",
        class_name="purchase-item",
    )


def _receipt() -> rx.Component:
    r = P.receipt
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Receipt ", r.purchase.receipt_number, size="4"),
                rx.spacer(),
                rx.icon_button(
                    rx.icon("x"),
                    variant="ghost",
                    aria_label="Close receipt",
                    on_click=P.close_receipt,
                ),
                width="100%",
            ),
            rx.text(r.purchase.series_title, " · ", r.purchase.item_title),
            rx.text("Paid ", r.purchase.amount_label, " on ", r.purchase.date_label, size="2"),
            rx.text("Billed to ", r.buyer_email, size="2"),
            rx.text(
                "Payment reference ",
                r.payment_reference,
                " (",
                r.provider,
                ")",
                size="1",
                color_scheme="gray",
            ),
            rx.foreach(
                r.refunds,
                lambda refund: rx.text(
                    "Refunded ", refund[1], " on ", refund[0], size="2", color_scheme="amber"
                ),
            ),
            rx.cond(r.net_label != "", rx.text("Kept: ", r.net_label, size="2")),
            spacing="2",
            align="start",
        ),
        width="100%",
        class_name="receipt",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading("My purchases", size="7", as_="h1"),
        notice(P.error),
        rx.cond(P.receipt, _receipt()),
        rx.cond(
            P.items.length() > 0,
            rx.foreach(P.items, _item),
            rx.callout(
                "Nothing bought yet. The first episodes of every series are free; "
                "unlock a season when you want more.",
                icon="ticket",
            ),
        ),
        spacing="3",
        width="100%",
        max_width="640px",
    )


def purchases_page() -> rx.Component:
    return app_shell(gated(_content()))
