"""Views of the site layer: health probes, search, problem reports, page passwords and errors."""

import logging
import sys

from django import forms
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from . import limits
from .cache import never_cache
from .forms import ProblemReportForm
from .links import absolute_url, safe_redirect_target
from .models import SecurityTxtSettings

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process runs and answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


@never_cache
def ping(request):
    """The benchmark's yardstick: the cheapest answer the whole middleware stack can give.

    No database, no cache, no template, no JSON: what it costs is the stack's own cost, which
    bench/performance.py compares with a bare Django view and with every page.
    """
    return HttpResponse(b"ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    """Readiness: the database answers, so this instance can take traffic."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("readyz: database unavailable", exc_info=True)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def frontend_login(request):
    """Wagtail's front-end login, where view-restricted pages send visitors, is allauth's.

    Wagtail ships a plain Django login form at this address: no verified e-mail address, no second
    factor and no rate limit. It never sees a password here; whatever the method, the visitor
    is sent on to the one way in, with the page they wanted as ``next``.
    """
    query = ""
    next_url = safe_redirect_target(request, request.GET.get(REDIRECT_FIELD_NAME, ""))
    if next_url:
        query = "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
    return HttpResponseRedirect(reverse("account_login") + query)


def report_problem(request):
    """Report a problem: stored for the editors, who also get an e-mail.

    Limited per visitor address (each report costs the editors an e-mail and a look), and the
    editors get at most a fixed number of e-mails an hour however many visitors report: the
    reports past that wait in the admin.
    """
    if request.method == "POST":
        form = ProblemReportForm(request.POST)
        if form.is_valid():
            if not limits.allow(request, "report_problem"):
                form.add_error(
                    None,
                    _(
                        "Je hebt in korte tijd al veel meldingen gestuurd. Probeer het over "
                        "%(wait)s opnieuw; je tekst staat nog in het formulier."
                    )
                    % {"wait": limits.window_text("report_problem")},
                )
                context = {"form": form}
                return render(request, "vakgenoten/report_problem.html", context, status=429)
            if not form.is_spam():
                report = form.save()
                if limits.allow(request, "report_problem_mail", key="editors"):
                    report.notify_editors(Site.find_for_request(request))
                else:
                    logger.warning("Problem report %s stored without e-mail: limit", report.pk)
            return redirect_to_done(request, form.cleaned_data.get("page_url", ""))
    else:
        form = ProblemReportForm(initial={"page_url": request.GET.get("pagina", "")[:500]})
    return render(request, "vakgenoten/report_problem.html", {"form": form})


def redirect_to_done(request, page_url):
    response = redirect("report_problem_done")
    request.session["report_return_url"] = safe_redirect_target(request, page_url)
    return response


def report_problem_done(request):
    return_url = request.session.pop("report_return_url", "")
    return render(request, "vakgenoten/report_problem_done.html", {"return_url": return_url})


class RefusedPasswordForm(PasswordViewRestrictionForm):
    """Wagtail's page-password form, refusing with ``refusal`` without comparing the password."""

    def __init__(self, *args, refusal, **kwargs):
        self.refusal = refusal
        super().__init__(*args, **kwargs)

    def clean_password(self):
        return ""

    def clean(self):
        raise forms.ValidationError(self.refusal)


def _password_refusal(request, password_key):
    """Count a guess at a password; the Dutch refusal when a limit is passed, else "".

    Guesses are limited per visitor (at any password of the site) and per password (by all
    visitors), keyed on the restriction: the page or document in the address is the guesser's
    to vary. Counting comes before the comparison, so simultaneous guesses cannot all slip under
    the limit; ``_forgive_guess`` takes the count back when the password was right.
    """
    if not limits.allow(request, "page_password"):
        return _(
            "Je hebt te vaak een verkeerd wachtwoord ingevuld. Probeer het over %(wait)s opnieuw."
        ) % {"wait": limits.window_text("page_password")}
    if not limits.allow(request, "page_password_page", key=password_key):
        limits.refund(request, "page_password")
        return _(
            "Voor deze pagina is de laatste tijd te vaak een verkeerd wachtwoord ingevuld. "
            "Probeer het over %(wait)s opnieuw."
        ) % {"wait": limits.window_text("page_password_page")}
    return ""


def _forgive_guess(request, password_key):
    """The right password: not a guess to hold against the visitor or the page."""
    limits.refund(request, "page_password")
    limits.refund(request, "page_password_page", key=password_key)


def _refused_form(request, restriction, refusal):
    form = RefusedPasswordForm(request.POST, instance=restriction, refusal=refusal)
    form.is_valid()
    return form


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's check of a page password, with a limit on guesses per visitor and per password.

    Past a limit even the right password is refused until the window has passed, so guessing
    on is pointless.
    """
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    password_key = f"restriction:{restriction.pk}"
    refusal = _password_refusal(request, password_key)
    if refusal:
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        )
        form = _refused_form(request, restriction, refusal)
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 302:
        _forgive_guess(request, password_key)
    return response


def authenticate_with_document_password(request, restriction_id):
    """Wagtail's check of a document collection's password, with the same limits as pages."""
    if request.method != "POST":
        return document_views.authenticate_with_password(request, restriction_id)
    restriction = get_object_or_404(CollectionViewRestriction, id=restriction_id)
    password_key = f"collection-restriction:{restriction.pk}"
    refusal = _password_refusal(request, password_key)
    if refusal:
        context = {
            "form": _refused_form(request, restriction, refusal),
            "action_url": reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        }
        template = getattr(
            settings, "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE", "wagtaildocs/password_required.html"
        )
        return TemplateResponse(request, template, context, status=429)
    response = document_views.authenticate_with_password(request, restriction_id)
    if response.status_code == 302:
        _forgive_guess(request, password_key)
    return response


@require_GET
def security_txt(request):
    """RFC 9116: how to report a vulnerability, as the editors set it in the admin."""
    site = Site.find_for_request(request)
    security = SecurityTxtSettings.for_site(site)
    if not security.pk:
        security.save()  # first visit: store the defaults so editors see and can renew them
    text = security.as_text(absolute_url(request.path))
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


# A forged request could at most switch a visitor's interface language, and a token-free footer
# form keeps anonymous pages shareable from the page cache. Django's view refuses off-site
# "next" targets.
set_language = csrf_exempt(django_set_language)


def bad_request(request, exception=None):
    """A Dutch page instead of Django's bare "Bad Request (400)".

    A submission over DATA_UPLOAD_MAX_MEMORY_SIZE gets 413 and says what to do to keep the text:
    the browser still holds it on the form one step back.
    """
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        html = loader.get_template("413.html").render({"limit": limit})
        return HttpResponse(html, status=413)
    return HttpResponse(loader.get_template("400.html").render(), status=400)


def server_error(request):
    """The error page: static templates, so they render even when the database is down.

    Django calls this inside the exception handler; when the database is unreachable the reader
    gets "temporarily unavailable" (503, try again shortly) instead of a generic error.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("Database unavailable while serving a request")
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
