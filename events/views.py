"""Public views: register and cancel, "Mijn evenementen", and the calendar files and feeds."""

import hashlib
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from members.models import Network
from members.visibility import closed_network_refusal, closed_networks_of, visible
from vakgenoten import links
from vakgenoten.cache import cached_site, made_once

from . import ical
from .forms import RegistrationForm
from .listing import of_network
from .models import CalendarToken, EventPage, Registration
from .participation import redirect_to_missing_step
from .registration import RegistrationRefused, cancel, change_sessions, register

FEED_HISTORY = timedelta(days=180)
MY_EVENTS_PER_PAGE = 20


def _visible_events():
    return EventPage.objects.live().public()


def _render_event_with_form(request, event, form):
    """Show the event page again with the form as it was sent and the reason it was refused."""
    context = event.get_context(request, form=form)
    return TemplateResponse(request, event.get_template(request), context, status=400)


@require_POST
def register_view(request, event_id):
    event = get_object_or_404(_visible_events(), pk=event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    # Not verified, or no full name: the members app sends them to that step and back here.
    step_redirect = redirect_to_missing_step(request, request.user)
    if step_redirect is not None:
        return step_redirect
    # A closed network's event: only its approved members register (the page's serve hook
    # refuses the page; this POST does not pass through it).
    refused = closed_network_refusal(request, event)
    if refused is not None:
        return refused
    form = RegistrationForm(request.POST, event=event)
    form_ok = form.is_valid()
    problem = None
    if event.active_registration_for(request.user):
        problem = _("Je bent al aangemeld voor dit evenement.")
    if problem is None:
        problem = event.registration_closed_reason()
    if problem is not None:
        form.add_error(None, problem)
        return _render_event_with_form(request, event, form)
    if not form_ok:
        return _render_event_with_form(request, event, form)
    try:
        outcome = register(
            event, user=request.user, remark=form.cleaned_data["remark"], **form.extras()
        )
    except RegistrationRefused as refused:
        form.add_error(None, refused.message)
        return _render_event_with_form(request, event, form)
    if outcome.registration.status == Registration.Status.REGISTERED:
        messages.success(
            request,
            _(
                "Je bent aangemeld. Je krijgt een bevestiging per e-mail met de afspraak voor "
                "je agenda."
            ),
        )
    else:
        messages.warning(
            request,
            _(
                "Het evenement is vol. Je staat op de wachtlijst. Komt er een plaats vrij, dan "
                "krijg je die automatisch en sturen we je een e-mail."
            ),
        )
    return redirect(event.url)


@login_required
@require_POST
def cancel_view(request, registration_id):
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id, user=request.user
    )
    if registration.status == Registration.Status.CANCELLED:
        messages.info(request, _("Je was al afgemeld."))
    elif registration.event.start <= timezone.now():
        messages.error(request, _("Dit evenement is al begonnen. Afmelden kan niet meer."))
    else:
        cancel(registration)
        messages.success(
            request,
            _("Je bent afgemeld voor %(title)s.") % {"title": registration.event.title},
        )
    return redirect(
        links.safe_redirect_target(request, request.POST.get("next"), registration.event.url)
    )


def _chosen_sessions():
    """Each registration's sessions in time order, in one query for the whole list."""
    from django.db.models import Prefetch

    from .models import SessionChoice

    return Prefetch(
        "session_choices",
        queryset=SessionChoice.objects.select_related("session").order_by("slot"),
    )


@login_required
@never_cache
def my_events(request):
    """The member's registrations: upcoming by default, or the past ones."""
    now = timezone.now()
    past = request.GET.get("voorbij") == "1"
    registrations = (
        Registration.objects.filter(user=request.user)
        .select_related("event")
        .prefetch_related(_chosen_sessions())
    )
    if past:
        registrations = registrations.filter(event__end__lt=now).order_by("-event__start")
    else:
        registrations = registrations.filter(event__end__gte=now).order_by("event__start", "pk")
    page_obj = Paginator(registrations, MY_EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    token = CalendarToken.for_user(request.user)
    return render(
        request,
        "events/my_events.html",
        {
            "page_obj": page_obj,
            "registrations": page_obj.object_list,
            "past": past,
            "now": now,
            "calendar_url": links.absolute_url(reverse("events:personal_feed", args=[token.token])),
        },
    )


@login_required
@require_POST
def renew_calendar_link(request):
    CalendarToken.for_user(request.user).renew()
    messages.success(
        request,
        _("Je hebt een nieuwe agendalink. De oude link werkt niet meer; abonneer je opnieuw."),
    )
    return redirect("events:my_events")


def _calendar_etag(content):
    """A weak ETag over the calendar without its DTSTAMP lines, which hold the moment of the
    download: two downloads of the same events get the same tag. Any change a reader could see
    (an event moved, a registration cancelled, a new event) changes the content and so the tag.
    """
    lines = (line for line in content.splitlines() if not line.startswith(b"DTSTAMP"))
    digest = hashlib.sha256(b"\n".join(lines)).hexdigest()[:32]
    return f'W/"{digest}"'


def calendar_response(request, content, filename, *, download=False, private=False, etag=None):
    """The calendar file, or 304 Not Modified when the reader's copy (If-None-Match) is current.

    Only an ETag, no Last-Modified: a feed also changes when an event leaves it (unpublished,
    too old, a registration cancelled), which no modification date in the database shows.
    ``etag``: the content's, when kept with it (``_calendar_etag``).
    """
    etag = etag or _calendar_etag(content)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        response = not_modified
    else:
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def event_ics_view(request, event_id):
    event = get_object_or_404(_visible_events(), pk=event_id)
    refused = closed_network_refusal(request, event)
    if refused is not None:
        return refused
    registration = event.active_registration_for(request.user)
    holds_seat = bool(registration and registration.status == Registration.Status.REGISTERED)
    content = ical.event_ics(event, include_online_link=holds_seat, request=request)
    # A closed network's event is for its members: no shared cache keeps its file.
    private = holds_seat or bool(closed_networks_of(event))
    return calendar_response(request, content, f"{event.slug}.ics", download=True, private=private)


def _feed_events():
    """The events of the public calendar feeds: a calendar program fetches them without
    signing in, so only what a visitor may see (``members.visibility``: nothing closed)."""
    return (
        visible(_visible_events(), AnonymousUser())
        .filter(end__gte=timezone.now() - FEED_HISTORY)
        .select_related("organiser_network", "organiser_organisation")
        .order_by("start")
    )


def _kept_public_calendar(request, key, events, name):
    """The text of the public calendar feed ``key`` (``events``, a queryset, called ``name``),
    kept in the shared cache with the site's home page: every reader gets the same file, and
    calendar programs fetch it every few hours. Publishing or unpublishing any page below the
    home page purges it, as does anything site-wide (a network, an organisation, a
    restriction); the window of the feed moves on within the cache's lifetime. It is then made
    again from the events' kept VEVENTs (``ical.public_calendar``), by one worker while the
    others wait for it (``made_once``). Returns the text and its ETag, kept with it."""

    def with_etag():
        content = ical.public_calendar(events, name=name, request=request)
        return content, _calendar_etag(content)

    site = cached_site(request)
    return made_once(f"calendar-{key}", with_etag, page_id=site.root_page_id if site else None)


@require_GET
def calendar_feed(request):
    content, etag = _kept_public_calendar(
        request, "agenda", _feed_events(), name=_("Agenda Vakgenoten")
    )
    return calendar_response(request, content, "vakgenoten.ics", etag=etag)


@require_GET
def network_feed(request, slug):
    """The network's events (organised by it or belonging to it). A calendar app fetches
    without signing in, so the feed carries what a visitor may see: nothing closed."""
    network = get_object_or_404(Network, slug=slug)
    content, etag = _kept_public_calendar(
        request,
        f"network-{network.pk}",
        _feed_events().filter(of_network(network)),
        name=_("%(network)s — agenda Vakgenoten") % {"network": network.name},
    )
    return calendar_response(request, content, f"{network.slug}.ics", etag=etag)


@require_GET
def personal_feed(request, token):
    """The member's own registrations; works without login, through the secret link."""
    calendar_token = CalendarToken.objects.select_related("user").filter(token=token).first()
    if calendar_token is None or not calendar_token.user.is_active:
        raise Http404
    registrations = (
        Registration.objects.filter(
            user=calendar_token.user,
            status=Registration.Status.REGISTERED,
            event__live=True,
            event__end__gte=timezone.now() - FEED_HISTORY,
        )
        .select_related("event", "event__organiser_network", "event__organiser_organisation")
        .order_by("event__start")
    )
    entries = [(registration.event, True, False) for registration in registrations]
    content = ical.build_calendar(entries, name=_("Mijn evenementen — Vakgenoten"), request=request)
    return calendar_response(request, content, "mijn-evenementen.ics", private=True)


# --- Changing one's sessions -------------------------------------------------------------------


@login_required
@require_POST
def change_sessions_view(request, registration_id):
    """A member with a seat chooses other sessions, as long as the event has not begun."""
    from .forms import SessionChoiceForm

    registration = get_object_or_404(
        Registration.objects.select_related("event"),
        pk=registration_id,
        user=request.user,
        status=Registration.Status.REGISTERED,
    )
    event = registration.event
    form = SessionChoiceForm(request.POST, event=event, registration=registration)
    form_ok = form.is_valid()
    if event.start <= timezone.now():
        form.add_error(None, _("Dit evenement is al begonnen. Je sessies wijzigen kan niet meer."))
        form_ok = False
    if form_ok:
        try:
            change_sessions(registration, form.extras()["sessions"])
        except RegistrationRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Je sessiekeuze is opgeslagen."))
            return redirect(f"{event.url}#sessies-kiezen")
    context = event.get_context(request)
    context["session_choice_form"] = form
    return TemplateResponse(request, event.get_template(request), context, status=400)
