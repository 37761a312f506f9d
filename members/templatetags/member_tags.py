"""Template tags of the members app: the account navigation and how members are shown."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
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


def profile_visible_to(viewer, member):
    """Whether ``viewer`` may open ``member``'s profile (no query when the member was fetched
    with ``select_related("profile")``)."""
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


def _viewer(context):
    return getattr(context.get("request"), "user", None)


@register.simple_tag(takes_context=True)
def identity_visible(context, member):
    """``identity_visible_to`` for the viewer of this page."""
    return identity_visible_to(_viewer(context), member)


# A member's photo and name are put together here rather than in includes: a thread page
# shows them with each of its 30 comments, and as two includes they were a third of each
# comment's render (about 270 of 800 µs on the 2026-12-06 benchmark machine).


@register.simple_tag
def avatar(member, size="small", photo=True):
    """A member's photo, or their initials when there is none; decorative (the name sits
    beside it, so ``alt`` is empty).

    ``member``: a User fetched with ``select_related("profile")``, or None for an empty circle
    (a member whose photo this viewer may not see). ``size``: "small" (2rem) or "large".
    ``photo=False``: the initials even when there is a photo (lists of many members).
    """
    kind = "large" if size == "large" else "small"
    profile = getattr(member, "profile", None) if member else None
    image = getattr(profile, "avatar" if kind == "large" else "avatar_thumbnail", None)
    if image and kind == "large":
        return format_html(
            '<img class="avatar avatar--large" src="{}" alt="" width="160" height="160">',
            image.url,
        )
    if image and photo is not False:
        return format_html(
            '<img class="avatar avatar--small" src="{}" alt="" width="32" height="32"'
            ' loading="lazy">',
            image.url,
        )
    return format_html(
        '<span class="avatar avatar--{} avatar--initials" aria-hidden="true">{}</span>',
        kind,
        initials(member) if member else "",
    )


@register.simple_tag(takes_context=True)
def visible_avatar(context, member):
    """The small photo of ``member`` as the viewer of this page may see it: an empty circle
    when the profile's visibility keeps name and photo from them."""
    return avatar(member if identity_visible(context, member) else None)


REMOVED, ANONYMOUS, NAMED = "removed", "anonymous", "named"


def shown_identity(viewer, member):
    """How ``viewer`` may see ``member`` beside what they wrote, as ``(kind, text)``: one
    choice for the name with a photo (``member_name``) and the bare name (``shown_name``).

    ``REMOVED``, "verwijderde deelnemer": None or an inactive account. ``ANONYMOUS``, "Lid van
    Vakgenoten": the profile's visibility keeps name and photo from this viewer. ``NAMED``:
    the full name.
    """
    if not member or not member.is_active:
        return REMOVED, _("verwijderde deelnemer")
    if not identity_visible_to(viewer, member):
        return ANONYMOUS, ANONYMOUS_NAME
    return NAMED, member.get_full_name() or _("lid zonder naam")


@register.simple_tag(takes_context=True)
def member_name(context, member, hide_avatar=False, no_link=False):
    """A member's name with a small photo, linked to the profile when the viewer may open it.

    Never the e-mail address. A visitor reads "Lid van Vakgenoten", without photo or link, for
    a member whose profile is for members only: the profile's visibility covers name and
    photo. None or an inactive account shows "verwijderde deelnemer". ``member``: a User
    fetched with ``select_related("profile")`` (no query per name).
    """
    viewer = _viewer(context)
    kind, name = shown_identity(viewer, member)
    if kind == REMOVED:
        return format_html('<span class="member-name member-name--removed">{}</span>', name)
    if kind == ANONYMOUS:
        return format_html(
            '<span class="member-name member-name--anonymous">{}'
            '<span class="member-name__text">{}</span></span>',
            "" if hide_avatar else avatar(None),
            name,
        )
    if profile_visible_to(viewer, member) and not no_link:
        shown = format_html(
            '<a class="member-name__link" href="{}">{}</a>', member.get_absolute_url(), name
        )
    else:
        shown = format_html('<span class="member-name__text">{}</span>', name)
    return format_html(
        '<span class="member-name">{}{}</span>', "" if hide_avatar else avatar(member), shown
    )


@register.simple_tag(takes_context=True)
def shown_name(context, member):
    """The name of ``member`` as the viewer of this page may see it: "Lid van Vakgenoten"
    for a visitor when the profile is for members only."""
    return shown_identity(_viewer(context), member)[1]


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
