"""The home hero: a carousel of the first few featured series.

Dots pick a slide, arrows step through them and a swipe does the same on touch screens. The
slides advance by themselves every few seconds, except while the pointer is over the hero,
focus is inside it, the tab is hidden, or the viewer asked for reduced motion.
"""

from __future__ import annotations

import reflex as rx

from microshort.content.schemas import SeriesCard
from microshort.integrations.image_variants import HERO_SIZES
from microshort.ui.components.series_card import cover_image
from microshort.ui.pages.home.home_state import HomeState
from microshort.ui.styles import tokens

HERO_ID = "home-hero"
ADVANCE_MS = 6000

# Installed when the hero mounts; it clicks the hero's own Next / Previous buttons, so the
# slide shown always comes from the state. One timer at a time; it stops once the hero is gone.
_AUTO_ADVANCE_JS = f"""(() => {{
  const find = () => document.getElementById('{HERO_ID}');
  const press = (hero, which) => {{
    const button = hero.querySelector('[data-hero-' + which + ']');
    if (button) button.click();
  }};
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)');
  if (window.__msHeroTimer) clearInterval(window.__msHeroTimer);
  window.__msHeroTimer = setInterval(() => {{
    const hero = find();
    if (!hero) {{ clearInterval(window.__msHeroTimer); window.__msHeroTimer = null; return; }}
    if (reduce.matches || document.hidden || hero.matches(':hover')
        || hero.contains(document.activeElement)) return;
    press(hero, 'next');
  }}, {ADVANCE_MS});
  const hero = find();
  if (!hero || hero.dataset.swipe) return;
  hero.dataset.swipe = '1';
  let startX = null;
  hero.addEventListener('touchstart', (e) => {{ startX = e.touches[0].clientX; }},
    {{ passive: true }});
  hero.addEventListener('touchend', (e) => {{
    if (startX === null) return;
    const dx = e.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) press(hero, dx < 0 ? 'next' : 'prev');
  }});
}})()"""


def _slide(card: rx.Var[SeriesCard], index: rx.Var[int]) -> rx.Component:
    # The slide (role=group) holds the link: a link may not take the group role itself.
    return rx.box(
        _slide_link(card, index),
        display=rx.cond(index == HomeState.hero_index, "block", "none"),
        role="group",
        aria_roledescription="slide",
        aria_label=(index + 1).to_string() + " of " + HomeState.hero.length().to_string(),
        class_name="hero-slide",
    )


def _slide_link(card: rx.Var[SeriesCard], index: rx.Var[int]) -> rx.Component:
    return rx.link(
        rx.flex(
            cover_image(
                card.cover_url,
                "",
                # On phones as wide as the rail cards below (140 px) and more, so this preloaded
                # cover, not a lazily loaded card, is the page's largest picture.
                ["150px", "150px", "200px"],
                srcset=card.cover_srcset,
                sizes=HERO_SIZES,
                priority=index == 0,  # the first slide is the page's LCP image
            ),
            rx.vstack(
                rx.badge("Featured", color_scheme="ruby", variant="solid"),
                rx.heading(card.title, size="7", as_="h1"),
                rx.text(card.logline, size="3", color_scheme="gray"),
                rx.text(card.creator_name, size="2", weight="medium"),
                rx.button(
                    rx.icon("play", size=16),
                    "Start watching",
                    size="3",
                    min_height=tokens.TOUCH_TARGET,
                    tab_index=-1,
                ),
                spacing="3",
                align="start",
            ),
            spacing="4",
            align="center",
            padding="16px",
            padding_bottom="56px",
            border_radius="16px",
            background="linear-gradient(120deg, var(--accent-a4), var(--gray-a2))",
        ),
        href="/series/" + card.slug,
        underline="none",
        color="inherit",
        width="100%",
        display="block",
    )


def _dot(card: rx.Var[SeriesCard], index: rx.Var[int]) -> rx.Component:
    current = index == HomeState.hero_index
    return rx.el.button(
        rx.box(
            width="10px",
            height="10px",
            border_radius="50%",
            background=rx.cond(current, "var(--accent-9)", "var(--gray-a7)"),
        ),
        on_click=HomeState.show_slide(index),
        aria_label="Show " + card.title,
        aria_current=rx.cond(current, "true", "false"),
        class_name="hero-dot",
        min_width=tokens.TOUCH_TARGET,
        min_height=tokens.TOUCH_TARGET,
        display="flex",
        align_items="center",
        justify_content="center",
        background="transparent",
        border="none",
        cursor="pointer",
    )


def _arrow(icon: str, label: str, which: str, event: rx.EventHandler) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=18),
        on_click=event,
        aria_label=label,
        variant="ghost",
        size="3",
        custom_attrs={f"data-hero-{which}": ""},
    )


def _controls() -> rx.Component:
    return rx.hstack(
        _arrow("chevron-left", "Previous featured series", "prev", HomeState.previous_slide),
        rx.hstack(rx.foreach(HomeState.hero, _dot), spacing="0"),
        _arrow("chevron-right", "Next featured series", "next", HomeState.next_slide),
        spacing="1",
        align="center",
        position="absolute",
        bottom="4px",
        right="8px",
    )


def hero() -> rx.Component:
    return rx.box(
        rx.foreach(HomeState.hero, _slide),
        rx.cond(HomeState.hero.length() > 1, _controls()),
        id=HERO_ID,
        position="relative",
        width="100%",
        role="region",
        aria_roledescription="carousel",
        aria_label="Featured series",
        on_mount=rx.call_script(_AUTO_ADVANCE_JS),
    )
