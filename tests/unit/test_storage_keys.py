from __future__ import annotations

import pytest

from microshort.integrations.storage.base import is_valid_key, public_url


@pytest.mark.parametrize(
    "key",
    [
        "../../x",
        "/etc/passwd",
        "public/../secret",
        "public/.env",
        "Public/A.jpg",
        "",
        "a//b",
        "public/covers/x.jpg\x00",
    ],
)
def test_hostile_keys_are_refused(key: str) -> None:
    assert not is_valid_key(key)


def test_normal_keys_pass() -> None:
    assert is_valid_key("public/covers/the-last-heir-0a1b2c3d.jpg")


def test_only_public_keys_get_a_url() -> None:
    assert public_url("public/covers/a.jpg") == "/media/public/covers/a.jpg"
    assert public_url("private/episodes/1/master.m3u8") == ""
    assert public_url(None) == ""
