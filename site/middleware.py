"""A strict Content-Security-Policy for the public site and a looser one for the admin."""

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings


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
