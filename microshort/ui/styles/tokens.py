"""Design tokens: one place for colours, spacing, radii and type."""

ACCENT = "ruby"
GRAY = "mauve"
RADIUS = "large"

# System font stacks: nothing loads from a CDN.
FONT_BODY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

PAGE_MAX_WIDTH = "1200px"
TOP_BAR_HEIGHT = "56px"
BOTTOM_NAV_HEIGHT = "64px"
TOUCH_TARGET = "44px"

CARD_WIDTH = ["140px", "150px", "170px"]
COVER_RATIO = 2 / 3

# Radix's ruby step 9 (#e54666) under white text is 3.9:1; these darker steps 9/10 keep the hue
# and give white text 5.0:1 and 5.8:1 (WCAG AA asks 4.5:1), in both themes. Reflex puts this
# style on the Radix Theme element (emotion `css`): `&` is that element, whose own ruby accent
# everything inherits; the class makes the rule outrank Radix's; ruby badges match it too.
ACCENT_SOLID = "#d12d52"
ACCENT_SOLID_HOVER = "#c22149"

FOCUS_RING = {"outline": "2px solid var(--accent-9)", "outline_offset": "2px"}

GLOBAL_STYLE = {
    "font_family": FONT_BODY,
    "::selection": {"background": "var(--accent-a5)"},
    f'&[data-accent-color="{ACCENT}"], [data-accent-color="{ACCENT}"]': {
        "--accent-9": ACCENT_SOLID,
        "--accent-10": ACCENT_SOLID_HOVER,
    },
    # Everything focusable by keyboard shows where the focus is.
    "a:focus-visible, button:focus-visible, summary:focus-visible, [role=button]:focus-visible, "
    "[role=tab]:focus-visible, [role=slider]:focus-visible, [tabindex]:focus-visible": FOCUS_RING,
    # A link inside running text is underlined, not told apart by its colour alone.
    "p a, p a:hover": {"text_decoration_line": "underline", "text_underline_offset": "2px"},
}

# The dark theme's page colour (Radix's dark gray step 1): the browser's toolbar, the installed
# app's splash screen and the offline page (microshort/api/pwa) use it too.
BACKGROUND_DARK = "#111113"
TEXT_ON_DARK = "#eeeef0"
