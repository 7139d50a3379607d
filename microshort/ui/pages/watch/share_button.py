"""The rail's Share button: the native share sheet (Web Share API) where there is one, else
the episode's link is copied and the button says "Link copied" for a moment.

The link is a short share link (/s/<code>, api/share.py) made for this viewer and channel by
the shared script (ui/components/share_link.py): it previews as the episode in any chat and
attributes the visits it brings."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.ui.components.share_link import SHARE_SCRIPT
from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.styles import tokens

COPIED_SECONDS = 3


class ShareState(rx.State):
    copied_for: int = 0  # the episode whose link was just copied
    failed_for: int = 0  # the episode whose link could not be copied

    @rx.event(background=True)
    async def shared(self, result: int):
        """The script's answer; "Link copied" (or the failure) shows for a few seconds."""
        result = int(result or 0)
        if result == 0:
            return
        async with self:
            self.copied_for, self.failed_for = max(result, 0), max(-result, 0)
        await asyncio.sleep(COPIED_SECONDS)
        async with self:
            self.copied_for = self.failed_for = 0


def _share_script() -> rx.Var[str]:
    view = W.view
    title = view.series_title + " — Ep " + view.position.to_string() + ": " + view.title
    data = (
        "({ id: "
        + view.episode_id.to_string()
        + ", title: "
        + title.to_string()
        + ', url: window.location.origin + "/watch/" + '
        + view.episode_id.to_string()
        + ", target: { episode_id: "
        + view.episode_id.to_string()
        + " } })"
    )
    return SHARE_SCRIPT + "(" + data + ")"


def share_button() -> rx.Component:
    copied = ShareState.copied_for == W.view.episode_id
    failed = ShareState.failed_for == W.view.episode_id
    return rx.vstack(
        rx.icon_button(
            rx.icon("share-2", size=22),
            on_click=rx.call_script(_share_script(), callback=ShareState.shared),
            aria_label="Share this episode",
            variant="ghost",
            color="white",
            background="rgba(0,0,0,.5)",
            radius="full",
            width=tokens.TOUCH_TARGET,
            height=tokens.TOUCH_TARGET,
            custom_attrs={"data-testid": "share-button"},
        ),
        rx.text("Share", size="1", color="white", weight="bold", aria_hidden="true"),
        # Beside the button, so the rail keeps its width; announced to screen readers.
        rx.text(
            rx.cond(copied, "Link copied", rx.cond(failed, "Copy failed", "")),
            size="1",
            color="white",
            weight="bold",
            role="status",
            white_space="nowrap",
            position="absolute",
            right="52px",
            top="12px",
            padding_x=rx.cond(copied | failed, "8px", "0"),
            padding_y="2px",
            border_radius="999px",
            background="rgba(0,0,0,.7)",
            custom_attrs={"data-testid": "share-status"},
        ),
        position="absolute",
        right="8px",
        # Phones: above Episodes and Comments; desktop: where the phone's Comments button sits.
        bottom=["330px", "330px", "186px"],
        width=tokens.TOUCH_TARGET,
        spacing="0",
        align="center",
    )
