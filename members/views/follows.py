"""Following themes, members, networks and organisations, and "Wat ik volg".

The follow button is a form that posts here and works without JavaScript: the member comes back
to the page they were on (a safe ``next``) with a Dutch message. ``js/follow.js`` sends the same
form with ``Accept: application/json`` and gets the new state and the message back instead, to
turn the button over in place. What a member follows is private: only "Wat ik volg" shows it,
and only to that member.
"""

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from taxonomy.models import Theme
from vakgenoten.params import parse_int

from .. import follows
from ..decorators import missing_step, redirect_to_step
from ..models import Follow, Network, Organisation, User
from .profiles import safe_next

# The kinds as they appear in the address (/volgen/thema/3/), and the Follow field of each.
KIND_FIELDS = {
    "thema": "theme",
    "lid": "member",
    "netwerk": "network",
    "organisatie": "organisation",
}
FIELD_KINDS = {field: kind for kind, field in KIND_FIELDS.items()}
MODELS = {"theme": Theme, "member": User, "network": Network, "organisation": Organisation}


def kind_of(target):
    """The address word for ``target``'s kind ("thema", "lid", ...)."""
    return FIELD_KINDS[follows.target_field(target)]


def target_name(target):
    if isinstance(target, User):
        return target.get_full_name()
    return target.name


def followable_member(member):
    """Whether a member can be followed: active, with the full name members take part under."""
    return member.is_active and member.has_complete_name


def follow_message(field, name):
    return {
        "theme": _("Je volgt nu het thema %(name)s. Alleen jij ziet wat je volgt."),
        "member": _("Je volgt nu %(name)s. Alleen jij ziet wat je volgt."),
        "network": _("Je volgt nu het netwerk %(name)s. Alleen jij ziet wat je volgt."),
        "organisation": _("Je volgt nu de organisatie %(name)s. Alleen jij ziet wat je volgt."),
    }[field] % {"name": name}


def unfollow_message(field, name):
    return {
        "theme": _("Je volgt het thema %(name)s niet meer."),
        "member": _("Je volgt %(name)s niet meer."),
        "network": _("Je volgt het netwerk %(name)s niet meer."),
        "organisation": _("Je volgt de organisatie %(name)s niet meer."),
    }[field] % {"name": name}


def _target_or_404(kind, pk):
    field = KIND_FIELDS.get(kind)
    number = parse_int(pk)
    if field is None or number is None:
        raise Http404(_("Dit bestaat niet (meer)."))
    target = MODELS[field].objects.filter(pk=number).first()
    if target is None or (field == "member" and not followable_member(target)):
        raise Http404(_("Dit bestaat niet (meer)."))
    return field, target


def _fallback_url(field, target):
    if field == "theme":
        return reverse("members:following")
    return target.get_absolute_url()


def _wants_json(request):
    return "application/json" in request.headers.get("accept", "")


def _answer(request, back, *, following, message, level=messages.SUCCESS, status=200):
    if _wants_json(request):
        return JsonResponse({"following": following, "message": message}, status=status)
    messages.add_message(request, level, message)
    return HttpResponseRedirect(back)


def _change(request, kind, pk, *, start):
    field, target = _target_or_404(kind, pk)
    back = safe_next(request, _fallback_url(field, target))
    if not request.user.is_authenticated:
        query = urlencode({REDIRECT_FIELD_NAME: back})
        return HttpResponseRedirect(f"{reverse('account_login')}?{query}")
    if start:
        step = missing_step(request.user)
        if step is not None:
            if _wants_json(request):
                return JsonResponse({"following": False, "message": ""}, status=403)
            return redirect_to_step(request, step, return_url=back)
        if field == "member" and target.pk == request.user.pk:
            return _answer(
                request,
                back,
                following=False,
                message=_("Je kunt jezelf niet volgen."),
                level=messages.ERROR,
                status=400,
            )
        follows.follow(request.user, target)
        return _answer(
            request, back, following=True, message=follow_message(field, target_name(target))
        )
    follows.unfollow(request.user, target)
    return _answer(
        request, back, following=False, message=unfollow_message(field, target_name(target))
    )


@require_POST
def follow(request, kind, pk):
    """Start following: members who can take part (signed in, verified, full name)."""
    return _change(request, kind, pk, start=True)


@require_POST
def unfollow(request, kind, pk):
    """Stop following: every signed-in member may, also one whose address lapsed."""
    return _change(request, kind, pk, start=False)


@never_cache
@login_required
def following(request):
    """ "Wat ik volg": the member's own follows by kind, each with a button to stop."""
    rows = (
        Follow.objects.filter(user=request.user)
        .select_related("theme", "member__profile", "network", "organisation")
        .order_by("created_at", "pk")
    )
    groups = {field: [] for field in Follow.TARGETS}
    for row in rows:
        for field in Follow.TARGETS:
            target = getattr(row, field)
            if target is not None:
                groups[field].append(
                    {"target": target, "kind": FIELD_KINDS[field], "since": row.created_at}
                )
    for items in groups.values():
        items.sort(key=lambda item: target_name(item["target"]).lower())
    sections = [
        {"field": "theme", "title": _("Thema's"), "items": groups["theme"]},
        {"field": "member", "title": _("Leden"), "items": groups["member"]},
        {"field": "network", "title": _("Netwerken"), "items": groups["network"]},
        {"field": "organisation", "title": _("Organisaties"), "items": groups["organisation"]},
    ]
    return render(
        request,
        "members/following.html",
        {
            "sections": [section for section in sections if section["items"]],
            "total": sum(len(items) for items in groups.values()),
        },
    )
