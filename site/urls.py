"""The URL map. Wagtail's page tree comes last and serves everything not matched before it."""

from allauth.account.decorators import reauthentication_required
from allauth.usersessions.views import list_usersessions

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("ping", views.ping, name="ping"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own: a collection's password is limited like a page's (views.py).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.authenticate_with_document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # Logging out elsewhere asks for recent authentication, like every other account change:
    # a stolen session alone must not end the owner's sessions.
    path(
        "accounts/sessions/",
        reauthentication_required(list_usersessions, allow_get=True),
        name="usersessions_list",
    ),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("probleem-melden/", views.report_problem, name="report_problem"),
    path("probleem-melden/verzonden/", views.report_problem_done, name="report_problem_done"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
    ),
    path("", include("members.urls")),
    path("", include("blog.urls")),
    path("", include("comments.urls")),
    path("", include("events.urls")),
    path("", include("contact.urls")),
    path("", include("collaborations.urls")),
    path("", include("questions.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development only (settings.dev); in production the proxy serves images (deploy/nginx).
    import re

    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Before Wagtail's own: its front-end login form would be a second way in (views.py).
    path("_util/login/", views.frontend_login, name="frontend_login"),
    path("", include(wagtail_urls)),
]

handler400 = "vakgenoten.views.bad_request"
handler500 = "vakgenoten.views.server_error"
