"""How django-allauth behaves on Vakgenoten: its e-mails go through the site's outbox."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import strip_tags

from vakgenoten import links
from vakgenoten.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter, but e-mail is queued (never sent inside the request).

    allauth renders its messages in the request (they need the request for links); the rendered
    subject and bodies go to ``vakgenoten.mail.queue_email``, which stores them and lets the task
    worker deliver them after the transaction commits.

    allauth builds the links in its messages (confirm an address, choose a new password, sign
    up) from the host the request came in on; ``send_mail`` moves them to the public address.
    """

    def get_client_ip(self, request):
        """The visitor's address behind ``ALLAUTH_TRUSTED_PROXY_COUNT`` proxies (settings).

        A request with fewer forwarded addresses than there are proxies did not come through
        all of them; allauth would fail it with a server error. Its nearest peer's address is
        the one this site can vouch for, so limits count that instead.
        """
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR", "")

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        ctx.update(context)
        # Every message's links: activate_url, password_reset_url, signup_url and any new ones.
        for key, value in ctx.items():
            if key.endswith("_url") and isinstance(value, str) and "://" in value:
                ctx[key] = links.public_address_of(value)
        message = self.render_mail(template_prefix, email, ctx)
        html_body = ""
        body = message.body
        if getattr(message, "content_subtype", "plain") == "html":
            html_body, body = body, strip_tags(body)
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        name = template_prefix.rsplit("/", 1)[-1]
        # Every allauth message is sent once per action (a new code, a new reset link).
        queue_email(
            key=f"account:{name}:{uuid.uuid4().hex}",
            to=email,
            subject=message.subject,
            body=body,
            html_body=html_body,
        )
