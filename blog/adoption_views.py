"""The member's side of "Wij doen dit ook": add the organisation, change it or withdraw it.

Plain POST forms that work without JavaScript; after a change the member is sent back to the
practice example with a message (Post/Redirect/Get). A refused or invalid form comes back on a
page of its own with the member's choice and note still in it.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vakgenoten import limits

from . import adoptions
from .adoption_forms import AdoptionForm
from .models import Adoption, BestPracticePage

ANCHOR = "#wie-doet-dit-ook"


def _page_url(page, request):
    return (page.get_url(request) or "/") + ANCHOR


def _render_form_page(request, page, form, organisation, adoption=None, refused=""):
    if refused:
        form.add_error(None, refused)
    return render(
        request,
        "blog/adoption_form_page.html",
        {
            "adopted_page": page,
            "page_url": _page_url(page, request),
            "form": form,
            "organisation": organisation,
            "own_adoption": adoption,
        },
    )


@never_cache
def adopt(request, page_id):
    """ "Wij doen dit ook" (add or change) and "Niet meer" (``remove`` in the POST)."""
    page = get_object_or_404(BestPracticePage.objects.live().public(), pk=page_id)
    if request.method != "POST":
        return HttpResponseRedirect(_page_url(page, request))
    if not request.user.is_authenticated:
        login = reverse("account_login")
        return HttpResponseRedirect(
            f"{login}?{urlencode({REDIRECT_FIELD_NAME: _page_url(page, request)})}"
        )
    organisation = adoptions.member_organisation(request.user)
    adoption = None
    if organisation is not None:
        adoption = Adoption.objects.filter(page=page, organisation=organisation).first()
    form = AdoptionForm(request.POST)
    try:
        adoptions.check_can_adopt(request.user, organisation)
    except adoptions.AdoptionRefused as refusal:
        form.is_valid()  # so the page shows what the member chose
        return _render_form_page(request, page, form, organisation, adoption, refusal.message)

    removing = "remove" in request.POST
    if not removing and not form.is_valid():
        return _render_form_page(request, page, form, organisation, adoption)
    if not limits.allow(request, adoptions.RATE_LIMIT, key=f"member:{request.user.pk}"):
        if not removing:
            form.is_valid()
        return _render_form_page(
            request,
            page,
            form,
            organisation,
            adoption,
            _(
                "Je hebt de laatste tijd al veel gewijzigd. Probeer het over %(window)s "
                "opnieuw; je keuze staat nog in het formulier."
            )
            % {"window": limits.window_text(adoptions.RATE_LIMIT)},
        )

    if removing:
        if adoptions.remove_adoption(page, organisation):
            messages.success(
                request,
                _("%(organisation)s staat niet meer bij dit praktijkvoorbeeld.")
                % {"organisation": organisation.name},
            )
        else:
            messages.info(
                request,
                _("%(organisation)s stond al niet bij dit praktijkvoorbeeld.")
                % {"organisation": organisation.name},
            )
        return HttpResponseRedirect(_page_url(page, request))

    _adoption, created = adoptions.save_adoption(
        request.user, page, organisation, form.cleaned_data["status"], form.cleaned_data["note"]
    )
    if created:
        messages.success(
            request,
            _("Bedankt! %(organisation)s staat nu bij de organisaties die dit ook doen.")
            % {"organisation": organisation.name},
        )
    else:
        messages.success(
            request,
            _("De stand van zaken van %(organisation)s is bijgewerkt.")
            % {"organisation": organisation.name},
        )
    return HttpResponseRedirect(_page_url(page, request))
