"""Notification preferences, and unsubscribing from an e-mail without logging in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from ..forms import NotificationPreferencesForm
from ..models import Network, NetworkMembership, NotificationPreferences, User
from ..notifications import (
    page_unsubscribe,
    read_unsubscribe_network,
    read_unsubscribe_token,
    set_notification,
)


@never_cache
@login_required
def preferences(request):
    instance = NotificationPreferences.for_user(request.user)
    form = NotificationPreferencesForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Je keuzes voor e-mail zijn opgeslagen."))
        return redirect("members:notifications")
    return render(request, "members/notifications.html", {"form": form})


@never_cache
@csrf_exempt  # mail programs POST here without a CSRF token (RFC 8058); the token is the key
def unsubscribe(request, token):
    """GET shows a confirmation; POST (a form, or a one-click POST from a mail program)
    switches this kind of e-mail off, or for a page-bound link, that one page's e-mail.
    Works without logging in. Also serves the links in comment e-mails sent before there was
    one unsubscribe system (``/reacties/afmelden/``)."""
    try:
        user_id, kind, page_id = read_unsubscribe_token(token)
        network_id = read_unsubscribe_network(token)
    except signing.BadSignature:
        return render(request, "members/unsubscribe_invalid.html", status=400)
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return render(request, "members/unsubscribe_invalid.html", status=400)
    context = {"label": NotificationPreferences.Kind(kind).label, "token": token}
    for_page = page_unsubscribe(kind) if page_id is not None else None
    page = Page.objects.filter(pk=page_id).first() if for_page else None
    if for_page:
        title = page.title if page else _("een pagina die niet meer bestaat")
        context["question"] = for_page["question"] % {"title": title}
        context["done"] = for_page["done"] % {"title": title}
    network = Network.objects.filter(pk=network_id).first() if network_id else None
    if network is not None:
        context["question"] = _(
            "Wil je geen berichten meer krijgen van de beheerders van %(network)s?"
        ) % {"network": network.name}
        context["done"] = _("Je krijgt geen berichten meer van de beheerders van %(network)s.") % {
            "network": network.name
        }
    if request.method != "POST":
        return render(request, "members/unsubscribe_confirm.html", context)
    if network is not None:
        NetworkMembership.objects.filter(user=user, network=network).update(receives_messages=False)
    elif network_id:
        pass  # a network that is gone sends no more messages anyway
    elif for_page:
        if page is not None:  # a page that is gone sends no more e-mail anyway
            for_page["stop"](user, page)
    else:
        set_notification(user, kind, False)
    return render(request, "members/unsubscribe_done.html", context)
