"""The rail's Share button: the native share sheet (Web Share API) where there is one, else
the episode's link is copied and the button says "Link copied" for a moment.

The link is a short share link (/s/<code>, api/share.py) made for this viewer and channel
("native" or "copy"): it previews as the episode in any chat and attributes the visits it
brings. The script runs in the click itself (no websocket round trip first), so the share
sheet still counts as the tap's; if the link cannot be made, the episode's own address (which
previews too) is shared instead."""

from __future__ import annotations

import asyncio

import reflex as rx

from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.styles import tokens

COPIED_SECONDS = 3

# (d) => the episode id once the link is copied, 0 when shared or cancelled, minus the id when
# copying failed. Insecure origins have no navigator.clipboard: a hidden text area then.
_SHARE = """(async (d) => {
  const native = typeof navigator.share === "function";
  try {
    const made = await fetch("/api/share-links", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ episode_id: d.id, channel: native ? "native" : "copy" }),
    });
    if (made.ok) d.url = window.location.origin + (await made.json()).path;
  } catch (e) {}
  if (native) {
    try { await navigator.share({ title: d.title, url: d.url }); return 0; }
    catch (e) { if (e && e.name === "AbortError") return 0; }
  }
  try { await navigator.clipboard.writeText(d.url); return d.id; }
  catch (e) {
    const area = document.createElement("textarea");
    area.value = d.url;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? d.id : -d.id;
  }
})"""


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
        + " })"
    )
    return _SHARE + "(" + data + ")"


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
