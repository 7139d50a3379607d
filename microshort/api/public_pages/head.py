"""The <head> a public page is served with: title, description, canonical, Open Graph,
Twitter card, JSON-LD and the LCP image preload. Everything from the database is escaped."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

SITE_NAME = "MicroShort"
DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical: str  # absolute URL
    og_type: str  # website, video.tv_show, video.episode, profile
    image: str  # absolute URL of a 1200x630 picture
    image_alt: str = ""
    video: str = ""  # absolute URL of a free episode's stream (og:video)
    video_type: str = "application/x-mpegURL"
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    preload_image: str = ""  # the LCP image, exactly as the page's <img> asks for it
    # ...and its srcset/sizes when the <img> has them (microshort.integrations.image_variants),
    # so the browser preloads the very file the <img> then picks.
    preload_srcset: str = ""
    preload_sizes: str = ""
    noindex: bool = False


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """One line, cut at a word boundary with an ellipsis when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def json_ld_script(data: dict[str, Any]) -> str:
    """A JSON-LD block that no string can break out of: '<', '>' and '&' are escaped as JSON
    unicode escapes (so '</script>' never appears), as are U+2028/U+2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}"/>'


def head_html(meta: PageMeta) -> tuple[str, str]:
    """(tags for the start of <head>, JSON-LD for its end). A <script> early in <head> breaks
    React's hydration of the document (error #418), so the structured data goes last."""
    tags = [
        f"<title>{escape(meta.title)}</title>",
        _meta("name", "description", meta.description),
    ]
    if meta.canonical:
        tags.append(f'<link rel="canonical" href="{escape(meta.canonical)}"/>')
    if meta.noindex:
        tags.append(_meta("name", "robots", "noindex"))
    if meta.preload_image:
        choice = (
            f' imagesrcset="{escape(meta.preload_srcset)}"'
            f' imagesizes="{escape(meta.preload_sizes)}"'
            if meta.preload_srcset
            else ""
        )
        tags.append(
            f'<link rel="preload" as="image" fetchpriority="high" '
            f'href="{escape(meta.preload_image)}"{choice}/>'
        )
    og = [
        ("og:site_name", SITE_NAME),
        ("og:type", meta.og_type),
        ("og:title", meta.title),
        ("og:description", meta.description),
        *([("og:url", meta.canonical)] if meta.canonical else []),
        ("og:image", meta.image),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("og:image:alt", meta.image_alt or meta.title),
    ]
    if meta.video:
        og += [("og:video", meta.video), ("og:video:type", meta.video_type)]
    tags += [_meta("property", name, content) for name, content in og]
    twitter = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", meta.title),
        ("twitter:description", meta.description),
        ("twitter:image", meta.image),
        ("twitter:image:alt", meta.image_alt or meta.title),
    ]
    tags += [_meta("name", name, content) for name, content in twitter]
    return "".join(tags), "".join(json_ld_script(item) for item in meta.json_ld)
