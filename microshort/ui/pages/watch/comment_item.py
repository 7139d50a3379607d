"""One comment in the panel: author, age, badges, body, its moment (tap to seek), likes, and
the overflow menu (pin/hide for the creator, report for others). The body renders through
`rx.text`, which escapes it: comments are plain text, never markup.
"""

from __future__ import annotations

import reflex as rx

from microshort.realtime.schemas import CommentItem
from microshort.ui.pages.watch.comments_state import CommentsState as C
from microshort.ui.pages.watch.sheet_layout import testid
from microshort.ui.state.session_state import SessionState


def _seek(item: rx.Var[CommentItem]) -> rx.event.EventSpec:
    return rx.call_script(
        "document.querySelector('[data-testid=player-video]').currentTime = "
        + item.seconds.to_string()
    )


def _actions(item: rx.Var[CommentItem]) -> rx.Component:
    return rx.dropdown_menu.root(
        rx.dropdown_menu.trigger(
            rx.icon_button(
                rx.icon("ellipsis", size=16), variant="ghost", size="1", aria_label="More actions"
            )
        ),
        rx.dropdown_menu.content(
            rx.cond(
                item.can_moderate,
                rx.fragment(
                    rx.dropdown_menu.item(
                        rx.cond(item.pinned, "Unpin", "Pin to top"),
                        on_click=C.pin(item.id, ~item.pinned),
                    ),
                    rx.dropdown_menu.item(
                        rx.cond(item.hidden, "Show again", "Hide from viewers"),
                        on_click=C.hide(item.id, ~item.hidden),
                    ),
                ),
            ),
            rx.cond(
                ~item.mine,
                rx.cond(
                    SessionState.signed_in,
                    rx.dropdown_menu.item("Report", on_click=C.open_report(item.id)),
                    rx.dropdown_menu.item(rx.link("Sign in to report", href=C.login_href)),
                ),
            ),
        ),
    )


def _like(item: rx.Var[CommentItem]) -> rx.Component:
    """The heart and count; anonymous taps go to sign-in, hidden comments cannot be liked."""
    return rx.button(
        rx.icon("heart", size=14, fill=rx.cond(item.liked, "currentColor", "none")),
        item.likes.to_string(),
        variant="ghost",
        size="1",
        color_scheme=rx.cond(item.liked, "red", "gray"),
        on_click=C.toggle_like(item.id),
        disabled=item.hidden,
        aria_label=rx.cond(item.liked, "Unlike", "Like"),
        custom_attrs={
            "aria-pressed": rx.cond(item.liked, "true", "false"),
            **testid("comment-like"),
        },
    )


def comment_item(item: rx.Var[CommentItem]) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(item.author, weight="bold", size="2"),
            rx.text(item.age, size="1", color_scheme="gray"),
            rx.cond(item.pinned, rx.badge("Pinned", size="1")),
            rx.cond(item.hidden, rx.badge("Hidden", size="1", color_scheme="amber")),
            rx.spacer(),
            rx.cond(~item.mine | item.can_moderate, _actions(item)),
            width="100%",
            align="center",
            spacing="2",
        ),
        rx.text(item.body, size="2", white_space="pre-wrap", word_break="break-word"),
        rx.hstack(
            rx.button(
                item.moment,
                variant="soft",
                size="1",
                on_click=_seek(item),
                aria_label="Jump to " + item.moment,
                custom_attrs=testid("comment-time"),
            ),
            rx.spacer(),
            _like(item),
            width="100%",
            align="center",
        ),
        rx.cond(
            item.held,
            rx.text(
                "Only you can see this: it contains a word the creator filters.",
                size="1",
                color_scheme="amber",
            ),
        ),
        spacing="1",
        width="100%",
        padding_y="8px",
        border_bottom="1px solid var(--gray-a4)",
        custom_attrs=testid("comment-item"),
    )
