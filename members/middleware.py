"""The Wagtail admin opens only through allauth's login and only with a second factor."""

from allauth.usersessions.middleware import UserSessionsMiddleware as AllauthUserSessionsMiddleware

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import get_urlconf, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .security import can_open_admin, needs_second_factor_setup

ADMIN_NEXT_SESSION_KEY = "members.admin_next"


class UserSessionsMiddleware(AllauthUserSessionsMiddleware):
    """allauth's record of a member's sessions (the "signed-in devices" list), asked only of
    requests that bring a session cookie.

    Only a signed-in member's sessions are recorded, and signing in comes from the session
    (``AuthenticationMiddleware``). Without the cookie allauth would still read two settings
    (one asks the app registry), then load the user and with it the empty session to find an
    anonymous visitor: about a tenth of the cheapest request (``/ping``) for nothing.
    """

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        return super().__call__(request)


class AdminAccessMiddleware:
    """Guard the admin under /admin/.

    - ``/admin/login/`` sends people to allauth's login (with ``next``), so its rate limits,
      enumeration protection and two-factor step apply to the admin too.
    - ``/admin/logout/`` signs out on POST only (its button); a visit goes to the site's logout.
    - Editors and administrators without an authenticator app are sent to set one up first,
      with a Dutch explanation; after that the admin opens.
    - A signed-in member without admin rights gets the site's 403 page ("Geen toegang"), not
      Wagtail's redirect to the login, which sends a signed-in member straight back: a loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._admin_home = {}

    def admin_home(self):
        """The admin's address, looked up once per URL map: every request passes here."""
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        if urlconf not in self._admin_home:
            self._admin_home[urlconf] = reverse("wagtailadmin_home")
        return self._admin_home[urlconf]

    def __call__(self, request):
        admin_home = self.admin_home()
        path = request.path_info
        if path.startswith(admin_home):
            logout = reverse("wagtailadmin_logout")
            if (
                path != logout
                and request.user.is_authenticated
                and not can_open_admin(request.user)
            ):
                raise PermissionDenied
            if path == reverse("wagtailadmin_login"):
                return self.redirect_to_login(request, admin_home)
            if path == reverse("wagtailadmin_logout") and request.method != "POST":
                return self.logout_needs_post(request)
            if path != reverse("wagtailadmin_logout") and needs_second_factor_setup(request.user):
                return self.redirect_to_mfa_setup(request)
        return self.get_response(request)

    def redirect_to_login(self, request, admin_home):
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or admin_home
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        return HttpResponseRedirect(f"{reverse('account_login')}?{query}")

    def logout_needs_post(self, request):
        # Wagtail's logout view deletes the session cookie before it answers 405 to a GET, so
        # a link or image pointing here would sign an editor out. A visit gets the site's logout
        # page, with its button; other methods are refused, and nothing changes either way.
        if request.method in ("GET", "HEAD"):
            return HttpResponseRedirect(reverse("account_logout"))
        return HttpResponseNotAllowed(["POST"])

    def redirect_to_mfa_setup(self, request):
        if request.method == "GET":
            request.session[ADMIN_NEXT_SESSION_KEY] = request.get_full_path()
        messages.warning(
            request,
            _(
                "Als redacteur of beheerder heb je tweestapsverificatie nodig voordat het beheer "
                "opent. Stel hieronder een authenticator-app in; daarna kun je verder."
            ),
        )
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
