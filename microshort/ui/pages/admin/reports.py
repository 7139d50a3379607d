"""Admin: the moderation table of comment reports, each with its comment in context: the open
ones to decide on, and the resolved ones with the decision, 50 a page."""

from __future__ import annotations

import reflex as rx

from microshort.admin.schemas import ReportItem, ResolvedItem
from microshort.ui import routes
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.admin.reports_state import ReportsState
from microshort.ui.state.gate import gated


def _comment_cell(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.cell(
        rx.vstack(
            rx.text(item.body, size="2", white_space="pre-wrap", word_break="break-word"),
            rx.text("by ", item.author, size="1", color_scheme="gray"),
            spacing="1",
            max_width="320px",
        )
    )


def _where_cell(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.cell(
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
    )


def _report_cell(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.cell(
        rx.vstack(
            rx.text(item.reason, size="2"),
            rx.text(item.reporter, " · ", item.age, size="1", color_scheme="gray"),
            spacing="1",
        )
    )


def _actions_cell(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.cell(
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
    )


def _decision_cell(item: rx.Var[ResolvedItem]) -> rx.Component:
    return rx.table.cell(
        rx.vstack(
            rx.badge(
                item.decision,
                color_scheme=rx.cond(item.decision == "hidden", "red", "gray"),
                class_name="decision",
            ),
            rx.text(item.decided_by, " · ", item.decided, size="1", color_scheme="gray"),
            rx.cond(item.note != "", rx.text(item.note, size="2", class_name="decision-note")),
            spacing="1",
            align="start",
        )
    )


def _open_row(item: rx.Var[ReportItem]) -> rx.Component:
    return rx.table.row(
        _comment_cell(item),
        _where_cell(item),
        _report_cell(item),
        _actions_cell(item),
        class_name="report-row",
    )


def _resolved_row(item: rx.Var[ResolvedItem]) -> rx.Component:
    return rx.table.row(
        _comment_cell(item),
        _where_cell(item),
        _report_cell(item),
        _decision_cell(item),
        class_name="resolved-row",
    )


def _table(last_column: str, body: rx.Component) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Comment"),
                    rx.table.column_header_cell("Where"),
                    rx.table.column_header_cell("Report"),
                    rx.table.column_header_cell(last_column),
                )
            ),
            rx.table.body(body),
            width="100%",
        ),
        width="100%",
        overflow_x="auto",
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=16),
            "Previous",
            variant="soft",
            size="1",
            disabled=ReportsState.page <= 1,
            on_click=ReportsState.previous_page,
        ),
        rx.text(ReportsState.page_label, size="2", class_name="page-label"),
        rx.button(
            "Next",
            rx.icon("chevron-right", size=16),
            variant="soft",
            size="1",
            disabled=~ReportsState.has_next,
            on_click=ReportsState.next_page,
        ),
        spacing="3",
        align="center",
    )


def _open_view() -> rx.Component:
    return rx.cond(
        ReportsState.reports.length() > 0,
        _table("Action", rx.foreach(ReportsState.reports, _open_row)),
        rx.callout("No open reports. New ones appear here.", icon="inbox"),
    )


def _resolved_view() -> rx.Component:
    return rx.cond(
        ReportsState.resolved.length() > 0,
        _table("Decision", rx.foreach(ReportsState.resolved, _resolved_row)),
        rx.callout("No resolved reports yet.", icon="inbox"),
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
            "Open reports oldest first, resolved ones newest first. Hiding removes the comment "
            "for everyone; both actions are written to the audit log with your reason.",
            size="2",
            color_scheme="gray",
        ),
        rx.hstack(
            rx.segmented_control.root(
                rx.segmented_control.item("Open", value="open"),
                rx.segmented_control.item("Resolved", value="resolved"),
                value=ReportsState.view,
                on_change=ReportsState.show,
            ),
            rx.text(ReportsState.summary, size="2", weight="bold", class_name="report-total"),
            rx.spacer(),
            rx.cond((ReportsState.page > 1) | ReportsState.has_next, _pager()),
            width="100%",
            align="center",
            spacing="4",
            wrap="wrap",
        ),
        notice(ReportsState.error),
        notice(ReportsState.message, color="green"),
        rx.cond(ReportsState.view == "resolved", _resolved_view(), _open_view()),
        spacing="4",
        width="100%",
    )


def reports_page() -> rx.Component:
    return app_shell(gated(_content()))
