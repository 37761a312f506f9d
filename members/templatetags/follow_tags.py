"""The follow button: ``{% load follow_tags %}{% follow_button target %}``.

``target`` is a theme, a member, a network or an organisation. What the button shows depends on
the viewer, so it is safe on pages the anonymous page cache keeps:

- a visitor who is not signed in gets a plain link to the login page and back (no form, no
  CSRF token, no cookie: the page stays the same for every visitor and can be cached);
- a member gets a form with a toggle button (``aria-pressed``) that follows or stops
  following; members' pages are never cached whole, so their state never reaches a visitor;
- nothing at all on one's own profile, or for a member who cannot be followed.

Whether the member follows ``target`` costs one query; a page that shows many buttons should
pass ``following=`` from one query for all of them instead.
"""

from django import template
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from django.utils.http import urlencode

from .. import follows
from ..models import User
from ..views.follows import followable_member, kind_of, target_name
from .member_tags import identity_visible_to

register = template.Library()


@register.inclusion_tag("members/includes/follow_button.html", takes_context=True)
def follow_button(context, target, following=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    if target is None or request is None:
        return {"show": False}
    kind = kind_of(target)
    signed_in = getattr(user, "is_authenticated", False)
    if isinstance(target, User):
        if not followable_member(target) or (signed_in and target.pk == user.pk):
            return {"show": False}
        if not signed_in and not identity_visible_to(user, target):
            return {"show": False}  # a visitor may not even see this member's name
    here = request.get_full_path()
    data = {
        "show": True,
        "kind": kind,
        "field": follows.target_field(target),
        "name": target_name(target),
        "signed_in": signed_in,
        "next": here,
    }
    if not signed_in:
        data["login_url"] = f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: here})}"
        return data
    if following is None:
        following = follows.is_following(user, target)
    data.update(
        {
            "following": bool(following),
            "follow_url": reverse("members:follow", args=[kind, target.pk]),
            "unfollow_url": reverse("members:unfollow", args=[kind, target.pk]),
            "csrf_token": context.get("csrf_token"),
        }
    )
    return data
