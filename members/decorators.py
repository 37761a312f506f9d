"""Only members who can take part get through: signed in, e-mail verified, full name.

Use ``@participation_required`` on a view function or ``ParticipationRequiredMixin`` on a class
view (comments, event registration, joining a network). Everyone else is sent to the step they
are missing, with a Dutch message and ``next`` back to where they were:

- not signed in -> the login page;
- e-mail address not verified -> the e-mail page, where a new confirmation can be sent;
- first or last name missing -> the profile form.

For a POST the way back is the page the form was on (the Referer, when it is on this site),
because a POST cannot be repeated by a redirect.
"""

from functools import wraps

from allauth.account.models import EmailAddress

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from vakgenoten.links import safe_redirect_target

LOGIN = "login"
VERIFY_EMAIL = "verify_email"
COMPLETE_PROFILE = "complete_profile"

MESSAGES = {
    LOGIN: _("Log in om mee te doen. Nog geen account? Word dan eerst lid."),
    VERIFY_EMAIL: _(
        "Bevestig eerst je e-mailadres. Stuur hieronder een nieuwe bevestiging als je de "
        "e-mail niet meer hebt."
    ),
    COMPLETE_PROFILE: _(
        "Vul eerst je voornaam en achternaam in. Op Vakgenoten doe je mee onder je eigen naam."
    ),
}


def missing_step(user, verified=None):
    """What ``user`` still has to do before taking part, or None when nothing is missing.

    ``verified``: whether the user has a verified address, when the caller looked it up
    already (in one query with other things); None looks it up here.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return LOGIN
    if verified is None:
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    if not verified:
        return VERIFY_EMAIL
    if not user.has_complete_name:
        return COMPLETE_PROFILE
    return None


def participation_problem(user, sentences, verified=None):
    """Why ``user`` cannot take part yet, in the words of the action they tried ("" when
    nothing is missing). ``sentences`` maps each step (LOGIN, VERIFY_EMAIL,
    COMPLETE_PROFILE) to its sentence; ``verified`` as for ``missing_step``."""
    step = missing_step(user, verified=verified)
    return "" if step is None else str(sentences[step])


def can_take_part(user):
    return missing_step(user) is None


def _return_url(request):
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return safe_redirect_target(request, request.headers.get("referer"), "/")


def redirect_to_step(request, step, return_url=None):
    """Send the visitor to ``step`` with a message and ``next`` back to the current page
    (or to ``return_url``, a safe address the caller chose, such as a form's ``next``)."""
    messages.info(request, MESSAGES[step])
    target = {
        LOGIN: "account_login",
        VERIFY_EMAIL: "account_email",
        COMPLETE_PROFILE: "members:profile_edit",
    }[step]
    query = urlencode({REDIRECT_FIELD_NAME: return_url or _return_url(request)})
    return HttpResponseRedirect(f"{reverse(target)}?{query}")


def participation_required(view_func):
    """Let only members who can take part reach ``view_func``; send the others on their way."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        step = missing_step(request.user)
        if step is not None:
            return redirect_to_step(request, step)
        return view_func(request, *args, **kwargs)

    return wrapped


class ParticipationRequiredMixin:
    """The class-based form of ``participation_required``."""

    def dispatch(self, request, *args, **kwargs):
        step = missing_step(request.user)
        if step is not None:
            return redirect_to_step(request, step)
        return super().dispatch(request, *args, **kwargs)
