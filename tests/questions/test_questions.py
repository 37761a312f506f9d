"""Asking a question, answering it, marking the answer that helped and useful answers, and
the list at /vragen/ with its filters."""

from datetime import timedelta

import pytest

from django.utils import timezone

from comments.models import CommentBan, CommentSettings, ConversationSubscription
from members.models import NetworkMembership
from questions.models import QuestionPage, UsefulMark
from tests.factories import (
    CommentFactory,
    EditorFactory,
    NetworkFactory,
    ThemeFactory,
    UserFactory,
)
from tests.factories.questions import QuestionIndexPageFactory, QuestionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return QuestionIndexPageFactory(parent=home_page)


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Wmo", slug="wmo")


@pytest.fixture
def asker(db):
    return UserFactory(first_name="Fatima", last_name="El Amrani")


def _form(theme, **extra):
    return {
        "title": "Hoe houden jullie de wachttijd voor de Wmo-toegang kort?",
        "body": "Bij ons duurt een **keukentafelgesprek** zes weken. Wat werkt bij jullie?",
        "themes": [theme.pk],
        **extra,
    }


def _settings(**values):
    from wagtail.models import Site

    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_a_visitor_is_asked_to_log_in(client, index):
    response = client.get("/vragen/stellen/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_preview_then_post_holds_a_first_question(client, index, asker, theme):
    client.force_login(asker)
    assert client.get("/vragen/stellen/").status_code == 200
    preview = client.post("/vragen/stellen/", {**_form(theme), "preview": "1"})
    html = preview.content.decode()
    assert "Voorbeeld van je vraag" in html
    assert "<strong>keukentafelgesprek</strong>" in html
    assert 'name="post"' in html
    assert not QuestionPage.objects.exists()

    response = client.post("/vragen/stellen/", {**_form(theme), "post": "1"}, follow=True)
    question = QuestionPage.objects.get()
    assert question.status == QuestionPage.Status.PENDING
    assert not question.live
    assert question.hold_reasons
    assert "De redactie bekijkt haar eerst" in response.content.decode()
    assert client.get(question.url or "/vragen/").status_code in (200, 404)
    assert ConversationSubscription.objects.filter(user=asker, page=question).exists()


def test_a_member_with_posts_behind_them_goes_live_at_once(client, index, asker, theme):
    CommentFactory(user=asker)
    client.force_login(asker)
    response = client.post("/vragen/stellen/", {**_form(theme), "post": "1"})
    question = QuestionPage.objects.get()
    assert question.live and question.status == QuestionPage.Status.PUBLISHED
    assert response.url == question.url
    page = client.get(question.url)
    html = page.content.decode()
    assert "Hoe houden jullie de wachttijd" in html
    assert "<strong>keukentafelgesprek</strong>" in html
    assert "Nog geen antwoorden" in html
    assert list(question.themes.all()) == [theme]


def test_bad_input_is_explained_and_kept(client, index, asker, theme):
    client.force_login(asker)
    themes = [ThemeFactory() for _ in range(4)]
    response = client.post(
        "/vragen/stellen/",
        {"title": "", "body": "Mijn tekst blijft staan.", "themes": [t.pk for t in themes]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Je vraag heeft nog geen titel" in html
    assert "Kies hoogstens 3 thema" in html
    assert "Mijn tekst blijft staan." in html
    assert not QuestionPage.objects.exists()


def test_a_network_must_be_the_askers_own(client, index, asker, theme):
    other = NetworkFactory()
    mine = NetworkFactory()
    NetworkMembership.objects.create(
        user=asker, network=mine, status=NetworkMembership.Status.APPROVED
    )
    CommentFactory(user=asker)
    client.force_login(asker)
    refused = client.post("/vragen/stellen/", {**_form(theme, network=other.pk), "post": "1"})
    assert "Kies een netwerk waarvan je lid bent." in refused.content.decode()
    client.post("/vragen/stellen/", {**_form(theme, network=mine.pk), "post": "1"})
    assert list(QuestionPage.objects.get().networks.all()) == [mine]


def test_a_suspended_member_keeps_their_text(client, index, asker, theme):
    moderator = EditorFactory()
    CommentBan.objects.create(
        user=asker,
        created_by=moderator,
        ends_at=timezone.now() + timedelta(days=2),
        reason="Herhaaldelijk reclame.",
    )
    client.force_login(asker)
    response = client.post("/vragen/stellen/", {**_form(theme), "post": "1"})
    html = response.content.decode()
    assert "Je bent tijdelijk geschorst" in html
    assert "Herhaaldelijk reclame." in html
    assert "keukentafelgesprek" in html
    assert not QuestionPage.objects.exists()


def test_questions_and_comments_share_one_rate_limit(client, index, asker, theme):
    _settings(rate_limit_count=2, rate_limit_minutes=10, hold_first_comments=0)
    CommentFactory(user=asker)
    client.force_login(asker)
    client.post("/vragen/stellen/", {**_form(theme), "post": "1"})
    assert QuestionPage.objects.count() == 1
    refused = client.post(
        "/vragen/stellen/", {**_form(theme, title="Nog een vraag van mij"), "post": "1"}
    )
    assert "Wacht even en probeer het daarna opnieuw" in refused.content.decode()
    assert "Nog een vraag van mij" in refused.content.decode()
    assert QuestionPage.objects.count() == 1


def test_a_link_heavy_question_is_held(client, index, asker, theme):
    CommentFactory(user=asker)
    client.force_login(asker)
    body = " ".join(f"https://voorbeeld{n}.example" for n in range(5))
    client.post("/vragen/stellen/", {**_form(theme, body=body), "post": "1"})
    question = QuestionPage.objects.get()
    assert question.status == QuestionPage.Status.PENDING
    assert any("links" in reason for reason in question.hold_reasons)


def test_slugs_never_take_an_address_of_the_app(client, index, asker, theme):
    CommentFactory(user=asker)
    client.force_login(asker)
    client.post("/vragen/stellen/", {**_form(theme, title="Stellen"), "post": "1"})
    client.post("/vragen/stellen/", {**_form(theme, title="Stellen!"), "post": "1"})
    slugs = sorted(QuestionPage.objects.values_list("slug", flat=True))
    assert slugs == ["vraag-stellen", "vraag-stellen-2"]


def test_answers_are_comments_and_the_asker_marks_the_one_that_helped(client, index, asker):
    question = QuestionPageFactory(asker=asker)
    helper = UserFactory(first_name="Joost", last_name="Bakker")
    other = UserFactory(first_name="Sanne", last_name="Visser")
    answer = CommentFactory(page=question, user=helper, body="Wij werken met een wachtlijstteam.")
    CommentFactory(page=question, user=other, body="Bij ons ook zo.")

    page = client.get(question.url).content.decode()
    assert "2 antwoorden" in page
    assert "Dit antwoord hielp" not in page

    client.force_login(other)
    refused = client.post(f"/vragen/antwoord/{answer.pk}/hielp/", follow=True)
    assert "Alleen wie de vraag stelde" in refused.content.decode()
    question.refresh_from_db()
    assert question.accepted_answer is None

    client.force_login(asker)
    client.post(f"/vragen/antwoord/{answer.pk}/hielp/")
    question.refresh_from_db()
    assert question.accepted_answer == answer and question.accepted_by == asker
    html = client.get(question.url).content.decode()
    assert "Het antwoord dat hielp" in html
    assert "Markering ‘hielp’ weghalen" in html

    client.post(f"/vragen/antwoord/{answer.pk}/hielp/", {"action": "undo"})
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_an_editor_may_mark_the_answer_that_helped(client, index, asker):
    question = QuestionPageFactory(asker=asker)
    answer = CommentFactory(page=question)
    client.force_login(EditorFactory())
    client.post(f"/vragen/antwoord/{answer.pk}/hielp/")
    question.refresh_from_db()
    assert question.accepted_answer == answer


def test_a_reply_under_an_answer_is_not_an_answer(client, index, asker):
    question = QuestionPageFactory(asker=asker)
    answer = CommentFactory(page=question)
    reply = CommentFactory(page=question, parent=answer)
    client.force_login(asker)
    assert client.post(f"/vragen/antwoord/{reply.pk}/hielp/").status_code == 404


def test_members_mark_answers_useful_once_each(client, index, asker):
    question = QuestionPageFactory(asker=asker)
    writer = UserFactory()
    answer = CommentFactory(page=question, user=writer)
    reader = UserFactory()
    client.force_login(reader)
    client.post(f"/vragen/antwoord/{answer.pk}/nuttig/")
    again = client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", follow=True)
    assert "al als nuttig gemarkeerd" in again.content.decode()
    assert UsefulMark.objects.filter(answer=answer).count() == 1
    html = client.get(question.url).content.decode()
    assert "1 lid vond dit nuttig" in html
    assert 'aria-pressed="true"' in html

    client.force_login(writer)
    own = client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", follow=True)
    assert "Je eigen antwoord kun je niet als nuttig markeren." in own.content.decode()

    client.force_login(reader)
    client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", {"action": "undo"})
    assert not UsefulMark.objects.exists()


def test_a_visitor_sees_the_counts_but_no_buttons(client, index, asker):
    question = QuestionPageFactory(asker=asker)
    answer = CommentFactory(page=question)
    UsefulMark.objects.create(answer=answer, user=UserFactory())
    html = client.get(question.url).content.decode()
    assert "1 lid vond dit nuttig" in html
    assert "/nuttig/" not in html
    assert client.post(f"/vragen/antwoord/{answer.pk}/nuttig/").status_code == 302
    assert UsefulMark.objects.count() == 1


def test_the_list_filters_by_theme_state_and_network(client, index, theme):
    network = NetworkFactory()
    open_question = QuestionPageFactory(title="Open vraag", themes=[theme])
    answered = QuestionPageFactory(title="Beantwoorde vraag", networks=[network])
    answer = CommentFactory(page=answered)
    QuestionPage.objects.filter(pk=answered.pk).update(accepted_answer=answer)
    QuestionPageFactory(title="Vraag met antwoord maar niet gekozen")
    CommentFactory(page=QuestionPage.objects.get(title__startswith="Vraag met"))

    def titles(query):
        response = client.get(f"/vragen/{query}")
        assert response.status_code == 200, response.status_code
        html = response.content.decode()
        return {
            title
            for title in ("Open vraag", "Beantwoorde vraag", "Vraag met antwoord maar niet gekozen")
            if title in html
        }

    assert titles("") == {"Open vraag", "Beantwoorde vraag", "Vraag met antwoord maar niet gekozen"}
    assert titles("?thema=wmo") == {"Open vraag"}
    assert titles(f"?netwerk={network.slug}") == {"Beantwoorde vraag"}
    assert titles("?status=beantwoord") == {"Beantwoorde vraag"}
    assert titles("?status=onbeantwoord") == {"Open vraag"}
    assert titles("?status=open") == {"Open vraag", "Vraag met antwoord maar niet gekozen"}
    assert titles("?status=raar&thema=onzin&page=x") == titles("")
    assert open_question.live


def test_held_questions_stay_out_of_the_list(client, index):
    QuestionPageFactory(title="Wacht nog", draft=True, status=QuestionPage.Status.PENDING)
    assert "Wacht nog" not in client.get("/vragen/").content.decode()


def test_the_list_takes_the_same_queries_for_few_and_many(client, index, theme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        from django.core.cache import caches

        for alias in caches:
            caches[alias].clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get("/vragen/").status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        question = QuestionPageFactory(themes=[theme])
        CommentFactory(page=question)
    count()
    few = count()
    for _ in range(12):
        question = QuestionPageFactory(themes=[theme], networks=[NetworkFactory()])
        CommentFactory(page=question)
        CommentFactory(page=question)
    assert count() == few


def test_the_question_page_takes_the_same_queries_for_few_and_many_answers(client, index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    question = QuestionPageFactory()
    reader = UserFactory()
    client.force_login(reader)

    def count():
        from django.core.cache import caches

        for alias in caches:
            caches[alias].clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get(question.url).status_code == 200
        return len(context.captured_queries)

    CommentFactory(page=question)
    count()
    few = count()
    for _ in range(8):
        answer = CommentFactory(page=question)
        UsefulMark.objects.create(answer=answer, user=UserFactory())
        CommentFactory(page=question, parent=answer)
    assert count() == few


def test_the_home_page_offers_open_questions(client, index):
    QuestionPageFactory(title="Wie plant de keukentafelgesprekken?")
    answered = QuestionPageFactory(title="Al beantwoord")
    answer = CommentFactory(page=answered)
    QuestionPage.objects.filter(pk=answered.pk).update(accepted_answer=answer)
    html = client.get("/").content.decode()
    section = html.split('id="open-questions-title"', 1)[1].split("</section>", 1)[0]
    assert "Vraag het je vakgenoten" in section
    assert "Wie plant de keukentafelgesprekken?" in section
    assert "Al beantwoord" not in section


def test_a_profile_lists_the_members_questions(client, index):
    asker = UserFactory(profile__visibility="public")
    QuestionPageFactory(asker=asker, title="Wie kent een goede Woo-tool?")
    QuestionPageFactory(
        asker=asker, title="Nog niet goedgekeurd", draft=True, status=QuestionPage.Status.PENDING
    )
    client.force_login(UserFactory())
    html = client.get(asker.get_absolute_url()).content.decode()
    assert "Wie kent een goede Woo-tool?" in html
    assert "Nog niet goedgekeurd" not in html


def test_network_and_organisation_pages_list_their_questions(client, index):
    from tests.factories import OrganisationFactory

    network = NetworkFactory()
    organisation = OrganisationFactory()
    QuestionPageFactory(title="Vraag in het netwerk", networks=[network])
    QuestionPageFactory(title="Vraag van de gemeente", organisation=organisation)
    assert "Vraag in het netwerk" in client.get(network.get_absolute_url()).content.decode()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Vraag van de gemeente" in html and "Vraag in het netwerk" not in html


def test_asking_from_a_theme_list_starts_with_that_theme(client, index, asker, theme):
    client.force_login(asker)
    html = client.get("/vragen/stellen/?thema=wmo").content.decode()
    import re

    [box] = re.findall(rf'<input[^>]*name="themes"[^>]*value="{theme.pk}"[^>]*>', html)
    assert "checked" in box
    assert client.get("/vragen/stellen/?thema=%E2%80%8B&netwerk=x").status_code == 200


def test_a_members_thread_is_kept_until_their_csrf_secret_or_the_page_changes(
    client, settings, index, asker, django_capture_on_commit_callbacks
):
    """With the page cache on, a signed-in member's answers and buttons come from the cache on
    a second visit; a mark purges the page; a new login (a new CSRF secret) renders afresh, so
    the forms always carry a token that is valid now."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 600
    question = QuestionPageFactory(asker=asker)
    answer = CommentFactory(page=question, body="Bel de wijkteams.")
    reader = UserFactory()
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(reader)

    def visit():
        with CaptureQueriesContext(connection) as context:
            html = client.get(question.url).content.decode()
        return html, len(context.captured_queries)

    first, cold = visit()
    again, warm = visit()
    assert warm < cold
    token = re.search(
        rf'action="/vragen/antwoord/{answer.pk}/nuttig/">\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        again,
    ).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/vragen/antwoord/{answer.pk}/nuttig/", {"csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302
    assert UsefulMark.objects.filter(answer=answer, user=reader).exists()
    assert 'aria-pressed="true"' in visit()[0]

    client.logout()
    client.force_login(reader)
    fresh = visit()[0]
    token = re.search(
        rf'action="/vragen/antwoord/{answer.pk}/nuttig/">\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        fresh,
    ).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        undo = client.post(
            f"/vragen/antwoord/{answer.pk}/nuttig/",
            {"csrfmiddlewaretoken": token, "action": "undo"},
        )
    assert undo.status_code == 302
    assert not UsefulMark.objects.exists()
