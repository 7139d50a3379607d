"""The one permission check every Reflex handler and API route uses.

Pages declare an Access level; handlers call `require`; nothing relies on a redirect.
"""

from __future__ import annotations

from enum import StrEnum

from microshort.errors import Forbidden
from microshort.users.schemas import CurrentUser


class Access(StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed_in"
    CREATOR = "creator"
    ADMIN = "admin"


class NotSignedIn(Forbidden):
    """Raised when a page or action needs an account and nobody is signed in."""


def allows(access: Access, user: CurrentUser | None) -> bool:
    if access == Access.PUBLIC:
        return True
    if user is None:
        return False
    if access == Access.SIGNED_IN:
        return True
    if access == Access.CREATOR:
        return user.is_creator or user.is_admin
    return user.is_admin


def require(access: Access, user: CurrentUser | None) -> CurrentUser:
    """The user, if allowed; otherwise NotSignedIn (nobody) or Forbidden (wrong role)."""
    if allows(access, user) and user is not None:
        return user
    if user is None:
        raise NotSignedIn("Log in to continue.")
    needed = {Access.CREATOR: "creators", Access.ADMIN: "admins"}.get(access, "members")
    raise Forbidden(f"This is only for {needed}.")


def owns_creator_profile(user: CurrentUser, creator_profile_id: int) -> bool:
    """Creators manage only their own profile's content (admins moderate everything)."""
    return user.is_admin or (user.is_creator and user.creator_profile_id == creator_profile_id)
