"""The studio share kit page: /studio/share/<series id>."""

from __future__ import annotations

import reflex as rx

from microshort.social.share_kit import ChannelCount, KitLink
from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.pages.studio.share_kit_state import ShareKitState as K
from microshort.ui.state.gate import gated


def _copy_button(channel: rx.Var[str] | str, url: rx.Var[str] | str) -> rx.Component:
    return rx.button(
        rx.icon("copy", size=14),
        rx.cond(K.copied == channel, "Copied", "Copy"),
        size="1",
        variant="soft",
        on_click=K.copy(channel, url),
        aria_label="Copy the link",
    )


def _replace_button(link: rx.Var[KitLink]) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button("Turn off", size="1", variant="ghost", color_scheme="gray")
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Turn this link off?"),
            rx.alert_dialog.description(
                "Anyone who opens it will read that it was turned off. The kit makes a new "
                "link for this channel; what the old one brought stays counted."
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Keep it", variant="soft")),
                rx.alert_dialog.action(
                    rx.button("Turn off", color_scheme="red", on_click=K.replace_link(link.channel))
                ),
                justify="end",
                spacing="2",
                margin_top="16px",
            ),
        ),
    )


def _link_row(link: rx.Var[KitLink]) -> rx.Component:
    """One channel: its name and actions, the short link, and the long form with UTM tags
    (a card rather than a table row, so the buttons stay on screen on a phone)."""
    return rx.vstack(
        rx.hstack(
            rx.text(link.label, weight="medium"),
            rx.hstack(
                _copy_button(link.channel, link.short_url),
                rx.cond(
                    link.post_url != "",
                    rx.link(
                        rx.button("Post", size="1", variant="outline"),
                        href=link.post_url,
                        is_external=True,
                    ),
                ),
                _replace_button(link),
                spacing="2",
            ),
            justify="between",
            align="center",
            width="100%",
        ),
        rx.code(link.short_url, class_name="kit-short-link", word_break="break-all"),
        rx.text(link.utm_url, size="1", color_scheme="gray", word_break="break-all"),
        spacing="1",
        width="100%",
        padding_y="10px",
        border_bottom="1px solid var(--gray-a5)",
        custom_attrs={"data-channel": link.channel},
        class_name="kit-link",
    )


def _count_row(count: rx.Var[ChannelCount]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(count.label),
        rx.table.cell(count.visits.to_string(), text_align="right"),
        rx.table.cell(count.signups.to_string(), text_align="right"),
        rx.table.cell(count.purchases.to_string(), text_align="right"),
        custom_attrs={"data-source": count.source},
        class_name="kit-count",
    )


def _header(*names: str) -> rx.Component:
    return rx.table.header(
        rx.table.row(
            *(
                rx.table.column_header_cell(name, text_align="right" if index else "left")
                for index, name in enumerate(names)
            )
        )
    )


def _kit() -> rx.Component:
    k = K.kit
    return rx.vstack(
        rx.cond(
            ~k.listed,
            rx.callout(
                "This series is not published yet: its links open once it is.",
                icon="info",
                color_scheme="amber",
            ),
        ),
        rx.flex(
            rx.vstack(
                rx.text("Share link", size="2", color_scheme="gray"),
                rx.hstack(
                    rx.code(
                        k.main_url, size="4", class_name="kit-main-link", word_break="break-all"
                    ),
                    _copy_button("link", k.main_url),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(
                    "It previews as the series (title, picture, logline) in any chat and "
                    "counts who it brings. Use the channel links below to see which post works.",
                    size="2",
                    color_scheme="gray",
                ),
                spacing="2",
                flex="1",
            ),
            rx.vstack(
                rx.image(
                    src=k.qr_svg,
                    alt="QR code for " + k.title,
                    width="168px",
                    height="168px",
                    background="white",
                    border_radius="8px",
                    class_name="kit-qr",
                ),
                rx.link("Download QR (SVG)", href=k.qr_svg, download="qr.svg", size="1"),
                align="center",
                spacing="1",
            ),
            gap="24px",
            direction=rx.breakpoints(initial="column", sm="row"),
            width="100%",
        ),
        rx.heading("Links per channel", size="4", as_="h2"),
        rx.text(
            "Each channel's short link, and the long form with its UTM tags for places that "
            "want a plain address. Post opens the channel's own share screen.",
            size="2",
            color_scheme="gray",
        ),
        rx.vstack(rx.foreach(k.links, _link_row), spacing="0", width="100%"),
        rx.heading("What each channel brought", size="4", as_="h2"),
        rx.text(
            "Visits through the channel's links; sign-ups and purchases of this series whose "
            "last touch before was one of them.",
            size="2",
            color_scheme="gray",
        ),
        rx.table.root(
            _header("Channel", "Visits", "Sign-ups", "Purchases"),
            rx.table.body(
                rx.foreach(k.counts, _count_row),
                rx.table.row(
                    rx.table.row_header_cell("All"),
                    rx.table.cell(k.totals.visits.to_string(), text_align="right"),
                    rx.table.cell(k.totals.signups.to_string(), text_align="right"),
                    rx.table.cell(k.totals.purchases.to_string(), text_align="right"),
                    class_name="kit-total",
                ),
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.link("← Your studio", href="/studio", size="2"),
        rx.heading(rx.cond(K.kit, "Share kit · " + K.kit.title, "Share kit"), size="7", as_="h1"),
        notice(K.error),
        rx.cond(K.kit, _kit()),
        spacing="4",
        width="100%",
        max_width="860px",
        padding="16px",
    )


def share_kit_page() -> rx.Component:
    return app_shell(gated(_content()))
