"""Hostile input gets a 4xx with a message, never a 500: huge numbers and keys are bounded
before they reach int(), the database or the file system."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.content.playback import verify_stream
from tests.visitors import VISITOR_COOKIE, signed_visitor

BEYOND_INT4 = 2**31


def test_huge_ids_and_keys_are_refused_with_a_4xx(
    make_database: Callable[[], str], app_settings: Callable[[str], Path]
) -> None:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    # raise_server_exceptions (the default): a 500 would raise here.
    client = TestClient(api_app())
    client.cookies.set(VISITOR_COOKIE, signed_visitor("visitor0042"))
    assert client.get(f"/media/hls/{BEYOND_INT4}/master.m3u8").status_code == 404
    body = json.dumps({"seconds": 1, "duration": 9})
    assert client.post(f"/api/progress/{BEYOND_INT4}", content=body).status_code == 404
    assert client.get("/media/public/" + "a" * 10_000 + ".jpg").status_code == 404


def test_a_5000_digit_token_expiry_is_just_an_invalid_token() -> None:
    token = "9" * 5000 + ".signature"
    assert not verify_stream(b"k" * 32, token, episode_id=1, viewer="avisitor")
