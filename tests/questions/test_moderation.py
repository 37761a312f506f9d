"""Moderators publish or reject held questions at /admin/vragen/, the asker hears about it by
e-mail, moderators hear that a question waits; members report a published question and the
moderators close the report or take the question offline."""

import pytest

from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from questions import moderation
from questions.models import QuestionPage, QuestionReport
from questions.rules import QuestionRefused
from tests.factories import EditorFactory, UserFactory

from .moderation_fixtures import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/vragen/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def test_members_cannot_open_the_queue(client, held_question):
    client.force_login(UserFactory())
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(
        f"{QUEUE}{held_question.pk}/besluit/", {"besluit": "plaatsen"}
    ).status_code in (
        302,
        403,
    )
    held_question.refresh_from_db()
    assert held_question.status == QuestionPage.Status.PENDING


def test_moderators_hear_that_a_question_waits(ask, theme, moderator, deliver, mailoutbox):
    editor = EditorFactory()
    with deliver():
        page = ask("Mag een wijkteam zelf indiceren?", held=True, themes=[theme])
    to = sorted(address for mail in mailoutbox for address in mail.to)
    assert to == sorted([moderator.email, editor.email])
    mail = next(mail for mail in mailoutbox if mail.to == [moderator.email])
    assert mail.subject == "Vraag wacht op moderatie: Mag een wijkteam zelf indiceren?"
    assert "Anouk de Vries" in mail.body and "http://testserver/admin/vragen/" in mail.body
    assert page.asker.email not in to


def test_queue_shows_the_waiting_question_with_asker_text_and_reasons(
    moderator_client, held_question
):
    html = moderator_client.get(QUEUE).content.decode()
    assert "Mag een wijkteam zelf indiceren?" in html
    assert "Anouk de Vries" in html
    assert "Wij hebben een wachtlijst van drie maanden." in html
    assert "Een van de eerste vragen of reacties van dit lid." in html
    assert 'name="besluit" value="plaatsen"' in html
    assert f'<label for="reden-{held_question.pk}">' in html


def test_menu_shows_the_waiting_count(moderator_client, held_question):
    assert "Vragen (1)" in moderator_client.get("/admin/").content.decode()


def test_publishing_puts_the_question_live_and_tells_the_asker_once(
    moderator_client, held_question, asker, deliver, mailoutbox
):
    with deliver():
        response = moderator_client.post(
            f"{QUEUE}{held_question.pk}/besluit/", {"besluit": "plaatsen"}
        )
    assert response.status_code == 302
    held_question.refresh_from_db()
    assert held_question.live and held_question.status == QuestionPage.Status.PUBLISHED
    [mail] = [mail for mail in mailoutbox if mail.to == [asker.email]]
    assert mail.subject == "Je vraag ‘Mag een wijkteam zelf indiceren?’ staat op Vakgenoten"
    assert "http://testserver/vragen/" in mail.body
    # A second click (another moderator) changes nothing and mails nothing.
    with deliver():
        moderator_client.post(f"{QUEUE}{held_question.pk}/besluit/", {"besluit": "plaatsen"})
    assert len([mail for mail in mailoutbox if mail.to == [asker.email]]) == 1


def test_rejecting_keeps_the_question_offline_with_the_reason(
    moderator_client, held_question, asker, deliver, mailoutbox
):
    with deliver():
        moderator_client.post(
            f"{QUEUE}{held_question.pk}/besluit/",
            {"besluit": "afwijzen", "reden": "Dit is een vraag voor de helpdesk."},
        )
    held_question.refresh_from_db()
    assert not held_question.live
    assert held_question.status == QuestionPage.Status.REJECTED
    assert held_question.rejection_reason == "Dit is een vraag voor de helpdesk."
    [mail] = [mail for mail in mailoutbox if mail.to == [asker.email]]
    assert "niet geplaatst" in mail.subject
    assert "Reden: Dit is een vraag voor de helpdesk." in mail.body
    html = moderator_client.get(QUEUE + "?toon=afgewezen").content.decode()
    assert "Mag een wijkteam zelf indiceren?" in html and "Alsnog plaatsen" in html
    assert "Mag een wijkteam zelf indiceren?" not in moderator_client.get(QUEUE).content.decode()


def test_rejecting_without_a_reason_is_allowed(
    moderator_client, held_question, deliver, mailoutbox
):
    with deliver():
        moderator_client.post(f"{QUEUE}{held_question.pk}/besluit/", {"besluit": "afwijzen"})
    held_question.refresh_from_db()
    assert held_question.status == QuestionPage.Status.REJECTED
    assert any("niet geplaatst" in mail.subject for mail in mailoutbox)


def test_an_asker_who_switched_decisions_off_gets_no_mail(
    moderator_client, held_question, asker, deliver, mailoutbox
):
    from members.notifications import set_notification

    set_notification(asker, "comment_moderation_outcome", False)
    with deliver():
        moderator_client.post(f"{QUEUE}{held_question.pk}/besluit/", {"besluit": "plaatsen"})
    assert not [mail for mail in mailoutbox if mail.to == [asker.email]]


# --- Reports ------------------------------------------------------------------------------


def test_report_form_needs_a_login(client, live_question):
    response = client.get(f"/vragen/{live_question.pk}/melden/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_reports_a_question_without_javascript(
    client, live_question, moderator, deliver, mailoutbox
):
    reporter = UserFactory(first_name="Joost", last_name="Bakker")
    client.force_login(reporter)
    url = f"/vragen/{live_question.pk}/melden/"
    html = client.get(url).content.decode()
    assert "<h1" in html and "Vraag melden" in html
    assert 'for="id_reason"' in html and "Hoe regelen jullie de wachtlijst?" in html
    with deliver():
        response = client.post(url, {"reason": "Dit is reclame voor een adviesbureau."})
    assert response.status_code == 302
    assert response["Location"] == live_question.url
    report = QuestionReport.objects.get()
    assert report.reporter == reporter and report.handled_at is None
    [mail] = [mail for mail in mailoutbox if mail.to == [moderator.email]]
    assert "Vraag gemeld" in mail.subject and "reclame voor een adviesbureau" in mail.body


def test_an_empty_report_says_what_to_do(client, live_question):
    client.force_login(UserFactory())
    html = client.post(f"/vragen/{live_question.pk}/melden/", {"reason": " "}).content.decode()
    assert "Schrijf kort wat er mis is met deze vraag." in html
    assert "Fout:" in html
    assert not QuestionReport.objects.exists()


def test_a_member_has_one_open_report_per_question(client, live_question):
    client.force_login(UserFactory())
    url = f"/vragen/{live_question.pk}/melden/"
    client.post(url, {"reason": "Reclame."})
    html = client.post(url, {"reason": "Nog steeds reclame."}).content.decode()
    assert "Je hebt deze vraag al gemeld." in html
    assert QuestionReport.objects.count() == 1


def test_the_database_allows_one_open_report_per_member(live_question):
    reporter = UserFactory()
    QuestionReport.objects.create(question=live_question, reporter=reporter, reason="a")
    with pytest.raises(IntegrityError):
        QuestionReport.objects.create(question=live_question, reporter=reporter, reason="b")


def test_the_asker_cannot_report_their_own_question(live_question, asker):
    with pytest.raises(QuestionRefused):
        moderation.report_question(live_question, asker, "Foutje")


def test_a_held_question_cannot_be_reported(client, held_question):
    client.force_login(UserFactory())
    assert client.get(f"/vragen/{held_question.pk}/melden/").status_code == 404


def test_reported_tab_lists_the_reports_and_closing_keeps_the_question(
    moderator_client, live_question, deliver, mailoutbox
):
    reporter = UserFactory(first_name="Joost", last_name="Bakker")
    moderation.report_question(live_question, reporter, "Staat er twee keer.")
    assert "Vragen (1)" in moderator_client.get("/admin/").content.decode()
    html = moderator_client.get(QUEUE + "?toon=gemeld").content.decode()
    assert "Staat er twee keer." in html and "Joost Bakker" in html
    with deliver():
        moderator_client.post(
            f"{QUEUE}{live_question.pk}/besluit/", {"besluit": "melding-sluiten", "toon": "gemeld"}
        )
    live_question.refresh_from_db()
    assert live_question.live
    report = QuestionReport.objects.get()
    assert report.handled_at is not None and report.handled_by is not None
    assert (
        "Staat er twee keer." not in moderator_client.get(QUEUE + "?toon=gemeld").content.decode()
    )
    # Once handled, the member may report the question again.
    moderation.report_question(live_question, reporter, "Weer dubbel.")
    assert QuestionReport.objects.count() == 2


def test_taking_a_reported_question_offline(
    moderator_client, live_question, asker, deliver, mailoutbox
):
    moderation.report_question(live_question, UserFactory(), "Persoonsgegevens van een cliënt.")
    with deliver():
        moderator_client.post(
            f"{QUEUE}{live_question.pk}/besluit/",
            {"besluit": "afwijzen", "reden": "Bevat persoonsgegevens.", "toon": "gemeld"},
        )
    live_question.refresh_from_db()
    assert not live_question.live and live_question.status == QuestionPage.Status.REJECTED
    assert not QuestionReport.objects.filter(handled_at__isnull=True).exists()
    [mail] = [mail for mail in mailoutbox if mail.to == [asker.email]]
    assert "niet meer op Vakgenoten" in mail.subject
    assert "Bevat persoonsgegevens." in mail.body


def test_queue_costs_the_same_queries_for_more_questions(
    moderator_client, ask, theme, django_assert_max_num_queries
):
    def arrange(number, reports=1):
        ask(f"Vraag {number} over de wachtlijst", held=True, themes=[theme], user=UserFactory())
        live = ask(f"Gemelde vraag {number}", themes=[theme], user=UserFactory())
        for _ in range(reports):
            moderation.report_question(live, UserFactory(), "Dubbel.")
        rejected = ask(f"Afgewezen vraag {number}", held=True, user=UserFactory())
        moderation.reject(rejected, None, "Nee.")

    for number in range(2):
        arrange(number)
    counts = {}
    for tab in ("", "afgewezen", "gemeld"):
        with CaptureQueriesContext(connection) as small:
            moderator_client.get(QUEUE + (f"?toon={tab}" if tab else ""))
        counts[tab] = len(small)
    for number in range(2, 6):
        arrange(number, reports=2)
    expected = {"": "Vraag 5 over", "afgewezen": "Afgewezen vraag 5", "gemeld": "Gemelde vraag 5"}
    for tab, count in counts.items():
        with django_assert_max_num_queries(count):
            response = moderator_client.get(QUEUE + (f"?toon={tab}" if tab else ""))
        assert expected[tab] in response.content.decode()


def test_the_report_form_queue_tabs_and_dashboard_are_valid_html(
    client, ask, live_question, editor, blog_index, tmp_path
):
    """The W3C checker (as ``tests/accessibility``) on the pages this feature adds."""
    from tests.accessibility.test_html_validity import check_folder, readable

    ask("Vastgehouden vraag", held=True, user=UserFactory())
    moderation.report_question(live_question, UserFactory(), "Reclame <b>x</b>")
    client.force_login(UserFactory())
    report_url = f"/vragen/{live_question.pk}/melden/"
    (tmp_path / "melden.html").write_bytes(client.get(report_url).content)
    (tmp_path / "melden-fout.html").write_bytes(client.post(report_url, {"reason": ""}).content)
    client.force_login(editor)
    for name, url in [
        ("wachtend", QUEUE),
        ("gemeld", QUEUE + "?toon=gemeld"),
        ("afgewezen", QUEUE + "?toon=afgewezen"),
        ("artikel", f"{QUEUE}{live_question.pk}/artikel/"),
        ("dashboard", "/admin/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"{name}.html").write_bytes(response.content)
    errors = check_folder(tmp_path)
    assert not errors, readable(errors)


def test_a_members_reports_are_in_their_export_and_go_with_the_account(live_question):
    from members.privacy import export_personal_data

    reporter = UserFactory()
    moderation.report_question(live_question, reporter, "Dit is reclame.")
    [row] = export_personal_data(reporter)["vragen"]["gemelde_vragen"]
    assert row["vraag"] == live_question.title and row["wat_er_mis_is"] == "Dit is reclame."
    reporter.delete()
    assert not QuestionReport.objects.exists()


def test_a_held_question_keeps_its_themes_when_published(home_page):
    from questions import actions
    from tests.factories import EditorFactory, ThemeFactory, UserFactory
    from tests.factories.questions import QuestionIndexPageFactory

    QuestionIndexPageFactory(parent=home_page)
    theme = ThemeFactory()
    question = actions.ask_question(UserFactory(), "Wie helpt?", "Graag tips.", themes=[theme])
    assert not question.live
    actions.publish_question(question, EditorFactory())
    question.refresh_from_db()
    assert question.live and list(question.themes.all()) == [theme]
