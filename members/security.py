"""Who needs a second factor, and who has one."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

SECOND_FACTOR_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def can_open_admin(user):
    """Editors and administrators: staff, superusers and groups with admin access."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def has_second_factor(user):
    """An authenticator app (or security key) is set up; recovery codes alone do not count."""
    return is_mfa_enabled(user, types=SECOND_FACTOR_TYPES)


def needs_second_factor_setup(user):
    return can_open_admin(user) and not has_second_factor(user)
