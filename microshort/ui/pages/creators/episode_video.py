"""The studio page for one episode's video."""

from __future__ import annotations

import reflex as rx

from microshort.ui.components.forms import notice
from microshort.ui.components.layout import app_shell
from microshort.ui.components.status_chip import status_chip
from microshort.ui.components.uploader.uploader import direct_upload
from microshort.ui.pages.creators.episode_video_state import EpisodeVideoState as S
from microshort.ui.state.gate import gated


def _status() -> rx.Component:
    return status_chip(S.episode.status, size="2", class_name="status")


def _progress() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.upload_percent >= 0,
            rx.vstack(
                rx.text(
                    "Uploading ",
                    S.upload_percent.to_string(),
                    " %",
                    size="2",
                    class_name="upload-progress",
                ),
                rx.progress(value=S.upload_percent, width="100%"),
                width="100%",
            ),
        ),
        rx.cond(
            S.episode.status == "processing",
            rx.vstack(
                rx.text(
                    "Your episode is processing: ",
                    S.episode.progress_percent.to_string(),
                    " %",
                    size="2",
                    class_name="processing-progress",
                ),
                rx.progress(value=S.episode.progress_percent, width="100%", color_scheme="amber"),
                width="100%",
            ),
        ),
        width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.link("← Your studio", href="/studio", size="2"),
        rx.heading(
            S.episode.series_title,
            " · Ep ",
            S.episode.number.to_string(),
            ": ",
            S.episode.title,
            size="6",
            as_="h1",
        ),
        rx.hstack(
            _status(),
            rx.text(S.episode.duration_label, size="2", color_scheme="gray"),
            align="center",
        ),
        notice(S.error),
        rx.cond(
            S.episode.status == "failed",
            rx.callout(
                S.episode.failure_reason,
                icon="triangle-alert",
                color_scheme="red",
                class_name="failure-reason",
            ),
        ),
        rx.cond(
            S.episode.poster_url != "",
            rx.image(
                src=S.episode.poster_url, alt="Poster frame", width="160px", border_radius="12px"
            ),
        ),
        _progress(),
        rx.cond(
            (S.episode.status != "published") & (S.episode.status != "processing"),
            direct_upload(
                url=S.upload_url,
                max_bytes=S.max_bytes,
                label=rx.cond(
                    S.episode.status == "ready", "Replace the video", "Upload the episode video"
                ),
                on_select=S.start_upload,
                on_progress=S.upload_progress,
                on_done=S.upload_done,
                on_failed=S.upload_failed,
            ),
        ),
        rx.cond(
            S.episode.status == "ready",
            rx.button("Publish episode", size="3", color_scheme="green", on_click=S.publish),
        ),
        rx.cond(
            S.episode.status == "published",
            rx.link("Watch it as a viewer", href="/watch/" + S.episode.id.to_string()),
        ),
        spacing="4",
        width="100%",
        max_width="640px",
        align="start",
    )


def episode_video_page() -> rx.Component:
    return app_shell(gated(rx.cond(S.episode, _content(), rx.spinner())))
