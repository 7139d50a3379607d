"""The studio payouts page."""

from __future__ import annotations

import reflex as rx

from microshort.payments.schemas import BalanceLine, PayoutItem
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.studio.payouts_state import PayoutsState as P
from microshort.ui.state.gate import gated


def _balance(line: rx.Var[BalanceLine]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text("Available", size="2", color_scheme="gray"),
            rx.heading(line.available_label, size="7", class_name="available-balance"),
            rx.text(
                "Earned ",
                line.earned_label,
                " · refunded ",
                line.reversed_label,
                " · paid out ",
                line.paid_out_label,
                size="1",
                color_scheme="gray",
                class_name="balance-detail",
            ),
            spacing="1",
        )
    )


def _payout(item: rx.Var[PayoutItem]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.date_label),
        rx.table.cell(item.amount_label),
        rx.table.cell(rx.badge(item.status)),
        rx.table.cell(rx.cond(item.test_mode, "test mode", item.transfer_id)),
        class_name="payout-row",
    )


def _content() -> rx.Component:
    o = P.overview
    return rx.vstack(
        rx.link("← Your studio", href="/studio", size="2"),
        rx.heading("Payouts", size="7", as_="h1"),
        notice(P.error),
        notice(P.message, color="green"),
        rx.cond(
            o.test_mode,
            rx.callout(
                "Test mode: payouts are simulated and no money moves.",
                icon="flask-conical",
                color_scheme="amber",
            ),
        ),
        rx.cond(
            o.payouts_enabled,
            rx.text(
                "Payouts are set up. The next automatic payout is on ",
                o.next_payout_at.to_string(),
                ".",
                size="2",
            ),
            rx.callout(
                rx.vstack(
                    rx.text("Set up payouts to get paid: it takes a few minutes with Stripe."),
                    rx.button("Set up payouts", on_click=P.onboard),
                ),
                icon="landmark",
                color_scheme="blue",
            ),
        ),
        rx.hstack(rx.foreach(o.balances, _balance), wrap="wrap", spacing="3"),
        rx.text("Minimum payout: ", o.minimum_label, ".", size="2", color_scheme="gray"),
        rx.hstack(
            rx.button("Pay out now", on_click=P.pay_out_now, disabled=~o.payouts_enabled),
            rx.button("Export CSV", variant="soft", on_click=P.export_csv),
            spacing="3",
        ),
        rx.heading("History", size="5", as_="h2"),
        rx.cond(
            o.history.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Date"),
                        rx.table.column_header_cell("Amount"),
                        rx.table.column_header_cell("Status"),
                        rx.table.column_header_cell("Transfer"),
                    )
                ),
                rx.table.body(rx.foreach(o.history, _payout)),
                width="100%",
            ),
            rx.text("No payouts yet.", size="2", color_scheme="gray"),
        ),
        spacing="4",
        width="100%",
        max_width="720px",
    )


def payouts_page() -> rx.Component:
    return app_shell(gated(rx.cond(P.overview, _content(), rx.spinner())))
