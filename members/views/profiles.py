"""Member profiles: the page colleagues see, and the form the member edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vakgenoten.links import safe_redirect_target

from ..forms import ProfileForm
from ..models import NetworkMembership, OrganisationRequest, Profile, User
from ..sections import PROFILE, render_sections


def safe_next(request, fallback):
    """The ``next`` parameter when it stays on this site, otherwise ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next")
    return safe_redirect_target(request, target, fallback)


def profile_queryset():
    return User.objects.select_related("profile__organisation").prefetch_related("profile__themes")


@never_cache
def profile_detail(request, pk):
    """A member's profile. Visitors see public profiles only; hidden ones do not exist for them.

    Members see every listed member; the owner always sees their own profile, with an edit link.
    """
    is_owner = request.user.is_authenticated and request.user.pk == pk
    members = profile_queryset() if is_owner else profile_queryset().visible_to(request.user)
    member = members.filter(pk=pk).first()
    if member is None:
        raise Http404(_("Dit profiel bestaat niet of is niet openbaar."))
    profile = member.profile
    crumbs = [(_("Home"), "/")]
    if request.user.is_authenticated:
        crumbs.append((_("Leden"), reverse("members:directory")))
    crumbs.append((member.get_full_name(), member.get_absolute_url()))
    context = {
        "crumbs": crumbs,
        "member": member,
        "profile": profile,
        "is_owner": is_owner,
        "themes": list(profile.themes.all()),
        "memberships": list(
            NetworkMembership.objects.approved().filter(user=member).select_related("network")
        ),
        "sections": render_sections(PROFILE, request, member),
    }
    return render(request, "members/profile.html", context)


@never_cache
@login_required
def profile_edit(request):
    """Edit your own profile; a refused photo keeps everything else that was typed."""
    profile, _created = Profile.objects.get_or_create(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile, user=request.user)
        if form.is_valid():
            form.save()  # a new name, photo or visibility purges cached pages (members.signals)
            messages.success(request, _("Je profiel is opgeslagen."))
            return redirect(safe_next(request, request.user.get_absolute_url()))
    else:
        form = ProfileForm(instance=profile, user=request.user)
    return render(
        request,
        "members/profile_edit.html",
        {
            "form": form,
            "profile": profile,
            "next": safe_next(request, ""),
            "waiting_requests": list(
                OrganisationRequest.objects.waiting().filter(requested_by=request.user)
            ),
        },
    )
