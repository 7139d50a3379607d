"""Input rules for accounts: each returns the cleaned value or raises InvalidInput(field=...)."""

from __future__ import annotations

import re

from microshort.errors import InvalidInput
from microshort.typed_input import user_text, user_texts

MIN_PASSWORD = 10
MAX_PASSWORD = 128
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RESERVED_SLUGS = frozenset({"admin", "api", "studio", "microshort", "support", "help", "new"})
_COMMON = frozenset(
    {
        "password123",
        "1234567890",
        "qwertyuiop",
        "password1234",
        "iloveyou123",
        "letmein1234",
        "0123456789",
        "1111111111",
        "abcdefghij",
        "passw0rd123",
    }
)


def clean_email(value: str) -> str:
    email = user_text(value, field="email").strip().lower()
    if len(email) > 254 or not _EMAIL.fullmatch(email):
        raise InvalidInput("Enter a valid email address, like name@example.com.", field="email")
    return email


def check_password(password: str, *, email: str = "") -> str:
    password = user_text(password, field="password")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"Use at least {MIN_PASSWORD} characters for your password.", field="password"
        )
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(
            f"Use at most {MAX_PASSWORD} characters for your password.", field="password"
        )
    lowered = password.lower()
    if lowered in _COMMON or len(set(password)) < 4 or (email and lowered == email.lower()):
        raise InvalidInput(
            "That password is too easy to guess. Try a short sentence.", field="password"
        )
    return password


def clean_display_name(value: str) -> str:
    name = " ".join(user_text(value, field="display_name").split())
    if not 1 <= len(name) <= 80:
        raise InvalidInput("Enter a name of 1 to 80 characters.", field="display_name")
    return name


def clean_slug(value: str) -> str:
    slug = user_text(value, field="slug").strip().lower()
    if not 3 <= len(slug) <= 40 or not _SLUG.fullmatch(slug):
        raise InvalidInput(
            "Use 3 to 40 lowercase letters, digits and single hyphens.", field="slug"
        )
    if slug in RESERVED_SLUGS:
        raise InvalidInput("That address is reserved. Pick another one.", field="slug")
    return slug


def clean_links(values: list[str]) -> list[str]:
    links = [link.strip() for link in user_texts(values, field="links") if link.strip()]
    if len(links) > 5:
        raise InvalidInput("Add at most 5 links.", field="links")
    for link in links:
        if not link.startswith(("https://", "http://")) or len(link) > 300 or " " in link:
            raise InvalidInput(f"“{link[:40]}” is not a web address (https://…).", field="links")
    return links
