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

GLOBAL_STYLE = {
    "font_family": FONT_BODY,
    "::selection": {"background": "var(--accent-a5)"},
    "a:focus-visible, button:focus-visible": {
        "outline": "2px solid var(--accent-9)",
        "outline_offset": "2px",
    },
}
