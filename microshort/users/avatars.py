"""Profile pictures: stored re-encoded under public/avatars/; the old file goes after commit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlmodel import Session, select

from microshort.integrations.images import square_avatar
from microshort.integrations.storage.base import MediaStorage
from microshort.users.models import CreatorProfile, User


@dataclass(frozen=True)
class AvatarChange:
    key: str
    replaced_key: str | None  # delete it once the transaction has committed


def replace_avatar(
    session: Session, storage: MediaStorage, *, user_id: int, data: bytes
) -> AvatarChange:
    """Store the new picture for the user and their creator profile, if any.
    Raises ImageRejected with a readable message for anything that is not a usable picture."""
    image = square_avatar(data)
    key = f"public/avatars/u{user_id}-{secrets.token_hex(6)}.jpg"
    storage.put_sync(key, image)
    user = session.get_one(User, user_id)
    old = user.avatar_key
    user.avatar_key = key
    session.add(user)
    profile = session.exec(select(CreatorProfile).where(CreatorProfile.user_id == user_id)).first()
    if profile is not None:
        profile.avatar_key = key
        session.add(profile)
    return AvatarChange(key=key, replaced_key=old if old != key else None)
