"""Creator applications: a viewer applies, an admin approves or rejects, the applicant is told."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.admin import audit
from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput, NotFound
from microshort.integrations.storage.base import public_url
from microshort.notify.service import notify, queue_email
from microshort.users.models import ApprovalStatus, CreatorProfile, Role, User
from microshort.users.schemas import ApplicationItem
from microshort.users.validation import clean_display_name, clean_links, clean_slug

MAX_BIO = 2000


def apply(
    session: Session,
    *,
    user_id: int,
    display_name: str,
    slug: str,
    bio: str,
    links: list[str],
    avatar_key: str | None = None,
) -> CreatorProfile:
    """Create (or, after a rejection, resubmit) the user's creator application."""
    name, clean = clean_display_name(display_name), clean_slug(slug)
    if len(bio.strip()) > MAX_BIO:
        raise InvalidInput(f"Keep your bio under {MAX_BIO} characters.", field="bio")
    profile = session.exec(select(CreatorProfile).where(CreatorProfile.user_id == user_id)).first()
    if profile is not None and profile.approval_status != ApprovalStatus.REJECTED:
        raise InvalidInput(
            "You have already applied."
            if profile.approval_status == ApprovalStatus.PENDING
            else "You are already a creator."
        )
    taken = session.exec(
        select(CreatorProfile.id).where(
            CreatorProfile.slug == clean, CreatorProfile.user_id != user_id
        )
    ).first()
    if taken:
        raise InvalidInput("That address is taken. Try another one.", field="slug")
    profile = profile or CreatorProfile(user_id=user_id, slug=clean, display_name=name)
    profile.slug, profile.display_name, profile.bio = clean, name, bio.strip()
    profile.links, profile.approval_status, profile.rejection_reason = (
        clean_links(links),
        ApprovalStatus.PENDING,
        None,
    )
    user = session.get_one(User, user_id)
    profile.avatar_key = avatar_key or user.avatar_key  # the profile photo, unless given one
    session.add(profile)
    session.flush()
    return profile


def applications(
    session: Session, *, status: str = ApprovalStatus.PENDING
) -> list[ApplicationItem]:
    rows = session.exec(
        select(CreatorProfile, User.email)
        .join(User, col(User.id) == col(CreatorProfile.user_id))
        .where(CreatorProfile.approval_status == status)
        .order_by(col(CreatorProfile.updated_at))
    ).all()
    return [
        ApplicationItem(
            profile_id=p.id or 0,
            user_email=email,
            display_name=p.display_name,
            slug=p.slug,
            bio=p.bio,
            links=list(p.links),
            avatar_url=public_url(p.avatar_key),
            status=p.approval_status,
            rejection_reason=p.rejection_reason or "",
            submitted_at=p.updated_at,
        )
        for p, email in rows
    ]


def _pending(session: Session, profile_id: int) -> tuple[CreatorProfile, User]:
    profile = session.exec(
        select(CreatorProfile).where(CreatorProfile.id == profile_id).with_for_update()
    ).first()
    if profile is None:
        raise NotFound("This application does not exist.")
    if profile.approval_status != ApprovalStatus.PENDING:
        raise InvalidInput(f"This application was already {profile.approval_status}.")
    user = session.get(User, profile.user_id)
    if user is None:
        raise NotFound("The applicant's account is gone.")
    return profile, user


def _require_admin(session: Session, admin_id: int) -> None:
    admin = session.get(User, admin_id)
    if admin is None or admin.role != Role.ADMIN:
        raise Forbidden("Only admins can review creator applications.")


def approve(session: Session, *, admin_id: int, profile_id: int, base_url: str) -> None:
    _require_admin(session, admin_id)
    profile, user = _pending(session, profile_id)
    profile.approval_status, profile.reviewed_at, profile.reviewed_by = (
        ApprovalStatus.APPROVED,
        utcnow(),
        admin_id,
    )
    if user.role == Role.VIEWER:
        user.role = Role.CREATOR
    session.add_all([profile, user])
    audit.record(
        session,
        actor_id=admin_id,
        action="creator.approve",
        target_type="creator_profile",
        target_id=profile.id,
    )
    notify(
        session,
        user_id=user.id or 0,
        title="You are a MicroShort creator",
        body="Your application was approved. Your studio is ready.",
        link="/studio",
    )
    queue_email(
        session,
        to=user.email,
        subject="Your MicroShort studio is ready",
        body=f"Hi {profile.display_name},\n\nWelcome aboard: your creator application "
        f"was approved. Open your studio:\n{base_url}/studio\n",
    )


def reject(session: Session, *, admin_id: int, profile_id: int, reason: str) -> None:
    _require_admin(session, admin_id)
    reason = reason.strip()
    if not 3 <= len(reason) <= 1000:
        raise InvalidInput("Tell the applicant why, in 3 to 1000 characters.", field="reason")
    profile, user = _pending(session, profile_id)
    profile.approval_status, profile.rejection_reason = ApprovalStatus.REJECTED, reason
    profile.reviewed_at, profile.reviewed_by = utcnow(), admin_id
    session.add(profile)
    audit.record(
        session,
        actor_id=admin_id,
        action="creator.reject",
        target_type="creator_profile",
        target_id=profile.id,
        reason=reason,
    )
    notify(
        session,
        user_id=user.id or 0,
        title="About your creator application",
        body=f"Your application was not approved: {reason}",
        link="/become-creator",
    )
    queue_email(
        session,
        to=user.email,
        subject="About your MicroShort creator application",
        body=f"Hi {profile.display_name},\n\nWe could not approve your application "
        f"this time.\n\nReason: {reason}\n\nYou can update it and apply again.\n",
    )
