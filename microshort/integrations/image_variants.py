"""Smaller WebP copies of public pictures (covers, posters), and the URLs/srcset that name them.

A variant is stored beside its source under the source's key plus `.w<width>.webp`
(`public/covers/x-1a2b.jpg` → `public/covers/x-1a2b.jpg.w240.webp`), so its URL is built from
the source URL alone and the source can be found again from the variant's key. They are made
when a picture is stored (`store_variants`) and, for pictures stored before, on the first
request of a variant (microshort.api.media), never while a page renders.

Every `<img srcset>` in the UI and every `<link rel=preload imagesrcset>` in a page's head
comes from `srcset()` / `variant_url()` here, so both pick the same file.
"""

from __future__ import annotations

import io
import re

from PIL import Image

from microshort.integrations.storage.base import MediaStorage

# Cards are 140-170 CSS px wide (x1.75-3 device pixels), the series cover up to 240 px.
COVER_WIDTHS = (160, 240, 360, 480)
# The watch poster fills a phone's height: 390 CSS px x ~1.75.
POSTER_WIDTHS = (160, 720)  # the episode list's thumbnails, the watch stage
WIDTHS = frozenset(COVER_WIDTHS + POSTER_WIDTHS)
POSTER_WIDTH = 720  # the single poster file a <video poster> gets (no srcset there)
WEBP_QUALITY = 78

_VARIANT = re.compile(r"^(?P<source>.+\.(?:jpg|jpeg|png))\.w(?P<width>\d{2,4})\.webp$")
_SOURCE = re.compile(r"\.(?:jpg|jpeg|png)$")

# `sizes` for the places covers are shown (CSS widths; Reflex's breakpoints are 30em/48em).
CARD_SIZES = "(min-width: 48em) 170px, (min-width: 30em) 150px, 140px"
GRID_SIZES = "(min-width: 48em) 180px, (min-width: 30em) 30vw, 45vw"
HERO_SIZES = "(min-width: 48em) 200px, 150px"
SERIES_COVER_SIZES = "(min-width: 48em) 240px, (min-width: 30em) 180px, 150px"


def variant_key(key: str, width: int) -> str:
    return f"{key}.w{width}.webp"


def source_of(key: str) -> tuple[str, int] | None:
    """(source key, width) for a variant key with a width we make; None otherwise."""
    match = _VARIANT.fullmatch(key)
    if match is None or int(match["width"]) not in WIDTHS:
        return None
    return match["source"], int(match["width"])


def variant_url(url: str, width: int) -> str:
    """The variant's URL for a public picture URL ('' stays '', other URLs are kept as they
    are: a picture we did not store has no variants)."""
    if not url or not _SOURCE.search(url) or width not in WIDTHS:
        return url
    return variant_key(url, width)


def srcset(url: str, widths: tuple[int, ...] = COVER_WIDTHS) -> str:
    """`srcset` for a public picture URL ('' when there is nothing to offer)."""
    if not url or not _SOURCE.search(url):
        return ""
    return ", ".join(f"{variant_url(url, width)} {width}w" for width in widths)


def encode_variant(data: bytes, width: int) -> bytes:
    """The picture scaled to `width` (never up), same aspect ratio, as WebP."""
    with Image.open(io.BytesIO(data)) as image:
        picture = image.convert("RGB")
    if picture.width > width:
        height = round(picture.height * width / picture.width)
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue()


def widths_for(key: str) -> tuple[int, ...]:
    return POSTER_WIDTHS if "/posters/" in key else COVER_WIDTHS


def store_variants(storage: MediaStorage, key: str, data: bytes) -> list[str]:
    """Encode and store every variant of a just-stored picture; returns their keys."""
    keys = []
    for width in widths_for(key):
        storage.put_sync(variant_key(key, width), encode_variant(data, width))
        keys.append(variant_key(key, width))
    return keys


def delete_with_variants(storage: MediaStorage, key: str) -> None:
    """Delete a replaced picture and whichever of its variants exist."""
    for stored in [key, *(variant_key(key, width) for width in sorted(WIDTHS))]:
        try:
            storage.delete_sync(stored)
        except (FileNotFoundError, OSError):
            continue
