"""Demo creators (approved, with profiles), viewers and an admin account."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from functools import lru_cache

from sqlmodel import Session

from microshort.demo import audience, catalogue
from microshort.users.models import ApprovalStatus, CreatorProfile, Role, User
from microshort.users.passwords import hash_password

DEMO_DOMAIN = "demo.microshort.test"
# Every demo account logs in with this (README: never load demo data into production).
DEMO_PASSWORD = "microshort-demo"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"


@lru_cache(maxsize=1)
def _demo_hash() -> str:
    return hash_password(DEMO_PASSWORD)  # one argon2 hash shared by all demo accounts


def add_creators(session: Session, rng: random.Random, now: datetime) -> dict[str, int]:
    """Creators by slug -> creator profile id."""
    admin = User(
        email=ADMIN_EMAIL,
        display_name="MicroShort Team",
        role=Role.ADMIN,
        created_at=now - timedelta(days=120),
        password_hash=_demo_hash(),
        email_verified_at=now - timedelta(days=120),
    )
    session.add(admin)
    session.flush()
    profiles: dict[str, int] = {}
    for index, spec in enumerate(catalogue.CREATORS):
        joined = now - timedelta(days=90 - index * 5, hours=rng.randint(0, 23))
        user = User(
            email=f"{spec.slug}@{DEMO_DOMAIN}",
            display_name=spec.display_name,
            role=Role.CREATOR,
            created_at=joined,
            password_hash=_demo_hash(),
            email_verified_at=joined,
        )
        session.add(user)
        session.flush()
        profile = CreatorProfile(
            user_id=user.id or 0,
            slug=spec.slug,
            display_name=spec.display_name,
            bio=spec.bio,
            links=list(spec.links),
            approval_status=ApprovalStatus.APPROVED,
            reviewed_at=joined + timedelta(days=1),
            reviewed_by=admin.id,
            created_at=joined,
        )
        session.add(profile)
        session.flush()
        profiles[spec.slug] = profile.id or 0
    return profiles


def add_viewers(session: Session, rng: random.Random, now: datetime) -> list[User]:
    viewers = []
    for index, name in enumerate(audience.VIEWER_NAMES):
        joined = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
        viewer = User(
            email=f"viewer{index + 1}@{DEMO_DOMAIN}",
            display_name=name,
            anonymous_id=f"demo-anon-{index + 1:04d}",
            created_at=joined,
            password_hash=_demo_hash(),
            email_verified_at=joined,  # confirmed, like every demo account
        )
        session.add(viewer)
        viewers.append(viewer)
    session.flush()
    return viewers
