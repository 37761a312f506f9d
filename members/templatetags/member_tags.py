"""Template tags of the members app: the account navigation and how members are shown."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# What a visitor reads instead of the name of a member whose profile is for members only.
ANONYMOUS_NAME = _("Lid van Vakgenoten")

ACCOUNT_PAGES = [
    ("members:profile_edit", _("Mijn profiel")),
    ("account_email", _("E-mailadres")),
    ("account_change_password", _("Wachtwoord")),
    ("mfa_index", _("Tweestapsverificatie")),
    ("usersessions_list", _("Sessies")),
    ("members:notifications", _("E-mailmeldingen")),
    # The contact app's page (a URL name only: members does not import contact).
    ("contact:settings", _("Berichten en blokkades")),
    ("members:privacy", _("Mijn gegevens")),
    ("members:following", _("Wat ik volg")),
]


@register.simple_tag(takes_context=True)
def account_nav_items(context):
    """The pages of "Mijn account", each with its URL and whether it is the current one."""
    request = context.get("request")
    path = request.path if request is not None else ""
    items = []
    for name, title in ACCOUNT_PAGES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # a page that is switched off (e.g. no MFA) is simply not listed
        items.append({"url": url, "title": title, "current": path.startswith(url)})
    return items


@register.filter
def initials(member):
    """The first letters of a member's first and last name (last name without 'de', 'van')."""
    first = (getattr(member, "first_name", "") or "").strip()
    last_parts = [part for part in (getattr(member, "last_name", "") or "").split() if part]
    last = next((part for part in reversed(last_parts) if part[:1].isupper()), "")
    if not last and last_parts:
        last = last_parts[-1]
    return (first[:1] + last[:1]).upper()


@register.simple_tag(takes_context=True)
def profile_visible(context, member):
    """Whether the viewer of this page may open ``member``'s profile (no query when the
    member was fetched with ``select_related("profile")``)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    profile = getattr(member, "profile", None)
    if profile is None or not member.is_active or not member.has_complete_name:
        return False
    return profile.is_visible_to(viewer)


def identity_visible_to(viewer, member):
    """Whether ``viewer`` may see ``member``'s name and photo beside what they wrote.

    The profile's visibility covers name and photo, as the profile form promises: members see
    every member, a visitor only a member whose profile is public. No query when the member
    was fetched with ``select_related("profile")``.
    """
    profile = getattr(member, "profile", None)
    if profile is None:
        return bool(getattr(viewer, "is_authenticated", False))
    return profile.is_visible_to(viewer)


@register.simple_tag(takes_context=True)
def identity_visible(context, member):
    """``identity_visible_to`` for the viewer of this page."""
    request = context.get("request")
    return identity_visible_to(getattr(request, "user", None), member)


@register.simple_tag(takes_context=True)
def shown_name(context, member):
    """The name of ``member`` as the viewer of this page may see it: "Lid van Vakgenoten"
    for a visitor when the profile is for members only."""
    if member is None or not member.is_active:
        return _("verwijderde deelnemer")
    if not identity_visible(context, member):
        return ANONYMOUS_NAME
    return member.get_full_name() or _("lid zonder naam")


@register.simple_tag(takes_context=True)
def admin_continue_url(context):
    """Where an editor continues after setting up two-factor authentication: the admin page
    they wanted, or the admin's start page. Empty for members without admin access."""
    from ..middleware import ADMIN_NEXT_SESSION_KEY
    from ..security import can_open_admin

    request = context.get("request")
    if request is None or not can_open_admin(request.user):
        return ""
    wanted = request.session.get(ADMIN_NEXT_SESSION_KEY, "")
    admin_home = reverse("wagtailadmin_home")
    return wanted if wanted.startswith(admin_home) else admin_home


@register.filter
def join_lines(values):
    """Join values with line breaks (for a <textarea>, where indentation would show)."""
    return "\n".join(str(value) for value in values)
