"""The WebP variants' names, URLs and srcset, and what the encoder makes."""

from __future__ import annotations

import io

from PIL import Image

from microshort.content.schemas import SeriesCard
from microshort.integrations.image_variants import (
    COVER_WIDTHS,
    encode_variant,
    source_of,
    srcset,
    variant_key,
    variant_url,
)


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 80)).save(out, "JPEG")
    return out.getvalue()


def test_a_variant_names_its_source_and_back() -> None:
    key = variant_key("public/covers/night-nurse-1a2b3c4d.jpg", 240)
    assert key == "public/covers/night-nurse-1a2b3c4d.jpg.w240.webp"
    assert source_of(key) == ("public/covers/night-nurse-1a2b3c4d.jpg", 240)


def test_only_the_widths_we_make_are_variants() -> None:
    # Any other width would let a visitor make the server encode pictures at will.
    assert source_of("public/covers/x.jpg.w241.webp") is None
    assert source_of("public/covers/x.jpg.w9999.webp") is None
    assert source_of("public/covers/x.jpg") is None
    assert source_of("public/covers/x.webp.w240.webp") is None


def test_srcset_lists_every_cover_width_from_the_url() -> None:
    url = "/media/public/covers/a-1.jpg"
    assert srcset(url) == ", ".join(f"{url}.w{w}.webp {w}w" for w in COVER_WIDTHS)
    assert variant_url(url, 480) == "/media/public/covers/a-1.jpg.w480.webp"


def test_no_picture_no_srcset() -> None:
    assert srcset("") == ""
    assert variant_url("", 240) == ""
    # A picture stored elsewhere (e.g. a provider's URL) has no variants: kept as it is.
    assert (
        variant_url("https://image.example/poster.gif", 240) == "https://image.example/poster.gif"
    )


def test_cards_carry_the_same_srcset_a_page_head_would_preload() -> None:
    card = SeriesCard("a", "A", "Romance", "", "/media/public/covers/a-1.jpg", "Mira", 12)
    assert card.cover_srcset == srcset(card.cover_url)
    assert SeriesCard("b", "B", "Romance", "", "", "Mira", 1).cover_srcset == ""


def test_a_variant_is_a_smaller_webp_of_the_same_shape() -> None:
    data = encode_variant(_jpeg(600, 900), 240)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size) == ("WEBP", (240, 360))
    assert len(data) < len(_jpeg(600, 900))


def test_a_small_picture_is_never_scaled_up() -> None:
    image = Image.open(io.BytesIO(encode_variant(_jpeg(100, 150), 480)))
    assert image.size == (100, 150)
