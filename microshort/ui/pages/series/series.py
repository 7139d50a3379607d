"""Series page: cover, title, logline, creator, seasons as tabs, the episode grid."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import EpisodeItem, SeasonItem
from microshort.integrations.image_variants import SERIES_COVER_SIZES
from microshort.ui import routes
from microshort.ui.components.layout import app_shell
from microshort.ui.components.series_card import cover_image, genre_link
from microshort.ui.pages.not_found import not_found_message
from microshort.ui.pages.series.series_state import SeriesState
from microshort.ui.pages.series.social import more_from_creator, social_actions
from microshort.ui.styles import tokens


def _play_button() -> rx.Component:
    """Where the viewer stopped ("Continue · Ep 5"), else the first episode."""
    series = SeriesState.series
    resumes = series.continue_episode_id != 0
    return rx.link(
        rx.button(
            rx.icon("play", size=16),
            rx.cond(
                resumes,
                rx.text("Continue · Ep ", series.continue_position.to_string(), as_="span"),
                rx.text("Start with episode 1", as_="span"),
            ),
            size="3",
            min_height=tokens.TOUCH_TARGET,
        ),
        href="/watch/"
        + rx.cond(resumes, series.continue_episode_id, series.first_episode_id).to_string(),
        class_name="play-series",
    )


def _header() -> rx.Component:
    series = SeriesState.series
    return rx.flex(
        cover_image(
            series.cover_url,
            series.title,
            ["150px", "180px", "240px"],
            srcset=series.cover_srcset,
            sizes=SERIES_COVER_SIZES,
            priority=True,  # the page's LCP image
        ),
        rx.vstack(
            rx.hstack(
                genre_link(series.genre, size="2", variant="solid"),
                rx.foreach(series.tags, lambda tag: rx.badge(tag, variant="soft")),
                wrap="wrap",
                spacing="2",
            ),
            rx.heading(series.title, size="8", as_="h1"),
            rx.text(series.logline, size="4"),
            rx.text(series.description, size="2", color_scheme="gray"),
            rx.link(
                rx.hstack(
                    rx.avatar(fallback=series.creator_name[0], size="2", radius="full"),
                    rx.text("by ", rx.text.strong(series.creator_name), size="2"),
                    align="center",
                ),
                href="/creators/" + series.creator_slug,
                underline="none",
                color="inherit",
                class_name="creator-chip",
            ),
            rx.text(
                "Episodes 1–",
                series.free_episode_count.to_string(),
                " are free · ",
                series.episode_count.to_string(),
                " episodes",
                size="2",
                color_scheme="gray",
            ),
            _play_button(),
            rx.cond(series.preview, rx.fragment(), social_actions(series.title)),
            spacing="3",
            align="start",
            max_width="640px",
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing="5",
        align="start",
    )


def _access_badge(episode: rx.Var[EpisodeItem]) -> rx.Component:
    return rx.cond(
        episode.locked,
        rx.badge(rx.icon("lock", size=12), "Locked", color_scheme="gray", variant="soft"),
        rx.cond(
            episode.free,
            rx.badge("Free", color_scheme="green", variant="soft"),
            rx.badge(rx.icon("lock-open", size=12), "Unlocked", variant="soft"),
        ),
    )


def _watched_badge(episode: rx.Var[EpisodeItem]) -> rx.Component:
    return rx.cond(
        episode.watched,
        rx.badge(rx.icon("check", size=12), "Watched", color_scheme="gray", variant="outline"),
    )


def _progress_bar(episode: rx.Var[EpisodeItem]) -> rx.Component:
    """A thin bar under a partly watched episode, labelled for screen readers."""
    return rx.cond(
        ~episode.watched & (episode.percent > 0),
        rx.box(
            rx.box(
                width=episode.percent.to_string() + "%",
                height="100%",
                background="var(--accent-9)",
            ),
            width="100%",
            height="3px",
            border_radius="2px",
            overflow="hidden",
            background="var(--gray-a5)",
            role="progressbar",
            aria_valuenow=episode.percent,
            aria_valuemin=0,
            aria_valuemax=100,
            aria_label=episode.percent.to_string() + "% watched",
            title=episode.percent.to_string() + "% watched",
            class_name="episode-progress",
        ),
    )


def _episode(episode: rx.Var[EpisodeItem]) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.box(
                    rx.cond(
                        episode.poster_url != "",
                        rx.image(
                            src=episode.poster_thumb_url,
                            alt="",
                            width="100%",
                            height="100%",
                            object_fit="cover",
                            loading="lazy",
                            decoding="async",
                        ),
                    ),
                    width="54px",
                    aspect_ratio="0.5625",
                    border_radius="8px",
                    overflow="hidden",
                    background="var(--gray-a4)",
                    flex_shrink="0",
                ),
                rx.vstack(
                    rx.hstack(
                        rx.text("Ep ", episode.position.to_string(), weight="bold", size="2"),
                        _access_badge(episode),
                        rx.text(episode.duration_label, size="1", color_scheme="gray"),
                        _watched_badge(episode),
                        spacing="2",
                        align="center",
                    ),
                    rx.text(episode.title, weight="medium", size="2"),
                    rx.text(
                        episode.synopsis,
                        size="1",
                        color_scheme="gray",
                        style={
                            "display": "-webkit-box",
                            "-webkit-line-clamp": "2",
                            "-webkit-box-orient": "vertical",
                            "overflow": "hidden",
                        },
                    ),
                    _progress_bar(episode),
                    spacing="1",
                    align="start",
                    width="100%",
                ),
                spacing="3",
                align="start",
            ),
            class_name="episode-item",
        ),
        href="/watch/" + episode.id.to_string(),
        underline="none",
        color="inherit",
    )


def _season_tab(season: rx.Var[SeasonItem]) -> rx.Component:
    return rx.tabs.trigger(season.title, value=season.number.to_string())


def _season_panel(season: rx.Var[SeasonItem]) -> rx.Component:
    return rx.tabs.content(
        rx.vstack(
            rx.text(
                season.episode_count.to_string(),
                " episodes · ",
                rx.cond(
                    season.owned,
                    rx.text.strong("Owned"),
                    rx.text("unlock the season for ", season.price_label, as_="span"),
                ),
                size="2",
                color_scheme="gray",
                class_name="season-access",
            ),
            rx.grid(
                rx.foreach(season.episodes, _episode),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="3",
                width="100%",
            ),
            spacing="3",
            padding_top="12px",
        ),
        value=season.number.to_string(),
    )


def _episodes() -> rx.Component:
    return rx.vstack(
        rx.heading("Episodes", size="6", as_="h2"),
        rx.tabs.root(
            rx.tabs.list(rx.foreach(SeriesState.seasons, _season_tab)),
            rx.foreach(SeriesState.seasons, _season_panel),
            value=SeriesState.selected_season,
            on_change=SeriesState.select_season,
            width="100%",
        ),
        id="episodes",
        width="100%",
        spacing="3",
    )


def _skeleton() -> rx.Component:
    return rx.flex(
        rx.skeleton(rx.box(width=["150px", "180px", "240px"], aspect_ratio="0.6667")),
        rx.vstack(
            rx.skeleton(rx.box(height="32px", width="260px")),
            rx.skeleton(rx.box(height="18px", width="340px")),
            rx.skeleton(rx.box(height="18px", width="300px")),
            spacing="3",
        ),
        spacing="5",
        direction=rx.breakpoints(initial="column", sm="row"),
    )


def series_page() -> rx.Component:
    return app_shell(
        rx.cond(
            SeriesState.loaded,
            rx.cond(
                SeriesState.missing,
                not_found_message(
                    "We could not find that series. It may have been "
                    "unpublished, or the link has a typo."
                ),
                rx.vstack(
                    rx.cond(
                        SeriesState.series.preview,
                        rx.callout(
                            "Preview: this series is not published. Only you can see it.",
                            icon="eye",
                            color_scheme="amber",
                            width="100%",
                        ),
                    ),
                    _header(),
                    _episodes(),
                    more_from_creator(SeriesState.series.creator_name),
                    spacing="7",
                    width="100%",
                ),
            ),
            _skeleton(),
        )
    )


ROUTE = routes.SERIES
