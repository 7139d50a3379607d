"""Share link basics without a database: who counts as a preview bot, the signed visitor id,
share codes."""

from __future__ import annotations

import pytest

from microshort.analytics.visitor_id import new_visitor_id, read_visitor_id, sign_visitor_id
from microshort.api.share import is_preview_bot
from microshort.social.share_links import CODE_LENGTH, new_code, valid_code

SECRET = b"k" * 32


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile Safari",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Instagram 300",
        "Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 Chrome/120 Mobile",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131 Safari/537.36",
    ],
)
def test_browsers_are_people(agent: str) -> None:
    assert not is_preview_bot(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "curl/8.5.0",
        "WhatsApp/2.23.20.0 A",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 AppleWebKit/601.2.4 Safari/601.2.4 facebookexternalhit/1.1 Facebot",
        "Mozilla/5.0 (compatible; Slackbot-LinkExpanding 1.0)",
    ],
)
def test_preview_fetchers_are_bots(agent: str) -> None:
    assert is_preview_bot(agent)


def test_the_visitor_id_is_only_ours_when_signed_with_our_key() -> None:
    visitor = new_visitor_id()
    value = sign_visitor_id(SECRET, visitor)
    assert read_visitor_id(SECRET, value) == visitor
    assert read_visitor_id(b"o" * 32, value) is None  # another key
    assert read_visitor_id(SECRET, visitor) is None  # unsigned
    assert read_visitor_id(SECRET, value[:-1] + ("A" if value[-1] != "A" else "B")) is None
    other = new_visitor_id()
    assert read_visitor_id(SECRET, other + value[len(visitor) :]) is None  # signature moved
    assert read_visitor_id(SECRET, None) is None


def test_codes_are_short_random_and_validated() -> None:
    codes = {new_code() for _ in range(1000)}
    assert len(codes) == 1000
    assert all(len(code) == CODE_LENGTH and code.isalnum() and valid_code(code) for code in codes)
    for bad in ("", "abc", "x" * 33, "../etc", "abc def", "abc%20d"):
        assert not valid_code(bad)
