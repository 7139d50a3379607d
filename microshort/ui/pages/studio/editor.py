"""The series editor page (also "new series")."""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import StudioSeason
from microshort.ui.components.forms import field, notice, text_area
from microshort.ui.components.layout import app_shell
from microshort.ui.components.status_chip import status_chip
from microshort.ui.pages.studio.editor_episodes import episode_dialogs, episode_row
from microshort.ui.pages.studio.editor_state import SEASON_PRICE_FIELD
from microshort.ui.pages.studio.editor_state import EditorState as E
from microshort.ui.state.gate import gated


def _err(name: str) -> rx.Var[str]:
    return rx.cond(E.field == name, E.error, "")


def _select(label: str, name: str, options: rx.Var, value: rx.Var[str] | str) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=name, font_weight="500", font_size="14px"),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o, value=o))
            if name == "genre"
            else rx.foreach(options, lambda o: rx.el.option(o[1], value=o[0])),
            id=name,
            name=name,
            default_value=value,
            # Uncontrolled: a new key remounts it when the series loads after the first render.
            key=value,
            style={
                "min_height": "44px",
                "width": "100%",
                "padding": "0 8px",
                "border_radius": "8px",
                "background": "var(--color-surface)",
                "color": "inherit",
                "border": "1px solid var(--gray-a7)",
            },
        ),
        spacing="1",
        width="100%",
    )


def _details() -> rx.Component:
    d = E.detail
    return rx.form(
        rx.vstack(
            field("Title", "title", default_value=rx.cond(d, d.title, ""), error=_err("title")),
            field(
                "Logline",
                "logline",
                required=False,
                hint="One sentence that hooks.",
                default_value=rx.cond(d, d.logline, ""),
                error=_err("logline"),
            ),
            text_area(
                "Description",
                "description",
                default_value=rx.cond(d, d.description, ""),
                error=_err("description"),
            ),
            rx.hstack(
                _select("Genre", "genre", E.genres, rx.cond(d, d.genre, "Drama")),
                _select("Language", "language", E.languages, rx.cond(d, d.language, "en")),
                width="100%",
            ),
            rx.cond(_err("genre") != "", rx.text(_err("genre"), color_scheme="red", size="2")),
            field(
                "Tags (comma separated)",
                "tags",
                required=False,
                default_value=rx.cond(d, d.tags_text, ""),
                error=_err("tags"),
            ),
            field(
                "Address",
                "slug",
                required=False,
                hint="Made from the title when empty.",
                default_value=rx.cond(d, d.slug, ""),
                error=_err("slug"),
            ),
            rx.button(rx.cond(E.is_new, "Create series", "Save details"), type="submit", size="3"),
            spacing="3",
            width="100%",
        ),
        on_submit=E.save_details,
        width="100%",
    )


def _cover() -> rx.Component:
    return rx.hstack(
        rx.box(
            rx.cond(
                E.detail.cover_url != "",
                rx.image(
                    src=E.detail.cover_url,
                    alt="Cover",
                    width="100%",
                    height="100%",
                    object_fit="cover",
                ),
            ),
            width="120px",
            aspect_ratio="0.6667",
            border_radius="12px",
            overflow="hidden",
            background="var(--gray-a4)",
        ),
        rx.vstack(
            rx.upload.root(
                rx.button(
                    rx.icon("image-up", size=16), "Upload a cover", type="button", variant="soft"
                ),
                id="cover",
                max_files=1,
                accept={"image/jpeg": [], "image/png": [], "image/webp": []},
                on_drop=E.upload_cover(rx.upload_files(upload_id="cover")),
            ),
            rx.text(
                "Any picture works: it is cropped to the 2:3 card.", size="1", color_scheme="gray"
            ),
            rx.cond(_err("cover") != "", rx.text(_err("cover"), color_scheme="red", size="2")),
        ),
        spacing="4",
        align="center",
    )


def _season_price(season: rx.Var[StudioSeason]) -> rx.Component:
    """Change a season's price in place; a wrong price is named under the field."""
    error = _err(SEASON_PRICE_FIELD + season.id.to_string())
    return rx.form(
        rx.vstack(
            rx.hstack(
                rx.el.input(type="hidden", name="season_id", value=season.id.to_string()),
                rx.input(
                    name="price",
                    default_value=season.price_label,
                    required=True,
                    aria_label="Price of " + season.title,
                    aria_invalid=rx.cond(error != "", "true", "false"),
                    width="140px",
                ),
                rx.button("Save price", type="submit", variant="soft"),
                align="center",
            ),
            rx.cond(error != "", rx.text(error, color_scheme="red", size="2", role="alert")),
            spacing="1",
        ),
        on_submit=E.save_season_price,
        class_name="season-price",
    )


def _season(season: rx.Var[StudioSeason]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(season.title, size="4"),
                rx.spacer(),
                rx.text(season.price_label, weight="bold", class_name="season-price-label"),
                width="100%",
                align="center",
            ),
            _season_price(season),
            rx.foreach(season.episodes, lambda item: episode_row(season, item)),
            rx.form(
                rx.hstack(
                    rx.el.input(type="hidden", name="season_id", value=season.id.to_string()),
                    rx.input(
                        name="title",
                        placeholder="New episode title",
                        required=True,
                        aria_label="New episode title",
                        flex="1",
                    ),
                    rx.button("Add episode", type="submit", variant="soft"),
                    width="100%",
                ),
                on_submit=E.add_episode,
                reset_on_submit=True,
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="studio-season",
    )


def _seasons() -> rx.Component:
    return rx.vstack(
        rx.heading("Seasons and episodes", size="5", as_="h2"),
        rx.foreach(E.detail.seasons, _season),
        episode_dialogs(),
        rx.form(
            rx.hstack(
                rx.input(
                    name="price",
                    placeholder="Season price, e.g. 4.99",
                    required=True,
                    aria_label="Season price",
                    width="200px",
                ),
                rx.el.select(
                    rx.el.option("USD"),
                    rx.el.option("EUR"),
                    rx.el.option("GBP"),
                    name="currency",
                    aria_label="Currency",
                    style={"min_height": "32px"},
                ),
                rx.button("Add season", type="submit", variant="soft"),
                align="center",
                wrap="wrap",
            ),
            on_submit=E.add_season,
            reset_on_submit=True,
        ),
        rx.cond(_err("price") != "", rx.text(_err("price"), color_scheme="red", size="2")),
        spacing="3",
        width="100%",
    )


def _pricing() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Pricing", size="4", as_="h2"),
                rx.hstack(
                    field(
                        "Free episodes",
                        "free_episodes",
                        type_="number",
                        default_value=E.free_episodes.to_string(),
                        hint="Episodes 1 to N play for everyone.",
                        error=_err("free_episodes"),
                    ),
                    field(
                        "Whole-series bundle discount %",
                        "discount",
                        type_="number",
                        required=False,
                        default_value=E.bundle_discount.to_string(),
                        hint="0 for no bundle.",
                        error=_err("discount"),
                    ),
                    width="100%",
                ),
                rx.button("Save pricing", type="submit", variant="soft"),
                spacing="3",
                width="100%",
            ),
            on_submit=E.save_pricing,
            width="100%",
        ),
        width="100%",
    )


def _workflow() -> rx.Component:
    d = E.detail
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Status:"),
                status_chip(d.status, size="2", class_name="series-status"),
                align="center",
            ),
            rx.cond(
                (d.status == "draft") & (d.problems.length() > 0),
                rx.vstack(
                    rx.text("Before publishing:", weight="bold", size="2"),
                    rx.foreach(d.problems, lambda p: rx.text("• ", p, size="2")),
                    spacing="1",
                ),
            ),
            rx.hstack(
                rx.cond(
                    d.status == "draft",
                    rx.button("Publish series", color_scheme="green", on_click=E.publish),
                ),
                rx.cond(
                    d.status == "published",
                    rx.button("Hide from viewers", variant="soft", on_click=E.set_hidden(True)),
                ),
                rx.cond(
                    d.status == "hidden",
                    rx.button("Show again", variant="soft", on_click=E.set_hidden(False)),
                ),
                rx.link(
                    rx.button("Preview as a viewer", variant="outline"),
                    href="/series/" + d.slug,
                    is_external=False,
                ),
                rx.link(
                    rx.button(rx.icon("share-2", size=16), "Share kit", variant="outline"),
                    href=E.share_kit_url,
                ),
                rx.alert_dialog.root(
                    rx.alert_dialog.trigger(
                        rx.button("Delete", color_scheme="red", variant="soft")
                    ),
                    rx.alert_dialog.content(
                        rx.alert_dialog.title("Delete this series?"),
                        rx.alert_dialog.description(
                            "It disappears for viewers at once. You can restore it from your "
                            "studio for 30 days."
                        ),
                        rx.hstack(
                            rx.alert_dialog.cancel(rx.button("Keep it", variant="soft")),
                            rx.alert_dialog.action(
                                rx.button("Delete series", color_scheme="red", on_click=E.delete)
                            ),
                            justify="end",
                            spacing="3",
                        ),
                    ),
                ),
                wrap="wrap",
                spacing="3",
            ),
            spacing="3",
        ),
        width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.link("← Your studio", href="/studio", size="2"),
        rx.heading(rx.cond(E.is_new, "New series", E.detail.title), size="7", as_="h1"),
        notice(rx.cond(E.field == "", E.error, "")),
        notice(E.message, color="green"),
        rx.cond(
            E.is_new,
            _details(),
            rx.vstack(
                _workflow(),
                _cover(),
                _details(),
                _seasons(),
                _pricing(),
                spacing="5",
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
        max_width="720px",
    )


def series_editor_page() -> rx.Component:
    return app_shell(gated(_content()))
