"""Security headers: a Permissions-Policy for every response, and a strict Content-Security-Policy
for the public site with a looser one for the admin."""

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings


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
