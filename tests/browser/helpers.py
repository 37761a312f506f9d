"""Steps the browser journeys share: a staff member with an authenticator app and the code it
shows now, an article open for comments, and signing a member in without the login form."""

import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from django.contrib.auth.models import Group
from django.test import Client

# The factories' password (tests.factories.UserFactory).
PASSWORD = "geheim-wachtwoord-123"


def totp_code(secret):
    """The code an authenticator app with ``secret`` shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def staff_with_authenticator(group_name, **fields):
    """A staff member in ``group_name`` with an authenticator app; ``user.totp_secret`` holds
    its secret, so a journey can log in through the admin's two steps."""
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def commentable_article(hold_first_comments, title="Samen inkopen met de buurgemeenten"):
    """The demo site with a blog post to comment on; ``hold_first_comments`` of a new member
    wait for a moderator."""
    from wagtail.models import Site

    from blog.models import BlogPostPage
    from comments.models import CommentSettings
    from tests.blog.factories import make_article
    from tests.factories import BlogIndexPageFactory
    from vakgenoten import demo

    home = demo.load()
    index = BlogIndexPageFactory(parent=home)
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = hold_first_comments
    settings.save()
    return make_article(index, model=BlogPostPage, title=title)


def sign_in_with_cookie(context, live_server, user):
    """Sign ``user`` in for a browser context (or a page's context) with a session cookie."""
    context = getattr(context, "context", context)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
