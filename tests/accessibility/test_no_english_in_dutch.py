"""The Dutch interface speaks Dutch: no English phrase on any page type or admin view we add.

Every page type of ``pages.visits`` (and the forms they submit), the account, e-mail,
second-factor and comment pages, and the admin views the project adds (moderation queue,
attendee lists, snippets, settings, the edit form of every page type) are opened in Dutch.
Their readable text (text, ``aria-label``, ``placeholder``, ``title``, ``alt``, button values)
may not contain a phrase that the site or its libraries would say in Dutch
(``english_phrases``). The failure names the page and the phrase.
"""

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from comments.models import Comment, CommentClosure, TrustedCommenter
from tests.accessibility.english_phrases import english_on, english_phrases
from tests.accessibility.pages import MEMBER, build_demo_site, visits
from tests.comments.factories import make_comment
from tests.factories.members import UserFactory, with_second_factor
from vakgenoten.models import ProblemReport

# The markup and the words do not change with the database (CI: SQLite only).
pytestmark = [pytest.mark.django_db, pytest.mark.database_independent]

# Wagtail's own templates say this in English whatever the language (wagtailadmin/home.html
# and shared/header.html write value="Search" without a translation); no view of ours.
ADMIN_ALLOWED = {"Search"}

PROJECT_APPS = {
    "vakgenoten",
    "taxonomy",
    "members",
    "comments",
    "blog",
    "events",
    "contact",
    "collaborations",
    "home",
}


def test_the_detector_knows_english_phrases_and_finds_them():
    phrases = english_phrases()
    assert len(phrases) > 2000
    assert {"Knowledge base", "Forgot your password", "Save draft"} <= phrases
    assert english_on('<p>Zoek in de <a title="Knowledge base">kennisbank</a></p>')
    assert english_on('<input type="submit" value="Save draft">')
    assert not english_on('<html lang="nl"><p>Kennisbank</p><button lang="en">English</button>')
    assert not english_on("<p>Home</p><script>var x = 'Knowledge base';</script>")


def member_pages(site):
    """Account, second-factor and comment pages beyond ``pages.visits``."""
    comment = make_comment(site.article, site.member, "Dit werkt bij ons ook zo, goed verhaal.")
    return [
        ("e-mailadressen", reverse("account_email")),
        ("wachtwoord-wijzigen", reverse("account_change_password")),
        ("uitloggen", reverse("account_logout")),
        ("tweede-stap", reverse("mfa_index")),
        ("authenticator-instellen", reverse("mfa_activate_totp")),
        ("sessies", reverse("usersessions_list")),
        ("opnieuw-inloggen", reverse("account_reauthenticate")),
        ("reactie-bewerken", reverse("comments:edit", args=[comment.pk])),
        ("reactie-verwijderen", reverse("comments:delete", args=[comment.pk])),
        ("reactie-melden", reverse("comments:report", args=[comment.pk])),
    ]


def anonymous_pages():
    return [
        ("e-mail-verstuurd", reverse("account_email_verification_sent")),
        ("wachtwoordmail-verstuurd", reverse("account_reset_password_done")),
        ("account-inactief", reverse("account_inactive")),
    ]


def admin_views(site):
    """The admin views the project adds: its own views, its snippets and settings, and the
    edit form of every page type it defines."""
    # One row of each kind the demo lacks, so that their edit views are walked too.
    ProblemReport.objects.create(message="De agenda laat geen webinars zien.", page_url="/agenda/")
    TrustedCommenter.objects.create(user=site.member, note="Schrijft al jaren zorgvuldig mee.")
    CommentClosure.objects.create(page=site.event, reason="Het congres is voorbij.")
    views = [
        ("beheer-start", "/admin/"),
        ("moderatie", reverse("comments_admin:queue")),
        ("moderatie-geschiedenis", reverse("comments_admin:history")),
        ("moderatie-reactie", reverse("comments_admin:detail", args=[Comment.objects.first().pk])),
        ("aanmeldingen", reverse("events_admin:overview")),
        ("deelnemers", reverse("events_admin:registrations", args=[site.event.pk])),
        ("deelnemer-toevoegen", reverse("events_admin:registration_add", args=[site.event.pk])),
        ("instellingen-site", "/admin/settings/vakgenoten/sitesettings/"),
        ("instellingen-security-txt", "/admin/settings/vakgenoten/securitytxtsettings/"),
        ("berichten-moderatie", reverse("contact_admin:queue")),
        ("berichten-gemeld", reverse("contact_admin:queue") + "?toon=gemeld"),
    ]
    for model in get_snippet_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        viewset = model.snippet_viewset
        name = model._meta.model_name
        views.append((f"snippet-{name}", reverse(viewset.get_url_name("list"))))
        views.append((f"snippet-{name}-nieuw", reverse(viewset.get_url_name("add"))))
        first = model.objects.order_by("pk").first()
        if first is not None:
            views.append(
                (f"snippet-{name}-bewerken", reverse(viewset.get_url_name("edit"), args=[first.pk]))
            )
    seen = set()
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        kind = type(page)
        if kind._meta.app_label in PROJECT_APPS and kind not in seen:
            seen.add(kind)
            views.append(
                (f"pagina-bewerken-{kind._meta.model_name}", f"/admin/pages/{page.pk}/edit/")
            )
    return views


def open_page(client, name, path, status=200):
    response = client.get(path, follow=True)
    assert response.status_code == status, (name, path, response.status_code)
    return response.content.decode()


def test_every_dutch_page_and_admin_view_is_free_of_english():
    site = build_demo_site()
    anonymous, member, editor = Client(), Client(), Client()
    member.force_login(site.member)
    administrator = with_second_factor(UserFactory(is_staff=True, is_superuser=True))
    editor.force_login(administrator)
    clients = {"afgemeld": anonymous, MEMBER: member}

    pages = []
    for visit in visits(site):
        for who in visit.who:
            client = clients[who]
            if visit.form is None:
                html = open_page(client, visit.name, visit.path, visit.status)
            else:
                data = dict(visit.data)
                if visit.button:
                    data[visit.button] = "1"
                response = client.post(visit.action, data, follow=True)
                assert response.status_code in (200, 400), (visit.name, response.status_code)
                html = response.content.decode()
                if who == "afgemeld" and visit.name == "e-mailcode":
                    anonymous.logout()  # the sign-up signed this visitor in: start afresh
            pages.append((f"{visit.name} ({who})", html))
    short = {"first_name": "Noor", "last_name": "Hendriks", "email": "noor@lindenholt.example"}
    short |= {"password1": "kort12", "password2": "kort12"}
    response = Client().post(reverse("account_signup"), short)
    pages.append(("lid-worden-kort-wachtwoord", response.content.decode()))
    for name, path in member_pages(site):
        pages.append((name, open_page(member, name, path)))
    for name, path in anonymous_pages():
        pages.append((name, open_page(Client(), name, path)))
    for name, path in admin_views(site):
        pages.append((f"beheer: {name}", open_page(editor, name, path)))

    assert len(pages) > 90
    problems = []
    for name, html in pages:
        assert 'lang="nl"' in html[:400], f"{name} is not in Dutch"
        for phrase, context in english_on(html):
            if name.startswith("beheer: ") and phrase in ADMIN_ALLOWED:
                continue
            problems.append(f"{name}: ‘{phrase}’ in “{context}”")
    assert problems == [], f"{len(problems)} English phrases:\n" + "\n".join(problems)
