"""The policy text is built once per process for responses that carry no nonce and no view's
own policy (``ContentSecurityPolicyMiddleware``); the text must stay what django-csp builds."""

from csp.constants import HEADER
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from csp.utils import build_policy

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from vakgenoten.middleware import ContentSecurityPolicyMiddleware


def _respond(path, view=None):
    request = RequestFactory().get(path)
    middleware = ContentSecurityPolicyMiddleware(view or (lambda request: HttpResponse("ok")))
    return request, middleware(request)


def test_public_and_admin_responses_carry_the_policy_django_csp_builds():
    for _round in range(2):  # built the first time, copied the second: the same text
        _request, public = _respond("/kennisbank/")
        _request, admin = _respond("/admin/pages/")
        assert public[HEADER] == build_policy()
        assert "'unsafe-inline'" not in public[HEADER]
        assert "'unsafe-inline'" in admin[HEADER]
        assert public[HEADER] != admin[HEADER]


def test_a_changed_setting_is_followed():
    _respond("/")
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https://beeld.example"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        _request, response = _respond("/")
        directives = set(response[HEADER].split("; "))
        assert directives == {"default-src 'self'", "img-src https://beeld.example"}
    _request, response = _respond("/")
    assert "beeld.example" not in response[HEADER]


def test_a_view_with_its_own_policy_and_a_nonce_go_the_librarys_way():
    own = csp_update({"img-src": ["https://kaart.example"]})(lambda request: HttpResponse("ok"))
    _request, response = _respond("/kaart/", own)
    assert "https://kaart.example" in response[HEADER]

    def with_nonce(request):
        return HttpResponse(str(request.csp_nonce))

    # A nonce asked for while rendering: the library builds the policy with it (our policy
    # names no nonce source today, so the text is the same; the path is the library's).
    request, response = _respond("/", with_nonce)
    assert request._csp_nonce == response.content.decode()
    assert response[HEADER] == build_policy(nonce=request._csp_nonce)


def test_a_nonce_asked_for_after_the_header_is_written_is_refused():
    request, _response = _respond("/")
    reference = RequestFactory().get("/")
    CSPMiddleware(lambda request: HttpResponse()).process_request(reference)
    try:
        str(request.csp_nonce)
    except Exception as error:  # the library's CSPNonceError
        assert "after the CSP header has been written" in str(error)
    else:
        raise AssertionError("a nonce after the header was handed out")
