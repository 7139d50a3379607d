"""Log in and sign up pages."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.forms import field, form_card, notice, submit
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.auth.auth_state import AuthState
from microshort.users.validation import MIN_PASSWORD


def _error_for(name: str) -> rx.Var[str]:
    return rx.cond(AuthState.field == name, AuthState.error, "")


def _general_error() -> rx.Var[str]:
    return rx.cond(AuthState.field == "", AuthState.error, "")


def _email_field() -> rx.Component:
    return field(
        "Email",
        "email",
        type_="email",
        autocomplete="email",
        placeholder="you@example.com",
        error=_error_for("email"),
    )


def _unlock_notice(action: str) -> rx.Component:
    """Why this page, when a paywall's Unlock led here, and what happens next."""
    return rx.cond(
        AuthState.unlock_series != "",
        rx.callout(
            rx.text(
                action,
                " to unlock ",
                rx.text(AuthState.unlock_series, as_="span", weight="bold"),
                " — you'll go straight to checkout.",
            ),
            icon="lock-open",
            class_name="unlock-notice",
        ),
    )


def login_page() -> rx.Component:
    return app_shell(
        form_card(
            "Log in",
            rx.cond(
                AuthState.expired,
                rx.callout(
                    "That log-in link expired. Please log in again.",
                    icon="clock",
                    color_scheme="amber",
                ),
            ),
            _unlock_notice("Log in"),
            notice(_general_error()),
            rx.form(
                rx.vstack(
                    _email_field(),
                    field(
                        "Password",
                        "password",
                        type_="password",
                        autocomplete="current-password",
                        error=_error_for("password"),
                    ),
                    submit("Log in", busy=AuthState.busy),
                    spacing="4",
                    width="100%",
                ),
                on_submit=AuthState.log_in,
                width="100%",
            ),
            rx.hstack(
                rx.link("Forgot your password?", href="/forgot-password", size="2"),
                rx.spacer(),
                rx.link("Create an account", href="/signup?next=" + AuthState.next_query, size="2"),
                width="100%",
            ),
            subtitle="Welcome back. Pick up where you left off.",
        )
    )


def signup_page() -> rx.Component:
    return app_shell(
        form_card(
            "Create your account",
            _unlock_notice("Create an account"),
            notice(_general_error()),
            rx.form(
                rx.vstack(
                    field(
                        "Your name",
                        "display_name",
                        autocomplete="name",
                        placeholder="How other viewers see you",
                        error=_error_for("display_name"),
                    ),
                    _email_field(),
                    field(
                        "Password",
                        "password",
                        type_="password",
                        autocomplete="new-password",
                        hint=f"At least {MIN_PASSWORD} characters. A short sentence works.",
                        error=_error_for("password"),
                    ),
                    submit("Sign up", busy=AuthState.busy),
                    spacing="4",
                    width="100%",
                ),
                on_submit=AuthState.sign_up,
                width="100%",
            ),
            rx.text(
                "Already have an account? ",
                rx.link("Log in", href="/login?next=" + AuthState.next_query),
                size="2",
            ),
            subtitle="Free to join. Watch, react and keep your place in every series.",
        )
    )
