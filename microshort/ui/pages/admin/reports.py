"""Admin: the moderation table of open comment reports, each with its comment in context."""

from __future__ import annotations

import reflex as rx

from microshort.admin.schemas import ReportItem
from microshort.ui import routes
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.admin.reports_state import ReportsState
from microshort.ui.state.gate import gated


def _row(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.vstack(
                rx.text(item.body, size="2", white_space="pre-wrap", word_break="break-word"),
                rx.text("by ", item.author, size="1", color_scheme="gray"),
                spacing="1",
                max_width="320px",
            )
        ),
        rx.table.cell(
            rx.vstack(
                rx.text(item.series_title, size="2", weight="bold"),
                rx.link(
                    item.episode_title,
                    " · ",
                    item.moment,
                    href="/watch/" + item.episode_id.to_string(),
                    size="2",
                ),
                spacing="1",
            )
        ),
        rx.table.cell(
            rx.vstack(
                rx.text(item.reason, size="2"),
                rx.text(item.reporter, " · ", item.age, size="1", color_scheme="gray"),
                spacing="1",
            )
        ),
        rx.table.cell(
            rx.vstack(
                rx.input(
                    placeholder="Reason (optional)",
                    aria_label="Reason for the audit log",
                    max_length=1000,
                    on_change=lambda text: ReportsState.set_note(item.id, text),
                    size="1",
                ),
                rx.hstack(
                    rx.button(
                        "Hide comment",
                        color_scheme="red",
                        size="1",
                        on_click=ReportsState.hide(item.id),
                    ),
                    rx.button(
                        "Dismiss", variant="soft", size="1", on_click=ReportsState.dismiss(item.id)
                    ),
                    spacing="2",
                ),
                spacing="2",
            )
        ),
        class_name="report-row",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading("Reported comments", size="7", as_="h1"),
            rx.spacer(),
            rx.link("Applications", href=routes.ADMIN),
            rx.link("Mail outbox", href=routes.ADMIN_OUTBOX),
            width="100%",
            align="center",
            spacing="4",
        ),
        rx.text(
            "Oldest first. Hiding removes the comment for everyone; both actions are written to "
            "the audit log with your reason.",
            size="2",
            color_scheme="gray",
        ),
        notice(ReportsState.error),
        notice(ReportsState.message, color="green"),
        rx.cond(
            ReportsState.reports.length() > 0,
            rx.box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Comment"),
                            rx.table.column_header_cell("Where"),
                            rx.table.column_header_cell("Report"),
                            rx.table.column_header_cell("Action"),
                        )
                    ),
                    rx.table.body(rx.foreach(ReportsState.reports, _row)),
                    width="100%",
                ),
                width="100%",
                overflow_x="auto",
            ),
            rx.callout("No open reports. New ones appear here.", icon="inbox"),
        ),
        spacing="4",
        width="100%",
    )


def reports_page() -> rx.Component:
    return app_shell(gated(_content()))
