"""Forgot password, choose a new password, confirm an email address."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.forms import field, form_card, notice, submit
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.auth.recovery_state import RecoveryState
from microshort.users.validation import MIN_PASSWORD


def forgot_password_page() -> rx.Component:
    return app_shell(
        form_card(
            "Forgot your password?",
            notice(RecoveryState.error),
            notice(RecoveryState.message, color="green"),
            rx.cond(
                ~RecoveryState.done,
                rx.form(
                    rx.vstack(
                        field("Email", "email", type_="email", autocomplete="email"),
                        submit("Send me a link", busy=RecoveryState.busy),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=RecoveryState.request_reset,
                    width="100%",
                ),
            ),
            rx.link("Back to log in", href="/login", size="2"),
            subtitle="We will mail you a link to choose a new one.",
        )
    )


def reset_password_page() -> rx.Component:
    return app_shell(
        form_card(
            "Choose a new password",
            notice(RecoveryState.error),
            notice(RecoveryState.message, color="green"),
            rx.cond(
                RecoveryState.done,
                rx.link(rx.button("Log in", size="3", width="100%"), href="/login", width="100%"),
                rx.form(
                    rx.vstack(
                        field(
                            "New password",
                            "password",
                            type_="password",
                            autocomplete="new-password",
                            hint=f"At least {MIN_PASSWORD} characters.",
                        ),
                        submit("Save password", busy=RecoveryState.busy),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=RecoveryState.save_new_password,
                    width="100%",
                ),
            ),
        )
    )


def confirm_email_page() -> rx.Component:
    return app_shell(
        form_card(
            "Email confirmation",
            rx.cond(
                RecoveryState.done,
                rx.fragment(
                    notice(RecoveryState.error),
                    notice(RecoveryState.message, color="green"),
                    rx.link("Go to your account", href="/account", size="2"),
                ),
                rx.spinner(),
            ),
        )
    )
