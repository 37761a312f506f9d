"""Site-wide middleware: a request id for every request; the probes answered early; refuse
unreadable addresses; a Permissions-Policy on every response; compressed text; a strict
Content-Security-Policy for the public site and a looser one for the admin; messages storage
made only when a view uses it."""

import re
import uuid
from itertools import pairwise
from urllib.parse import unquote_to_bytes

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.paginator import InvalidPage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware
from django.template import loader
from django.utils.functional import SimpleLazyObject, empty
from django.views.defaults import page_not_found

from .logging import current_request_id
from .params import parse_int

# What a request id from the proxy may look like: nginx's $request_id (32 hex digits), a UUID,
# or another short token. Anything else (too long, spaces, markup) is replaced by our own.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")


class RequestIdMiddleware:
    """Give every request an id: in the ``X-Request-ID`` response header, on every log line
    made while it is served (``vakgenoten.logging``) and on the error pages as "kenmerk".

    Behind a trusted proxy (``TRUSTED_PROXY_COUNT`` > 0) the proxy's ``X-Request-ID`` is kept
    when it is a sane token, so the proxy's access log and ours share the id; without a proxy
    that header would come from the visitor, so the site makes its own (a random UUID).

    Outermost: the anonymous page cache stores responses before this header is added, and its
    front door (``vakgenoten.page_front``) leaves it out, so a cached page never carries
    another visitor's id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request.META)
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def request_id_for(meta):
    """The proxy's sane ``X-Request-ID`` behind a trusted proxy, else a new random id (also
    for pages served before Django, by ``vakgenoten.page_front``)."""
    if getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) > 0:
        offered = meta.get("HTTP_X_REQUEST_ID", "")
        if SANE_REQUEST_ID.fullmatch(offered):
            return offered
    return uuid.uuid4().hex


class PermissionsPolicyMiddleware:
    """Switch off the browser features no page uses (settings.PERMISSIONS_POLICY).

    Outermost but for Django's SecurityMiddleware, so cached pages and static files get it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy under /admin/.

    The Wagtail admin uses inline styles and scripts; the public site uses neither, so only the
    admin gets ``'unsafe-inline'``.
    """

    admin_prefix = "/admin/"

    def process_response(self, request, response):
        """django-csp builds the policy text afresh for every response, and that was a quarter
        of the cheapest request's time. A response without a nonce or a view's own policy gets
        the same text every time (one for the public site, one for the admin): built once per
        process here, then copied. Anything else goes the library's way."""
        if (
            settings.DEBUG  # the library leaves debug error pages alone
            or _excluded_prefixes()
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _PER_VIEW_POLICY)
        ):
            return super().process_response(request, response)
        admin = request.path_info.startswith(self.admin_prefix)
        headers = _PLAIN_POLICY_HEADERS.get(admin)
        if headers is None:
            plain = super().process_response(request, HttpResponse())
            headers = {name: plain[name] for name in (HEADER, HEADER_REPORT_ONLY) if name in plain}
            _PLAIN_POLICY_HEADERS[admin] = headers
        for name, value in headers.items():
            if name not in response:
                response[name] = value
        # As the library does: a nonce asked for after this point would not be in the header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.admin_prefix):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                update=None,
                replace=None,
                nonce=parts.nonce,
            )
        return parts


# What a view sets on its response to change the policy (django-csp's decorators).
_PER_VIEW_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
# The policy headers of a response without a nonce or its own policy: admin (True) or not.
_PLAIN_POLICY_HEADERS = {}


def _excluded_prefixes():
    return any(
        (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
        for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
    )


@receiver(setting_changed)
def _forget_plain_policy(setting, **kwargs):
    if "CONTENT_SECURITY_POLICY" in setting or setting == "DEBUG":
        _PLAIN_POLICY_HEADERS.clear()


def _readable(raw):
    """Bytes that are valid UTF-8 and hold no NUL byte (which PostgreSQL refuses in text)."""
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _raw_path(request):
    """The path as the bytes that came in.

    Django keeps bytes that are not UTF-8 as ``%XX`` escapes in ``path_info``; decoding those
    once more brings them back. (No address of the site holds a literal percent sign.)
    """
    return unquote_to_bytes(request.path_info.encode("utf-8", "surrogatepass"))


def _is_whole_number(value):
    return parse_int(value) is not None


# The probes, by URL name: liveness, readiness and the benchmark's yardstick.
PROBE_URL_NAMES = ("ping", "healthz", "readyz")


class ProbeMiddleware:
    """Answer the probes (``/ping``, ``/healthz``, ``/readyz``) before the rest of the stack.

    A probe reads no cookie, session or language and renders no HTML, so the layers below
    (sessions, CSRF, sign-in, messages, page policies, the redirects table) have nothing to
    give it, and they were four fifths of its cost. Kubernetes asks every few seconds per
    pod. It still gets what every response gets from the layers above it: a request id, the
    security headers and the Permissions-Policy. Only ``GET`` and ``HEAD``: the views stay in
    the URL map, for their names and for other methods and paths, which go the usual way.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.probes = None  # path -> view, read from the URL map on the first request

    def __call__(self, request):
        if self.probes is None:
            self.probes = _probe_views()
        view = self.probes.get(request.path_info)
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)  # a POST meets the CSRF check as anywhere else
        # A host name the site does not serve is refused (400) as everywhere: the container's
        # health check relies on it to find a wrong ALLOWED_HOSTS (deploy/container).
        request.get_host()
        return view(request)


def _probe_views():
    from django.urls import NoReverseMatch, resolve, reverse

    views = {}
    for name in PROBE_URL_NAMES:
        try:
            path = reverse(name)
        except NoReverseMatch:  # a URL map without probes (a test's own)
            continue
        views[path] = resolve(path).func
    return views


class HostileInputMiddleware:
    """Refuse, before any view runs, input that no link of the site holds; the 400 page says so.

    - A NUL byte or bytes that are not UTF-8 in the path or the (percent-decoded) query string:
      Django would pass a NUL on to the database (PostgreSQL refuses it: a server error) and
      replaces undecodable bytes silently.
    - A number in the path larger than any database id (the database refuses it).
    - In the Wagtail admin, a page or object number that is not plain digits: Wagtail's views
      pass ``p``, ``id`` and ``parent_page_id`` to ``int()`` or the database unchecked. The
      site's own views read numbers with ``vakgenoten.params.int_param`` instead. Likewise the
      object number after ``chosen/``: Wagtail's choosers look it up unchecked, and every model
      the site offers in a chooser is numbered.

    A page number past the last page raised by a paginator (Wagtail's admin uses
    ``Paginator.page``) is answered as "not found".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if refuses_input(request):
            return HttpResponseBadRequest(loader.get_template("400_address.html").render())
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidPage):
            return page_not_found(request, Http404(str(exception)))
        return None


ADMIN_PREFIX = "/admin/"
ADMIN_NUMBER_PARAMETERS = ("p", "id", "parent_page_id")


def refuses_input(request):
    """Whether ``HostileInputMiddleware`` refuses this request (also asked before Django, by
    ``vakgenoten.page_front``, so a stored page is never served where Django would refuse)."""
    raw_path = _raw_path(request)
    query = request.META.get("QUERY_STRING", "").encode("iso-8859-1", "replace")
    if not (_readable(raw_path) and _readable(unquote_to_bytes(query))):
        return True
    segments = raw_path.decode("utf-8").split("/")
    if any(s.isascii() and s.isdigit() and not _is_whole_number(s) for s in segments):
        return True
    if request.path_info.startswith(ADMIN_PREFIX):
        for name in ADMIN_NUMBER_PARAMETERS:
            if any(v and not _is_whole_number(v) for v in request.GET.getlist(name)):
                return True
        chosen = [after for before, after in pairwise(segments) if before == "chosen"]
        if any(value and not _is_whole_number(value) for value in chosen):
            return True
    return False


# What is worth compressing: text. Images, PDFs and archives are compressed already.
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
COMPRESSIBLE_TYPES += ("application/atom+xml", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text responses only (HTML, feeds, JSON, CSV exports).

    Compressing in the app serves deployments without our nginx too, and brings Django's
    BREACH mitigation (random bytes in each gzip header, so the compressed length no longer
    tells an attacker whether a guess matched); docs/caching.md says what else applies.
    Downloads (documents, images served by the app) pass untouched: compressing them again
    costs CPU, gains nothing and drops their Content-Length.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)


class LazyMessageMiddleware(MessageMiddleware):
    """Django's MessageMiddleware, building the message storage only when something uses it.

    Django builds the storage for every request (the class is imported by name, a cookie
    signer made, a cookie and a session storage set up): about a twentieth of the cheapest
    request, for requests that neither show nor add a message. A storage nobody touched has
    nothing to store or clear, so its response is left as it is.
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
