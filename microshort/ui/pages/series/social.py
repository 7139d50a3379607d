"""Series page, social part: Follow, the favourite heart, Share (the series' short share link)
and "More from this creator"."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.series_card import rail
from microshort.ui.components.share_link import SHARE_SCRIPT
from microshort.ui.pages.series.social_state import SeriesSocialState
from microshort.ui.styles import tokens


def _share_script(title: rx.Var[str]) -> rx.Var[str]:
    """The series' short share link, shared or copied (ui/components/share_link.py)."""
    slug = SeriesSocialState.slug.to_string()
    data = (
        "({ id: 1, title: "
        + title.to_string()
        + ', url: window.location.origin + "/series/" + '
        + slug
        + ", target: { series: "
        + slug
        + " } })"
    )
    return SHARE_SCRIPT + "(" + data + ")"


def social_actions(title: rx.Var[str]) -> rx.Component:
    s = SeriesSocialState
    return rx.vstack(
        rx.hstack(
            rx.button(
                rx.cond(s.following, rx.icon("check", size=16), rx.icon("plus", size=16)),
                rx.cond(s.following, "Following", "Follow"),
                on_click=s.toggle_follow,
                variant=rx.cond(s.following, "soft", "outline"),
                size="3",
                min_height=tokens.TOUCH_TARGET,
                aria_pressed=s.following,
                class_name="follow-button",
            ),
            rx.icon_button(
                rx.icon(
                    "heart",
                    size=20,
                    fill=rx.cond(s.favourited, "currentColor", "none"),
                ),
                on_click=s.toggle_favourite,
                variant=rx.cond(s.favourited, "soft", "outline"),
                color_scheme=rx.cond(s.favourited, "ruby", "gray"),
                size="3",
                aria_label=rx.cond(s.favourited, "Remove from favourites", "Add to favourites"),
                aria_pressed=s.favourited,
                min_width=tokens.TOUCH_TARGET,
                min_height=tokens.TOUCH_TARGET,
                class_name="favourite-button",
            ),
            rx.button(
                rx.icon("share-2", size=16),
                rx.cond(s.copied, "Link copied", "Share"),
                on_click=rx.call_script(_share_script(title), callback=s.shared),
                variant="outline",
                size="3",
                min_height=tokens.TOUCH_TARGET,
                aria_label="Share this series",
            ),
            spacing="2",
            wrap="wrap",
            align="center",
        ),
        rx.text(
            s.follower_count.to_string(),
            rx.cond(s.follower_count == 1, " follower", " followers"),
            size="1",
            color_scheme="gray",
        ),
        rx.cond(s.error != "", rx.text(s.error, size="2", color_scheme="red")),
        spacing="1",
        align="start",
    )


def more_from_creator(creator_name: rx.Var[str]) -> rx.Component:
    return rx.cond(
        SeriesSocialState.more.length() > 0,
        rail("More from " + creator_name, SeriesSocialState.more),
    )
