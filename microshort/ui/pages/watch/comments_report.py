"""The report dialog of the comments panel: a reason and optional details, sent to the admins."""

from __future__ import annotations

import reflex as rx

from microshort.ui.pages.watch.comments_state import CommentsState as C

REPORT_KINDS = ["Spam", "Harassment or hate", "Spoiler", "Something else"]


def report_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Report this comment"),
            rx.dialog.description(
                "An admin reviews every report. The author is not told who reported.",
                size="2",
            ),
            rx.form(
                rx.vstack(
                    rx.select(REPORT_KINDS, name="kind", default_value=REPORT_KINDS[0]),
                    rx.text_area(
                        name="details",
                        placeholder="Anything the admin should know (optional)",
                        aria_label="Details",
                        max_length=400,
                        width="100%",
                    ),
                    rx.cond(
                        C.report_error != "",
                        rx.text(C.report_error, color_scheme="red", size="2", role="alert"),
                    ),
                    rx.hstack(
                        rx.dialog.close(rx.button("Cancel", variant="soft", type="button")),
                        rx.button("Send report", type="submit"),
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                ),
                on_submit=C.submit_report,
            ),
            max_width="400px",
        ),
        open=C.report_id > 0,
        on_open_change=C.report_dialog,
    )
