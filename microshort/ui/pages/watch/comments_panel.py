"""The comments panel: beside the player on desktop, a bottom sheet on phones.

`with_comments(side)` puts the panel under the watch page's side column; `comments_button()`
is the phone's overlay button (with the count) that opens the sheet. Bodies render through
`rx.text`, which escapes them: comments are plain text, never markup.
"""

from __future__ import annotations

import reflex as rx

from microshort.realtime.comments import MAX_BODY
from microshort.ui.pages.watch.comment_item import comment_item
from microshort.ui.pages.watch.comments_report import report_dialog
from microshort.ui.pages.watch.comments_state import CommentsState as C
from microshort.ui.pages.watch.sheet_layout import phone_desktop, sheet_header, side_sheet, testid
from microshort.ui.state.session_state import SessionState
from microshort.ui.styles import tokens


def _composer() -> rx.Component:
    return rx.cond(
        SessionState.signed_in,
        rx.form(
            rx.vstack(
                rx.text_area(
                    id="comment-input",
                    name="body",
                    value=C.draft,
                    on_change=C.set_draft,
                    max_length=MAX_BODY,
                    placeholder="Comment on this moment…",
                    aria_label="Your comment",
                    rows="2",
                    width="100%",
                    custom_attrs=testid("comment-input"),
                ),
                rx.hstack(
                    rx.text(
                        C.draft.length().to_string(), f"/{MAX_BODY}", size="1", color_scheme="gray"
                    ),
                    rx.spacer(),
                    rx.button(
                        "Post",
                        type="submit",
                        min_height=tokens.TOUCH_TARGET,
                        custom_attrs=testid("comment-submit"),
                    ),
                    width="100%",
                    align="center",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=C.submit,
            reset_on_submit=False,
            width="100%",
        ),
        rx.text(
            rx.link("Sign in to comment", href=C.login_href, weight="bold"),
            " — anyone can read along.",
            size="2",
            color_scheme="gray",
            padding_y="8px",
            custom_attrs=testid("comment-signin"),
        ),
    )


def _header() -> rx.Component:
    return rx.vstack(
        sheet_header(
            "Comments",
            rx.badge(C.count_label, variant="soft"),
            on_close=C.toggle_sheet,
            close_label="Close comments",
        ),
        rx.segmented_control.root(
            rx.segmented_control.item("By moment", value="moment"),
            rx.segmented_control.item("Newest", value="newest"),
            value=C.sort,
            on_change=C.set_sort,
            size="1",
        ),
        spacing="2",
        width="100%",
    )


def _list() -> rx.Component:
    return rx.box(
        rx.cond(
            C.items.length() > 0,
            rx.vstack(rx.foreach(C.items, comment_item), spacing="0", width="100%"),
            rx.text(
                "No comments yet. Say something about this moment.",
                size="2",
                color_scheme="gray",
                padding_y="12px",
            ),
        ),
        rx.cond(
            C.has_more,
            rx.button("Show more", variant="ghost", size="2", on_click=C.show_more, margin_y="8px"),
        ),
        width="100%",
        flex="1",
        min_height="0",
        overflow_y="auto",
        overflow_x="hidden",
        padding_x="4px",  # room for the focus rings
    )


def comments_panel() -> rx.Component:
    """Phones: a bottom sheet over the lower part of the video; desktop: a column."""
    return side_sheet(
        _header(),
        rx.cond(
            C.notice != "",
            rx.text(
                C.notice,
                size="2",
                color_scheme=rx.cond(C.notice_failed, "red", "green"),
                role="status",
            ),
        ),
        _list(),
        rx.cond(
            C.error != "",
            rx.text(
                C.error,
                color_scheme="red",
                size="2",
                role="alert",
                custom_attrs=testid("comment-error"),
            ),
        ),
        _composer(),
        report_dialog(),
        is_open=C.sheet_open,
        label="Comments",
        test_id="comments-panel",
        desktop_max_height="70dvh",
        z_index="20",
        height=phone_desktop("62dvh", "auto"),
    )


def with_comments(side: rx.Component) -> rx.Component:
    """The watch page's side column with the comments under it (on phones only the sheet)."""
    return rx.vstack(
        side,
        comments_panel(),
        display=phone_desktop("contents", "flex"),
        spacing="4",
    )


def comments_button() -> rx.Component:
    """The player overlay's comments button with the count (phones; desktop has the column).
    Like the live room's reaction rail right below it (live_room.css `.lr-rail`), it stays
    visible while the controls fade, so one tap always opens the comments."""
    return rx.vstack(
        rx.icon_button(
            rx.icon("message-circle", size=22),
            on_click=C.toggle_sheet,
            aria_label="Comments",
            variant="ghost",
            color="white",
            background="rgba(0,0,0,.5)",
            radius="full",
            width=tokens.TOUCH_TARGET,
            height=tokens.TOUCH_TARGET,
        ),
        rx.text(C.count_label, size="1", color="white", weight="bold"),
        position="absolute",
        right="8px",
        bottom="186px",
        spacing="0",
        align="center",
        display=phone_desktop("flex", "none"),
        custom_attrs=testid("comments-button"),
    )
