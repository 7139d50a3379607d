"""Admin pages: creator applications first, then the outbox."""

from __future__ import annotations

import reflex as rx

from microshort.notify.schemas import OutboxItem
from microshort.ui import routes
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.admin.admin_state import AdminState
from microshort.ui.state.gate import gated
from microshort.users.schemas import ApplicationItem


def _application(item: rx.Var[ApplicationItem]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.avatar(fallback=item.display_name[0], size="3", radius="full"),
                rx.vstack(
                    rx.text(item.display_name, weight="bold"),
                    rx.text(item.user_email, " · /", item.slug, size="1", color_scheme="gray"),
                    spacing="0",
                ),
                align="center",
            ),
            rx.text(item.bio, size="2"),
            rx.foreach(
                item.links, lambda link: rx.link(link, href=link, is_external=True, size="2")
            ),
            rx.hstack(
                rx.button(
                    "Approve", color_scheme="green", on_click=AdminState.approve(item.profile_id)
                ),
                rx.form(
                    rx.hstack(
                        rx.input(
                            name="reason",
                            placeholder="Reason for the applicant",
                            required=True,
                            aria_label="Reason for rejecting",
                        ),
                        rx.el.input(
                            type="hidden", name="profile_id", value=item.profile_id.to_string()
                        ),
                        rx.button("Reject", type="submit", color_scheme="red", variant="soft"),
                        spacing="2",
                    ),
                    on_submit=AdminState.reject,
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="3",
            align="start",
        ),
        width="100%",
        class_name="application-item",
    )


def _count_card(
    label: str, count: rx.Var[int], detail: rx.Var[str] | str, href: str, icon: str
) -> rx.Component:
    """One queue: how many wait, as a card that opens the queue."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(icon, size=20),
                rx.vstack(
                    rx.text(label, size="2", color_scheme="gray"),
                    rx.heading(count.to_string(), size="6", as_="p"),
                    rx.text(detail, size="1", color_scheme="gray"),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
            width="100%",
        ),
        href=href,
        underline="none",
        color="inherit",
        class_name="queue-count",
        aria_label=rx.Var.create(label + ": ") + count.to_string() + " " + detail,
    )


def _counts() -> rx.Component:
    c = AdminState.counts
    return rx.cond(
        c,
        rx.grid(
            _count_card(
                "Creator applications", c.applications, "waiting", "#applications", "user-plus"
            ),
            _count_card("Reported comments", c.open_reports, "open", routes.ADMIN_REPORTS, "flag"),
            _count_card(
                "Mail outbox",
                c.mail_failed,
                "failed · " + c.mail_pending.to_string() + " pending",
                routes.ADMIN_OUTBOX,
                "mail-warning",
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="3",
            width="100%",
        ),
    )


def _queue() -> rx.Component:
    return rx.vstack(
        rx.heading("Admin", size="7", as_="h1"),
        _counts(),
        rx.heading("Creator applications", size="5", as_="h2", id="applications"),
        notice(AdminState.error),
        notice(AdminState.message, color="green"),
        rx.cond(
            AdminState.applications.length() > 0,
            rx.foreach(AdminState.applications, _application),
            rx.callout("No applications are waiting. New ones appear here.", icon="inbox"),
        ),
        spacing="4",
        width="100%",
        max_width="720px",
    )


def _mail(item: rx.Var[OutboxItem]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(item.status),
                rx.text(item.to_address, size="2"),
                rx.moment(item.created_at, from_now=True, size="1"),
                wrap="wrap",
            ),
            rx.text(item.subject, weight="bold", size="2"),
            rx.el.pre(
                item.body_text,
                style={"white_space": "pre-wrap", "font_size": "13px", "margin": "0"},
            ),
            spacing="2",
            align="start",
        ),
        width="100%",
        class_name="outbox-item",
    )


def _outbox() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading("Mail outbox", size="7", as_="h1"),
            rx.spacer(),
            rx.link("Applications", href=routes.ADMIN),
            width="100%",
            align="center",
        ),
        rx.text(
            "Every mail the platform sent or, without SMTP configured, kept here.",
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            AdminState.outbox.length() > 0,
            rx.foreach(AdminState.outbox, _mail),
            rx.callout("No mail yet.", icon="mail"),
        ),
        spacing="4",
        width="100%",
        max_width="720px",
    )


def admin_page() -> rx.Component:
    return app_shell(gated(_queue()))


def outbox_page() -> rx.Component:
    return app_shell(gated(_outbox()))
