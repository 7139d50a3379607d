"""The app shell: top bar, content column, bottom navigation on phones."""

from __future__ import annotations

import reflex as rx

from microshort.ui import routes
from microshort.ui.components.pwa.pwa import install_entry
from microshort.ui.state.session_state import SessionState, sign_out
from microshort.ui.styles import tokens


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.box(
                rx.icon("play", size=16, color="white"),
                background="var(--accent-9)",
                border_radius="8px",
                padding="6px",
                display="flex",
            ),
            rx.text("MicroShort", weight="bold", size="5", letter_spacing="-0.02em"),
            align="center",
            spacing="2",
        ),
        href=routes.HOME,
        underline="none",
        color="inherit",
        aria_label="MicroShort home",
    )


def _theme_toggle() -> rx.Component:
    return rx.color_mode.button(
        variant="ghost",
        size="3",
        aria_label="Switch between light and dark theme",
        min_width=tokens.TOUCH_TARGET,
        min_height=tokens.TOUCH_TARGET,
    )


def _search_link() -> rx.Component:
    return rx.link(
        rx.icon("search", size=20),
        href=routes.SEARCH,
        color="inherit",
        aria_label="Search series",
        display="flex",
        align_items="center",
        justify_content="center",
        min_width=tokens.TOUCH_TARGET,
        min_height=tokens.TOUCH_TARGET,
    )


def _user_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.avatar(
                    src=SessionState.avatar_url,
                    fallback=SessionState.display_name[0],
                    size="2",
                    radius="full",
                ),
                rx.cond(
                    SessionState.unread_notices > 0,
                    rx.badge(
                        SessionState.unread_notices.to_string(), color_scheme="red", radius="full"
                    ),
                ),
                variant="ghost",
                aria_label="Your account menu",
                min_height=tokens.TOUCH_TARGET,
            ),
        ),
        rx.menu.content(
            rx.box(rx.text(SessionState.display_name, weight="bold", size="2"), padding="8px"),
            rx.menu.item("Library", on_click=rx.redirect(routes.LIBRARY)),
            rx.menu.item("My purchases", on_click=rx.redirect(routes.PURCHASES)),
            rx.menu.item("Account", on_click=rx.redirect(routes.ACCOUNT)),
            rx.cond(
                SessionState.is_creator,
                rx.menu.item("Studio", on_click=rx.redirect(routes.STUDIO)),
                rx.menu.item("Become a creator", on_click=rx.redirect(routes.BECOME_CREATOR)),
            ),
            rx.cond(
                SessionState.is_admin, rx.menu.item("Admin", on_click=rx.redirect(routes.ADMIN))
            ),
            rx.menu.separator(),
            # A form POST and full page load: the server clears the HttpOnly cookie.
            rx.menu.item("Log out", on_click=sign_out()),
        ),
    )


def _account_area() -> rx.Component:
    return rx.cond(
        SessionState.signed_in,
        _user_menu(),
        rx.hstack(
            rx.link(
                "Log in", href=routes.LOGIN, color="inherit", underline="none", weight="medium"
            ),
            rx.link(
                rx.button("Sign up", size="2"),
                href=routes.SIGNUP,
                display=["none", "inline-flex", "inline-flex"],
            ),
            spacing="3",
            align="center",
        ),
    )


def top_bar() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            _brand(),
            rx.spacer(),
            rx.hstack(
                rx.link("Home", href=routes.HOME, color="inherit", underline="none"),
                rx.link("Genres", href=routes.GENRES_ANCHOR, color="inherit", underline="none"),
                spacing="5",
                display=["none", "none", "flex"],
                align="center",
            ),
            _search_link(),
            install_entry(variant="bar"),
            _theme_toggle(),
            _account_area(),
            align="center",
            max_width=tokens.PAGE_MAX_WIDTH,
            margin_x="auto",
            height=tokens.TOP_BAR_HEIGHT,
            padding_x="16px",
            spacing="4",
        ),
        position="sticky",
        top="0",
        z_index="10",
        background="var(--color-panel-translucent)",
        backdrop_filter="blur(12px)",
        border_bottom="1px solid var(--gray-a4)",
    )


def _nav_item(icon: str, label: str, href: str) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.icon(icon, size=22),
            rx.text(label, size="1"),
            align="center",
            spacing="1",
        ),
        href=href,
        color="inherit",
        underline="none",
        min_width=tokens.TOUCH_TARGET,
        min_height=tokens.TOUCH_TARGET,
        padding_y="8px",
        flex="1",
        display="flex",
        justify_content="center",
    )


def bottom_nav() -> rx.Component:
    return rx.el.nav(
        _nav_item("house", "Home", routes.HOME),
        _nav_item("search", "Search", routes.SEARCH),
        _nav_item("layout-grid", "Genres", routes.GENRES_ANCHOR),
        _nav_item("library", "Library", routes.LIBRARY),
        position="fixed",
        bottom="0",
        left="0",
        right="0",
        height=tokens.BOTTOM_NAV_HEIGHT,
        background="var(--color-panel-solid)",
        border_top="1px solid var(--gray-a4)",
        display=["flex", "flex", "none"],
        z_index="10",
        aria_label="Main",
        padding_bottom="env(safe-area-inset-bottom)",
    )


def app_shell(*children: rx.Component) -> rx.Component:
    return rx.box(
        top_bar(),
        rx.el.main(
            *children,
            max_width=tokens.PAGE_MAX_WIDTH,
            margin_x="auto",
            padding_x="16px",
            padding_top="16px",
            padding_bottom=[f"calc({tokens.BOTTOM_NAV_HEIGHT} + 24px)", "", "48px"],
        ),
        bottom_nav(),
        install_entry(variant="card"),
        min_height="100vh",
    )
