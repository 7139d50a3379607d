"""The creator application page."""

from __future__ import annotations

import reflex as rx

from microshort.ui import routes
from microshort.ui.components.forms import field, form_card, notice, submit, text_area
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.creators.apply_state import ApplyState
from microshort.ui.state.gate import gated


def _err(name: str) -> rx.Var[str]:
    return rx.cond(ApplyState.field == name, ApplyState.error, "")


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            notice(rx.cond(ApplyState.field == "", ApplyState.error, "")),
            field(
                "Creator name",
                "display_name",
                default_value=ApplyState.display_name,
                error=_err("display_name"),
            ),
            field(
                "Your page address",
                "slug",
                default_value=ApplyState.slug,
                placeholder="night-owl-films",
                hint="microshort/creators/<this>. Lowercase letters, digits and hyphens.",
                error=_err("slug"),
            ),
            text_area(
                "About you",
                "bio",
                default_value=ApplyState.bio,
                placeholder="What you make, what you have made before.",
                error=_err("bio"),
            ),
            text_area(
                "Links (one per line)",
                "links",
                default_value=ApplyState.links,
                placeholder="https://tiktok.com/@you",
                error=_err("links"),
            ),
            submit("Send application"),
            spacing="4",
            width="100%",
        ),
        on_submit=ApplyState.submit,
        width="100%",
    )


def _content() -> rx.Component:
    return form_card(
        "Become a creator",
        rx.match(
            ApplyState.status,
            (
                "pending",
                rx.callout(
                    "Thanks! Your application is with our team. We will tell "
                    "you by email and here as soon as it is reviewed.",
                    icon="hourglass",
                    color_scheme="blue",
                ),
            ),
            (
                "approved",
                rx.vstack(
                    rx.callout("You are a MicroShort creator.", icon="check", color_scheme="green"),
                    rx.link(rx.button("Open your studio", size="3"), href=routes.STUDIO),
                ),
            ),
            (
                "rejected",
                rx.vstack(
                    rx.callout(
                        rx.text(
                            "Your last application was not approved: ", ApplyState.rejection_reason
                        ),
                        icon="info",
                        color_scheme="amber",
                    ),
                    rx.text("Update it and send it again.", size="2"),
                    _form(),
                    width="100%",
                ),
            ),
            _form(),
        ),
        subtitle="Publish your vertical series, see your funnels, get paid.",
    )


def apply_page() -> rx.Component:
    return app_shell(gated(_content()))
