"""The episode grid: a bottom sheet on phones (opened from the rail), a panel in the desktop
side column. Numbered tiles per season (tabs when there are several): the current episode
highlighted, watched ones ticked, locked ones with a lock (tapping one opens that episode,
which shows the paywall). The grid comes with the page (WatchView.seasons)."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import EpisodeItem, SeasonItem
from microshort.ui.pages.watch.sheet_layout import phone_desktop, sheet_header, side_sheet, testid
from microshort.ui.pages.watch.watch_state import WatchState as W
from microshort.ui.styles import tokens


def _mark(episode: rx.Var[EpisodeItem]) -> rx.Component:
    return rx.cond(
        episode.locked,
        rx.icon("lock", size=12, custom_attrs=testid("tile-lock")),
        rx.cond(episode.watched, rx.icon("check", size=12, custom_attrs=testid("tile-watched"))),
    )


def _tile(episode: rx.Var[EpisodeItem]) -> rx.Component:
    current = episode.id == W.view.episode_id
    return rx.link(
        rx.text(episode.position.to_string(), weight="bold", size="3", as_="span"),
        _mark(episode),
        href="/watch/" + episode.id.to_string(),
        aria_label="Episode "
        + episode.position.to_string()
        + ": "
        + episode.title
        + rx.cond(episode.locked, ", locked", "")
        + rx.cond(episode.watched, ", watched", ""),
        aria_current=rx.cond(current, "page", "false"),
        title=episode.title,
        underline="none",
        display="flex",
        align_items="center",
        justify_content="center",
        gap="2px",
        min_width=tokens.TOUCH_TARGET,
        height=tokens.TOUCH_TARGET,
        border_radius="8px",
        color=rx.cond(
            current, "white", rx.cond(episode.locked, "var(--gray-11)", "var(--gray-12)")
        ),
        background=rx.cond(current, "var(--accent-9)", "var(--gray-a4)"),
        outline=rx.cond(current, "2px solid var(--accent-11)", "none"),
        custom_attrs={
            "data-testid": "episode-tile",
            "data-episode-id": episode.id.to_string(),
            "data-locked": rx.cond(episode.locked, "true", "false"),
            "data-watched": rx.cond(episode.watched, "true", "false"),
        },
    )


def _season_grid(season: rx.Var[SeasonItem]) -> rx.Component:
    return rx.tabs.content(
        rx.grid(
            rx.foreach(season.episodes, _tile),
            columns="6",
            spacing="2",
            width="100%",
            padding_top="8px",
        ),
        value=season.number.to_string(),
    )


def episode_grid() -> rx.Component:
    seasons = W.view.seasons
    return rx.tabs.root(
        rx.cond(
            seasons.length() > 1,
            rx.tabs.list(
                rx.foreach(seasons, lambda s: rx.tabs.trigger(s.title, value=s.number.to_string())),
                size="1",
            ),
        ),
        rx.foreach(seasons, _season_grid),
        value=W.episodes_season,
        on_change=W.select_episodes_season,
        width="100%",
    )


def _header() -> rx.Component:
    return sheet_header(
        "Episodes",
        rx.text(W.view.total.to_string(), " episodes", size="1", color_scheme="gray"),
        on_close=W.toggle_episodes,
        close_label="Close episodes",
    )


def episodes_panel() -> rx.Component:
    """Phones: a bottom sheet while open; desktop: always in the side column."""
    return side_sheet(
        _header(),
        rx.box(
            episode_grid(), width="100%", flex="1", min_height="0", overflow_y="auto", padding="2px"
        ),
        is_open=W.episodes_open,
        label="Episodes",
        test_id="episodes-sheet",
        desktop_max_height="40dvh",
        z_index="21",
    )


def episodes_button() -> rx.Component:
    """The rail's Episodes button (phones; desktop shows the grid in the side column)."""
    return rx.vstack(
        rx.icon_button(
            rx.icon("layout-grid", size=22),
            on_click=W.toggle_episodes,
            aria_label="Episodes",
            aria_expanded=W.episodes_open,
            variant="ghost",
            color="white",
            background="rgba(0,0,0,.5)",
            radius="full",
            width=tokens.TOUCH_TARGET,
            height=tokens.TOUCH_TARGET,
            custom_attrs=testid("episodes-button"),
        ),
        rx.text("Episodes", size="1", color="white", weight="bold", aria_hidden="true"),
        position="absolute",
        right="8px",
        bottom="258px",
        width=tokens.TOUCH_TARGET,  # centred over the Comments button below, label overflowing
        spacing="0",
        align="center",
        display=phone_desktop("flex", "none"),
    )
