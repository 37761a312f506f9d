"""The digest e-mail: what is new in what a member follows, daily, weekly or never, only when
there is something, once per period, at queries that do not grow with the members."""

from datetime import date, datetime, timedelta

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from home import digest
from home.digest import DAILY, WEEKLY, due_periods, period_for, send_digest, send_digests
from members.follows import Interests, follow
from members.models import NotificationPreferences
from members.notifications import unsubscribe_path, wants_notification
from tests.factories import (
    AuthorFactory,
    BestPracticePageFactory,
    BlogPostPageFactory,
    CommentFactory,
    EventPageFactory,
    NetworkFactory,
    OrganisationFactory,
    ThemeFactory,
    UserFactory,
)
from tests.questions.making import make_question, make_question_index
from vakgenoten import scheduler
from vakgenoten.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=6, minute=30):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def tomorrow_morning():
    """A run whose daily period is today (when the test's items were published)."""
    return timezone.localtime().replace(hour=6, minute=30) + timedelta(days=1)


def next_monday_morning():
    """A Monday run whose weekly period is the week of today."""
    today = timezone.localtime().replace(hour=6, minute=30)
    return today + timedelta(days=7 - today.weekday())


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run the digest and deliver what it queued (delivery waits for the commit)."""

    def run(frequency, run_at=None):
        run_at = run_at or (next_monday_morning() if frequency == WEEKLY else tomorrow_morning())
        with django_capture_on_commit_callbacks(execute=True):
            return send_digest(period_for(frequency, run_at), run_at)

    return run


def digests():
    return OutgoingEmail.objects.filter(key__startswith="digest:")


def choose(user, choice):
    preferences = NotificationPreferences.for_user(user)
    preferences.digest = choice != "never"
    if choice != "never":
        preferences.digest_frequency = choice
    preferences.save()


# --- Periods and scheduling ------------------------------------------------------------------


def test_daily_is_the_previous_calendar_day_in_amsterdam():
    # 00:30 in Amsterdam on 4 December is still 3 December in UTC: the day is Amsterdam's.
    period = period_for(DAILY, at(2026, 12, 4, 0, 30))
    assert (period.first_day, period.last_day) == (date(2026, 12, 3), date(2026, 12, 3))
    assert period.start == at(2026, 12, 3, 0, 0)
    assert period.end == at(2026, 12, 4, 0, 0)
    assert str(period.start.tzinfo) == "Europe/Amsterdam"


def test_weekly_is_the_previous_iso_week_and_is_due_on_mondays_only():
    monday = at(2026, 12, 7)
    period = period_for(WEEKLY, monday)
    assert (period.first_day, period.last_day) == (date(2026, 11, 30), date(2026, 12, 6))
    assert period.key(42) == "digest:weekly:2026-11-30:42"
    assert [p.frequency for p in due_periods(monday)] == [DAILY, WEEKLY]
    for day in range(8, 14):
        assert [p.frequency for p in due_periods(at(2026, 12, day))] == [DAILY]
    with pytest.raises(ValueError):
        period_for("monthly", monday)


def test_the_scheduler_runs_the_digest_every_morning_and_twice_does_it_once(
    blog_index, django_capture_on_commit_callbacks
):
    job = scheduler.get_job("digest")
    assert job.function is send_digests
    assert job.is_due(at(2026, 12, 8, 6, 30)) and not job.is_due(at(2026, 12, 8, 7, 30))

    theme = ThemeFactory()
    reader = UserFactory()
    choose(reader, DAILY)
    follow(reader, theme)
    BlogPostPageFactory(themes=[theme])
    run_at = tomorrow_morning()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_digests(run_at)
        second = send_digests(run_at)
    assert first["daily_queued"] == 1 and second["daily_queued"] == 0
    assert digests().count() == 1
    assert len(mail.outbox) == 1


# --- What a member gets ----------------------------------------------------------------------


@pytest.fixture
def scene(blog_index, agenda):
    """A reader who follows a theme, a colleague, a network and an organisation, and one new
    item of every kind for each; plus things they do not follow."""
    theme, other_theme = ThemeFactory(), ThemeFactory()
    network, organisation = NetworkFactory(), OrganisationFactory()
    colleague, stranger = UserFactory(first_name="Joost"), UserFactory()
    reader = UserFactory(first_name="Sanne")
    for target in (theme, colleague, network, organisation):
        follow(reader, target)
    items = {
        "theme_article": BlogPostPageFactory(title="Over het thema", themes=[theme]),
        "colleague_article": BlogPostPageFactory(
            title="Door de collega", authors=[AuthorFactory(user=colleague)]
        ),
        "organisation_author_article": BlogPostPageFactory(
            title="Door iemand van de organisatie",
            authors=[AuthorFactory(organisation=organisation)],
        ),
        "best_practice": BestPracticePageFactory(
            title="Praktijk van de organisatie", organisations=[organisation]
        ),
        "network_event": EventPageFactory(title="Netwerkdag", organiser_network=network),
        "organisation_event": EventPageFactory(
            title="Organisatiedag", organiser_network=None, organiser_organisation=organisation
        ),
        "theme_event": EventPageFactory(title="Themadag", themes=[theme]),
        "other_article": BlogPostPageFactory(title="Niet gevolgd", themes=[other_theme]),
        "other_event": EventPageFactory(title="Andere dag"),
    }
    page = items["theme_article"]
    CommentFactory(page=page, user=colleague, body="De collega zegt iets verstandigs.")
    CommentFactory(page=page, user=stranger, body="Een onbekende zegt iets.")
    questions = make_question_index(blog_index.get_parent())
    items["theme_question"] = make_question(
        questions, stranger, "Vraag over het thema", themes=[theme]
    )
    items["network_question"] = make_question(
        questions, stranger, "Vraag in het netwerk", networks=[network]
    )
    items["colleague_question"] = make_question(questions, colleague, "Vraag van de collega")
    items["held_question"] = make_question(
        questions, stranger, "Vastgehouden vraag", themes=[theme], publish=False
    )
    items["other_question"] = make_question(
        questions, stranger, "Vraag over iets anders", themes=[other_theme]
    )
    CommentFactory(
        page=items["theme_question"], user=colleague, body="Het antwoord van de collega."
    )
    return {"reader": reader, "colleague": colleague, "theme": theme, **items}


def the_digest_of(user):
    return digests().get(to=user.email)


def test_each_kind_matches_on_what_the_rule_says(scene, deliver):
    summary = deliver(WEEKLY)
    assert summary.queued >= 1
    message = the_digest_of(scene["reader"])
    for title in (
        "Over het thema",
        "Door de collega",
        "Door iemand van de organisatie",
        "Praktijk van de organisatie",
        "Netwerkdag",
        "Organisatiedag",
        "Themadag",
        "De collega zegt iets verstandigs.",
        "Vraag over het thema",
        "Vraag in het netwerk",
        "Vraag van de collega",
        "Het antwoord van de collega.",
    ):
        assert title in message.body and title in message.html_body, title
    for title in (
        "Niet gevolgd",
        "Andere dag",
        "Een onbekende zegt iets.",
        "Vastgehouden vraag",
        "Vraag over iets anders",
    ):
        assert title not in message.body and title not in message.html_body, title


def test_matching_functions_per_kind():
    item = digest.DigestItem(
        kind=digest.EVENT,
        pk=1,
        title="t",
        url="u",
        summary="",
        when=timezone.now(),
        network_ids=frozenset({5}),
        owner_ids=frozenset({9}),
    )
    assert digest.matches(item, Interests(network_ids=frozenset({5})))
    assert not digest.matches(item, Interests(theme_ids=frozenset({5})))
    assert digest.is_own(item, 9) and not digest.is_own(item, 8)
    assert digest.items_for(9, Interests(network_ids=frozenset({5})), [item]) == []
    assert digest.items_for(8, Interests(), [item]) == []


def test_the_e_mail_is_dutch_with_html_text_and_one_click_unsubscribe(scene, client, deliver):
    deliver(WEEKLY)
    sent = [m for m in mail.outbox if m.to == [scene["reader"].email]]
    assert len(sent) == 1
    message = sent[0]
    assert message.subject.startswith("Vakgenoten: je weekoverzicht, 12 nieuwe berichten")
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://testserver/")
    assert unsubscribe == "http://testserver" + unsubscribe_path(scene["reader"], "digest")
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    for part in (message.body, html):
        assert "Beste Sanne," in part
        assert "Nieuwe artikelen" in part and "Nieuwe bijeenkomsten" in part
        assert "Nieuwe reacties" in part and "Nieuwe vragen" in part
        assert "antwoordde op de vraag Vraag over het thema" in part
        assert "vraagt: Wij zoeken een gemeente" in part
        assert "http://testserver/mijn-account/meldingen/" in part
        assert unsubscribe in part
        assert "omdat je het aan hebt staan" in part
    assert '<html lang="nl">' in html
    assert f'href="{scene["theme_article"].full_url}"' in html or "http://testserver/" in html

    # The mail program's one-click POST switches the digest off: "never".
    response = client.post(
        unsubscribe.removeprefix("http://testserver"),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert not wants_notification(scene["reader"], "digest")
    mail.outbox.clear()
    OutgoingEmail.objects.all().delete()
    deliver(WEEKLY)
    assert not digests().filter(to=scene["reader"].email).exists()


def test_only_when_there_is_something_new(blog_index, deliver):
    reader = UserFactory()
    follow(reader, ThemeFactory())
    BlogPostPageFactory(themes=[ThemeFactory()])  # a theme the reader does not follow
    summary = deliver(WEEKLY)
    assert summary.members == 1 and summary.queued == 0
    assert not digests().exists()
    # And before the period: last week's article is not news in this week's digest.
    theme = ThemeFactory()
    follow(reader, theme)
    old = BlogPostPageFactory(themes=[theme])
    type(old).objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=8)
    )
    assert deliver(DAILY).queued == 0


def test_never_twice_for_one_period(scene, deliver):
    first = deliver(WEEKLY)
    second = deliver(WEEKLY)
    assert first.queued == digests().count() >= 1
    assert second.queued == 0
    assert digests().values("to").distinct().count() == digests().count()
    assert len(mail.outbox) == digests().count()


def test_daily_weekly_and_never(blog_index, deliver):
    theme = ThemeFactory()
    weekly, daily, never, default = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    choose(weekly, WEEKLY)
    choose(daily, DAILY)
    choose(never, "never")
    for user in (weekly, daily, never, default):
        follow(user, theme)
    BlogPostPageFactory(themes=[theme])

    deliver(DAILY)
    assert set(digests().values_list("to", flat=True)) == {daily.email}

    OutgoingEmail.objects.all().delete()
    deliver(WEEKLY)
    # Without a preferences row a member has the default: weekly.
    assert set(digests().values_list("to", flat=True)) == {weekly.email, default.email}
    assert set(digests().values_list("subject", flat=True)) == {
        "Vakgenoten: je weekoverzicht, 1 nieuw bericht voor jou"
    }


def test_own_content_is_never_news(blog_index, deliver):
    theme = ThemeFactory()
    writer, reader = UserFactory(), UserFactory()
    follow(writer, theme)
    follow(reader, theme)
    article = BlogPostPageFactory(themes=[theme], authors=[AuthorFactory(user=writer)])
    CommentFactory(page=article, user=writer)
    make_question(make_question_index(blog_index.get_parent()), writer, themes=[theme])
    follow(reader, writer)
    deliver(WEEKLY)
    assert set(digests().values_list("to", flat=True)) == {reader.email}
    assert "Nieuwe reacties" in the_digest_of(reader).body
    assert "Nieuwe vragen" in the_digest_of(reader).body


def test_unverified_inactive_and_nameless_members_get_nothing(blog_index, deliver):
    theme = ThemeFactory()
    unverified = UserFactory(verified=False)
    inactive = UserFactory(is_active=False)
    nameless = UserFactory(first_name="")
    for user in (unverified, inactive, nameless):
        follow(user, theme)
    BlogPostPageFactory(themes=[theme])
    summary = deliver(WEEKLY)
    assert summary.members == 0 and not digests().exists()


def test_newcomers_get_what_fits_their_profile(blog_index, deliver):
    organisation = OrganisationFactory()
    newcomer = UserFactory(profile__organisation=organisation)
    BlogPostPageFactory(
        title="Uit de eigen gemeente", authors=[AuthorFactory(organisation=organisation)]
    )
    deliver(WEEKLY)
    body = the_digest_of(newcomer).body
    assert "Uit de eigen gemeente" in body
    assert "Je volgt nog niets" in body


def test_pages_not_every_member_may_read_stay_out(blog_index, deliver):
    theme = ThemeFactory()
    reader = UserFactory()
    follow(reader, theme)
    closed = BlogPostPageFactory(title="Alleen voor de redactie", themes=[theme])
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    assert restriction.pk
    members_only = BlogPostPageFactory(title="Voor ingelogde leden", themes=[theme])
    PageViewRestriction.objects.create(
        page=members_only, restriction_type=PageViewRestriction.LOGIN
    )
    deliver(WEEKLY)
    body = the_digest_of(reader).body
    assert "Voor ingelogde leden" in body
    assert "Alleen voor de redactie" not in body


def test_queries_do_not_grow_with_the_members(blog_index, agenda):
    theme, network = ThemeFactory(), NetworkFactory()
    colleague = UserFactory()
    article = BlogPostPageFactory(themes=[theme], authors=[AuthorFactory(user=colleague)])
    EventPageFactory(themes=[theme], organiser_network=network)
    CommentFactory(page=article, user=colleague)
    question = make_question(
        make_question_index(blog_index.get_parent()), colleague, themes=[theme], networks=[network]
    )
    CommentFactory(page=question, user=UserFactory())
    newcomer_org = OrganisationFactory()

    def add_members(count):
        for number in range(count):
            user = UserFactory()
            if number % 3 == 0:  # a newcomer: interests from the profile
                user.profile.organisation = newcomer_org
                user.profile.save()
                user.profile.themes.add(theme)
            else:
                follow(user, theme)
                follow(user, colleague)

    def run():
        # Delivery waits for the commit, which never comes in this test: only the run counts.
        run_at = next_monday_morning()
        OutgoingEmail.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            summary = send_digest(period_for(WEEKLY, run_at), run_at)
        return summary, [q["sql"][:150] for q in queries.captured_queries]

    run()  # the first run fills the cache of Wagtail's site root paths
    add_members(3)
    small, small_queries = run()
    add_members(12)
    large, large_queries = run()
    assert small.queued == 3 and large.queued == 15
    assert len(large_queries) == len(small_queries), "\n".join(large_queries)
    assert len(small_queries) <= 25


def test_the_preferences_page_offers_weekly_daily_never(member_client, member):
    page = member_client.get("/mijn-account/meldingen/").content.decode()
    assert "Een overzicht van het nieuws over wat ik volg" in page
    for label in ("Wekelijks", "Dagelijks", "Nooit"):
        assert f"{label}</label>" in page or label in page
    assert 'value="weekly" checked' in page or 'value="weekly"\n' in page or "checked" in page
    member_client.post("/mijn-account/meldingen/", {"digest_choice": "daily"})
    preferences = NotificationPreferences.for_user(member)
    assert preferences.digest and preferences.digest_frequency == DAILY
    member_client.post("/mijn-account/meldingen/", {"digest_choice": "never"})
    assert not NotificationPreferences.for_user(member).digest
    member_client.post("/mijn-account/meldingen/", {"digest_choice": "weekly"})
    preferences = NotificationPreferences.for_user(member)
    assert preferences.digest and preferences.digest_frequency == WEEKLY
    response = member_client.post("/mijn-account/meldingen/", {"digest_choice": "maandelijks"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert NotificationPreferences.for_user(member).digest_frequency == WEEKLY


def test_the_index_gives_what_the_plain_rule_gives():
    def item(pk, **ids):
        fields = {name: frozenset(value) for name, value in ids.items()}
        return digest.DigestItem(
            kind=digest.ARTICLE, pk=pk, title="t", url="u", summary="", when=None, **fields
        )

    items = [
        item(1, theme_ids={1}, owner_ids={7}),
        item(2, member_ids={7}, owner_ids={7}),
        item(3, organisation_ids={4}),
        item(4, network_ids={5}, theme_ids={2}),
        item(5, theme_ids={9}),
    ]
    index = digest.ItemIndex(items)
    for user_id, interests in [
        (7, Interests(theme_ids=frozenset({1, 2}), member_ids=frozenset({7}))),
        (8, Interests(theme_ids=frozenset({1}), organisation_ids=frozenset({4}))),
        (8, Interests(network_ids=frozenset({5}), member_ids=frozenset({7}))),
        (8, Interests()),
    ]:
        assert index.items_for(user_id, interests) == digest.items_for(user_id, interests, items)


def test_the_digest_lists_what_voor_jou_shows_for_the_period(scene):
    """One rule, two readings: the SQL of "Voor jou" (home.feed) and the in-memory matching of
    the digest give the same items for the same member and period."""
    from home.feed import feed_rows

    run_at = next_monday_morning()
    period = period_for(WEEKLY, run_at)
    reader = scene["reader"]
    interests = Interests.for_user(reader)
    in_digest = {
        (item.kind, item.pk)
        for item in digest.ItemIndex(digest.load_items(period, run_at)).items_for(
            reader.pk, interests
        )
    }
    on_page = {
        (kind, pk)
        for kind, pk, moment in feed_rows(reader, interests, since=period.start)
        if moment < period.end
    }
    assert len(in_digest) == 12
    assert {kind for kind, _pk in in_digest} == {"article", "event", "question", "comment"}
    assert in_digest == on_page
