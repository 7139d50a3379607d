"""Creator-defined banned words: cleaned when saved, matched in SQL when comments are read.

A comment on a creator's episode that contains one of the creator's words (whole word,
case-insensitive) is hidden from everyone but its author. The match runs at read time, so a
changed list applies to old comments too.
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from microshort.errors import Forbidden, InvalidInput
from microshort.users.models import ApprovalStatus, CreatorProfile

MAX_WORDS = 100
MAX_WORD_LENGTH = 40
_SEPARATORS = re.compile(r"[,\n\r;]+")
# Whole words: not glued to a letter, digit or underscore on either side (works for "a$$" too,
# where \m...\M would not).
_BEFORE, _AFTER = "(?<![[:alnum:]_])", "(?![[:alnum:]_])"


def clean_words(text: str) -> list[str]:
    """Comma- or line-separated words -> lowercase, trimmed, de-duplicated, in the given order."""
    words: list[str] = []
    for raw in _SEPARATORS.split(text):
        word = " ".join(raw.lower().split())
        if not word or word in words:
            continue
        if len(word) > MAX_WORD_LENGTH:
            raise InvalidInput(
                f"“{word[:20]}…” is too long: keep each word under {MAX_WORD_LENGTH} characters.",
                field="banned_words",
            )
        words.append(word)
    if len(words) > MAX_WORDS:
        raise InvalidInput(
            f"That is {len(words)} words: keep the list to {MAX_WORDS}.", field="banned_words"
        )
    return words


def _escape(word: str) -> str:
    """A literal for PostgreSQL's regular expressions; inner spaces match any whitespace.

    Every metacharacter is ASCII punctuation: those get a backslash (always a literal before a
    non-alphanumeric); letters, digits and non-ASCII characters stay as they are.
    """
    parts = ("".join("\\" + c if _is_punctuation(c) else c for c in part) for part in word.split())
    return r"\s+".join(parts)


def _is_punctuation(char: str) -> bool:
    return char.isascii() and not (char.isalnum() or char == "_")


def banned_pattern(words: list[str]) -> str | None:
    """One whole-word regular expression for `body ~* pattern`, or None for an empty list."""
    if not words:
        return None
    return _BEFORE + "(?:" + "|".join(_escape(word) for word in words) + ")" + _AFTER


def _own_profile(session: Session, user_id: int) -> CreatorProfile:
    profile = session.exec(select(CreatorProfile).where(CreatorProfile.user_id == user_id)).first()
    if profile is None or profile.approval_status != ApprovalStatus.APPROVED:
        raise Forbidden("Only creators can filter words on their episodes.")
    return profile


def creator_banned_words(session: Session, *, user_id: int) -> list[str]:
    return list(_own_profile(session, user_id).banned_words)


def set_banned_words(session: Session, *, user_id: int, text: str) -> list[str]:
    """Replace the signed-in creator's own list; returns it as saved."""
    profile = _own_profile(session, user_id)
    profile.banned_words = clean_words(text)
    session.add(profile)
    session.flush()
    return list(profile.banned_words)
