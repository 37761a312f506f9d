"""Error reports to Sentry (sentry-sdk), switched on by SENTRY_DSN.

Sentry groups the site's exceptions with their stack traces and tells the team when a new one
appears. Each report is tagged with the request id (``request_id``), the "kenmerk" the visitor
saw on the error page, so a visitor's message, the log line and the report meet.

Visitors and members are not reported: no personal data (``send_default_pii=False``), no
request bodies, no local variables of the stack frames (they hold members, comments and
forms), and ``before_send`` removes cookies, session and proxy headers and every e-mail
address from whatever remains.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .logging import current_request_id

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}\b")
EMAIL_REPLACEMENT = "[e-mailadres]"
# Headers that carry a session, a token or a visitor's address.
PRIVATE_HEADERS = {
    "authorization",
    "cookie",
    "set-cookie",
    "x-csrftoken",
    "x-forwarded-for",
    "x-real-ip",
}


def start_error_reports(dsn, environment, release=None, traces_sample_rate=0.0):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        before_send_transaction=before_send,
    )


def before_send(event, hint):
    """Tag the request id; remove cookies, private headers, user details and e-mail addresses."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in PRIVATE_HEADERS
            }
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    release = event.pop("release", None)  # "name@version" by Sentry's convention
    event = without_email_addresses(event)
    if release is not None:
        event["release"] = release
    return event


def without_email_addresses(value):
    """``value`` (an event, or any part of one) with every e-mail address replaced."""
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub(EMAIL_REPLACEMENT, value)
    if isinstance(value, dict):
        return {key: without_email_addresses(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_email_addresses(item) for item in value]
    return value
