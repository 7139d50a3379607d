"""The account page: one card per concern."""

from __future__ import annotations

import reflex as rx

from microshort.notify.schemas import NotificationItem
from microshort.ui.components.forms import field, notice, submit
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.account.account_state import AccountState
from microshort.ui.state.gate import gated
from microshort.ui.state.session_state import sign_out
from microshort.users.schemas import SessionItem
from microshort.users.validation import MIN_PASSWORD


def _feedback(section: str) -> rx.Component:
    mine = AccountState.section == section
    return rx.fragment(
        notice(rx.cond(mine, AccountState.error, "")),
        notice(rx.cond(mine, AccountState.message, ""), color="green"),
    )


def _card(title: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, size="4", as_="h2"), *children, spacing="3", width="100%"),
        width="100%",
    )


def _notice(item: rx.Var[NotificationItem]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(item.title, weight="bold", size="2"),
            rx.text(item.body, size="2"),
            rx.cond(item.link != "", rx.link("Open", href=item.link, size="2")),
            spacing="1",
            align="start",
        ),
        rx.spacer(),
        rx.icon_button(
            rx.icon("x", size=16),
            variant="ghost",
            aria_label="Dismiss notice",
            on_click=AccountState.dismiss_notice(item.id),
        ),
        width="100%",
        class_name="notice-item",
    )


def _session(item: rx.Var[SessionItem]) -> rx.Component:
    return rx.hstack(
        rx.icon("monitor-smartphone", size=18, flex_shrink="0"),
        rx.vstack(
            rx.text(
                item.user_agent,
                size="2",
                trim="both",
                style={
                    "overflow": "hidden",
                    "text_overflow": "ellipsis",
                    "white_space": "nowrap",
                    "max_width": "100%",
                },
            ),
            rx.text(item.ip_address, size="1", color_scheme="gray"),
            spacing="0",
            align="start",
            flex="1",
            min_width="0",
        ),
        rx.cond(item.current, rx.badge("This device", color_scheme="green", flex_shrink="0")),
        width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading("Your account", size="7", as_="h1"),
        rx.cond(
            AccountState.notices.length() > 0,
            _card("Notices", rx.foreach(AccountState.notices, _notice)),
        ),
        _card(
            "Profile",
            _feedback("profile"),
            rx.hstack(
                rx.avatar(
                    src=AccountState.avatar_url,
                    fallback=AccountState.display_name[0],
                    size="6",
                    radius="full",
                ),
                rx.upload.root(
                    rx.button(
                        rx.icon("image-up", size=16),
                        "Change picture",
                        variant="soft",
                        type="button",
                    ),
                    id="avatar",
                    accept={"image/jpeg": [], "image/png": [], "image/webp": [], "image/gif": []},
                    max_files=1,
                    on_drop=AccountState.upload_avatar(rx.upload_files(upload_id="avatar")),
                ),
                align="center",
                spacing="4",
            ),
            rx.form(
                rx.vstack(
                    field(
                        "Name",
                        "display_name",
                        default_value=AccountState.display_name,
                        autocomplete="name",
                    ),
                    submit("Save profile"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AccountState.save_profile,
                width="100%",
            ),
        ),
        _card(
            "Email",
            rx.text("Current: ", rx.text.strong(AccountState.email), size="2"),
            rx.cond(
                ~AccountState.email_verified,
                rx.text(
                    "Not confirmed yet: open the link we mailed you.",
                    size="2",
                    color_scheme="amber",
                ),
            ),
            _feedback("email"),
            rx.form(
                rx.vstack(
                    field("New email", "new_email", type_="email", autocomplete="email"),
                    field(
                        "Your password",
                        "password",
                        type_="password",
                        autocomplete="current-password",
                    ),
                    submit("Change email"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AccountState.change_email,
                reset_on_submit=True,
                width="100%",
            ),
        ),
        _card(
            "Password",
            _feedback("password"),
            rx.form(
                rx.vstack(
                    field(
                        "Current password",
                        "current_password",
                        type_="password",
                        autocomplete="current-password",
                    ),
                    field(
                        "New password",
                        "new_password",
                        type_="password",
                        autocomplete="new-password",
                        hint=f"At least {MIN_PASSWORD} characters.",
                    ),
                    submit("Change password"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AccountState.change_password,
                reset_on_submit=True,
                width="100%",
            ),
        ),
        _card(
            "Where you are logged in",
            _feedback("sessions"),
            rx.foreach(AccountState.sessions, _session),
            rx.hstack(
                rx.button(
                    "Log out everywhere else",
                    variant="soft",
                    on_click=AccountState.log_out_elsewhere,
                ),
                # A form POST and full page load: the server clears the HttpOnly cookie.
                rx.button("Log out", variant="outline", on_click=sign_out()),
                spacing="3",
                wrap="wrap",
            ),
        ),
        _card(
            "Delete account",
            rx.text(
                "Your name, email and profile are removed and you are logged out. "
                "Purchase records stay, anonymised, because the law requires them.",
                size="2",
                color_scheme="gray",
            ),
            _feedback("delete"),
            rx.form(
                rx.vstack(
                    field(
                        "Your password",
                        "password",
                        type_="password",
                        autocomplete="current-password",
                    ),
                    field("Type DELETE to confirm", "confirm"),
                    rx.button("Delete my account", type="submit", color_scheme="red", size="3"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AccountState.delete_account,
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="640px",
        margin_x="auto",
    )


def account_page() -> rx.Component:
    return app_shell(gated(_content()))
