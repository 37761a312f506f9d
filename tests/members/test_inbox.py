"""Notifications under "Meldingen": stored once, counted from the cache, read and listed."""

import json
from datetime import timedelta

import pytest

from django.core.cache import caches
from django.utils import timezone

from members import inbox
from members.models import MemberBlock, NetworkMembership, Notification
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def make(recipient, number, actor=None, kind=Notification.Kind.REPLY, **fields):
    return inbox.notify(
        recipient,
        kind,
        f"test-{recipient.pk}-{number}",
        actor=actor,
        subject=fields.pop("subject", f"Artikel {number}"),
        url=fields.pop("url", "/reacties/1/"),
        **fields,
    )


def test_notify_is_idempotent_on_its_key(member):
    actor = UserFactory()
    first = make(member, 1, actor=actor)
    again = make(member, 1, actor=actor, subject="Anders")
    assert first.pk == again.pk
    assert Notification.objects.count() == 1
    assert again.subject == "Artikel 1"


def test_no_notification_from_yourself_or_someone_you_blocked(member):
    assert make(member, 1, actor=member) is None
    blocked = UserFactory()
    MemberBlock.objects.create(blocker=member, blocked=blocked)
    assert make(member, 2, actor=blocked) is None
    assert make(member, 3, actor=UserFactory()) is not None
    assert Notification.objects.count() == 1


def test_unread_count_comes_from_the_cache_and_follows_changes(
    member, django_assert_num_queries, django_capture_on_commit_callbacks
):
    actor = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        make(member, 1, actor=actor)
        make(member, 2, actor=actor)
    assert inbox.unread_count(member) == 2
    with django_assert_num_queries(0):  # the test cache is in memory; production's is shared
        assert inbox.unread_count(member) == 2
    assert caches["default"].get(inbox.unread_key(member.pk)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        make(member, 3, actor=actor)
    assert inbox.unread_count(member) == 3
    first = Notification.objects.filter(recipient=member).order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        assert inbox.mark_read(member, [first.pk]) == 1
    assert inbox.unread_count(member) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert inbox.mark_read(member) == 2
    assert inbox.unread_count(member) == 0


def test_marking_read_touches_only_your_own(member):
    other = UserFactory()
    theirs = make(other, 1, actor=UserFactory())
    assert inbox.mark_read(member, [theirs.pk]) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_old_notifications_are_deleted_by_the_nightly_job(member, settings):
    old = make(member, 1, actor=UserFactory())
    recent = make(member, 2, actor=UserFactory())
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=91))
    assert "members.inbox.prune_notifications" in [
        path for _schedule, path in settings.SCHEDULED_JOBS.values()
    ]
    assert inbox.prune_notifications() == 1
    assert list(Notification.objects.all()) == [recent]


def test_the_list_needs_a_login(client):
    response = client.get("/meldingen/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_list_shows_your_own_newest_first_and_paginates(
    client, member, django_assert_max_num_queries
):
    actor = UserFactory(first_name="Joost", last_name="Bakker")
    for number in range(25):
        make(member, number, actor=actor)
    make(UserFactory(), 99, actor=actor, subject="Niet van jou")
    client.force_login(member)
    client.get("/meldingen/")  # warm the per-process caches (site, menus)
    with django_assert_max_num_queries(12):
        response = client.get("/meldingen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0")
        or "no-cache" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    assert "Joost Bakker antwoordde op je reactie bij ‘Artikel 24’" in html
    assert "Artikel 4’" not in html  # on page 2
    assert "Niet van jou" not in html
    assert "Je hebt 25 ongelezen meldingen." in html
    assert html.index("Artikel 24") < html.index("Artikel 23")
    with django_assert_max_num_queries(12):
        second = client.get("/meldingen/?page=2")
    assert "Artikel 4’" in second.content.decode()


def test_each_kind_is_worded(client, member):
    network = NetworkFactory(name="Netwerk Inkoop")
    actor = UserFactory(first_name="Joost", last_name="Bakker")
    make(member, 1, actor=actor, kind=Notification.Kind.MENTION, subject="Samen inkopen")
    make(
        member, 2, kind=Notification.Kind.NETWORK_DECISION, subject=network.name, detail="approved"
    )
    make(member, 3, kind=Notification.Kind.NETWORK_DECISION, subject="Netwerk X", detail="declined")
    make(member, 4, kind=Notification.Kind.SEAT, subject="Ledendag 2026")
    client.force_login(member)
    html = client.get("/meldingen/").content.decode()
    assert "Joost Bakker noemde je in een reactie bij ‘Samen inkopen’" in html
    assert "Je aanmelding bij Netwerk Inkoop is goedgekeurd" in html
    assert "Je aanmelding bij Netwerk X is niet goedgekeurd" in html
    assert "Er is een plaats vrijgekomen: je bent nu aangemeld voor Ledendag 2026" in html


def test_the_empty_list_says_so(client, member):
    client.force_login(member)
    html = client.get("/meldingen/").content.decode()
    assert "Je hebt nog geen meldingen." in html
    assert "Alles als gelezen markeren" not in html


def test_opening_a_notification_marks_it_read_and_goes_there(client, member):
    notification = make(member, 1, actor=UserFactory(), url="/reacties/7/")
    client.force_login(member)
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/reacties/7/"
    notification.refresh_from_db()
    assert notification.is_read


def test_opening_goes_nowhere_but_this_site(client, member):
    notification = make(member, 1, actor=UserFactory(), url="//evil.example/")
    client.force_login(member)
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response["Location"] == "/meldingen/"


def test_another_members_notification_cannot_be_opened(client, member):
    theirs = make(UserFactory(), 1, actor=UserFactory())
    client.force_login(member)
    assert client.get(f"/meldingen/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_is_a_post_without_javascript(client, member):
    for number in range(3):
        make(member, number, actor=UserFactory())
    client.force_login(member)
    assert client.get("/meldingen/gelezen/").status_code == 405
    response = client.post("/meldingen/gelezen/", follow=True)
    html = response.content.decode()
    assert "Al je meldingen zijn als gelezen gemarkeerd." in html
    assert "Je hebt geen ongelezen meldingen." in html
    assert Notification.objects.filter(read_at=None).count() == 0


def test_the_header_shows_the_unread_count_with_one_cache_read(
    client, member, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(member)
    client.get("/leden/")
    before = client.get("/leden/").content.decode()
    assert 'href="/meldingen/"' in before
    assert "ongelezen" not in before.split("</header>")[0]
    with django_capture_on_commit_callbacks(execute=True):  # the new ones drop the kept 0
        for number in range(3):
            make(member, number, actor=UserFactory())
    client.get("/leden/")  # counts once and keeps the number
    with django_assert_max_num_queries(13) as queries:
        html = client.get("/leden/").content.decode()
    assert not any("members_notification" in q["sql"] for q in queries.captured_queries)
    header = html.split("</header>")[0]
    assert "Meldingen, 3 ongelezen" in header
    assert '<span class="count-badge">3</span>' in header


def test_visitors_see_no_notification_link(client, home_page):
    html = client.get("/").content.decode()
    assert 'href="/meldingen/"' not in html


def test_network_decisions_notify_the_member(client, member):
    network = NetworkFactory(name="Netwerk Bedrijfsvoering Gemeenten", requires_approval=True)
    manager = UserFactory()
    NetworkMembership.objects.create(
        user=manager,
        network=network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    membership = NetworkMembership.objects.create(user=member, network=network)
    client.force_login(manager)
    client.post(f"/netwerken/{network.slug}/aanvragen/{membership.pk}/", {"decision": "decline"})
    second = NetworkMembership.objects.create(user=member, network=network)
    client.post(f"/netwerken/{network.slug}/aanvragen/{second.pk}/", {"decision": "approve"})
    details = list(
        Notification.objects.filter(recipient=member)
        .order_by("pk")
        .values_list("kind", "detail", "subject", "url", "actor")
    )
    assert details == [
        ("network_decision", "declined", network.name, network.get_absolute_url(), manager.pk),
        ("network_decision", "approved", network.name, network.get_absolute_url(), manager.pk),
    ]


def test_mention_search_needs_a_login(client):
    response = client.get("/leden/namen/?q=An")
    assert response.status_code == 403
    assert json.loads(response.content)["results"] == []


def test_mention_search_gives_names_and_profiles_only(client, django_assert_max_num_queries):
    member = UserFactory(first_name="Bram", last_name="Jansen")
    anouk = UserFactory(first_name="Anouk", last_name="de Vries", email="anouk@voorbeeld.example")
    UserFactory(first_name="Anouk", last_name="Verborgen", verified=False)
    for number in range(12):
        UserFactory(first_name="Annemiek", last_name=f"Lid{number:02d}")
    client.force_login(member)
    with django_assert_max_num_queries(4):
        response = client.get("/leden/namen/?q=Anouk")
    data = json.loads(response.content)
    assert data == {"results": [{"name": "Anouk de Vries", "url": f"/leden/{anouk.pk}/"}]}
    assert "@" not in response.content.decode()
    with django_assert_max_num_queries(4):
        many = json.loads(client.get("/leden/namen/?q=Ann").content)["results"]
    assert len(many) == 8
    assert json.loads(client.get("/leden/namen/?q=de v").content)["results"][0]["name"] == (
        "Anouk de Vries"
    )
    assert json.loads(client.get("/leden/namen/?q=A").content)["results"] == []


def test_mention_search_leaves_out_the_asker(client):
    asker = UserFactory(first_name="Anouk", last_name="de Vries")
    namesake = UserFactory(first_name="Anouk", last_name="de Vries")
    client.force_login(asker)
    results = json.loads(client.get("/leden/namen/?q=Anouk").content)["results"]
    assert results == [{"name": "Anouk de Vries", "url": f"/leden/{namesake.pk}/"}]


def test_mention_search_is_rate_limited(client, member, settings):
    settings.SITE_RATE_LIMITS = {**settings.SITE_RATE_LIMITS, "member_mentions": (2, 60)}
    client.force_login(member)
    assert client.get("/leden/namen/?q=An").status_code == 200
    assert client.get("/leden/namen/?q=Ano").status_code == 200
    response = client.get("/leden/namen/?q=Anou")
    assert response.status_code == 429
    assert "Probeer het zo weer" in json.loads(response.content)["error"]


def test_notifications_are_in_the_data_export(client, member):
    make(member, 1, actor=UserFactory(first_name="Joost", last_name="Bakker"), excerpt="Dank je")
    from members.privacy import export_personal_data

    data = export_personal_data(member)
    [entry] = data["meldingen-op-de-site"]
    assert entry["door"] == "Joost Bakker"
    assert entry["onderwerp"] == "Artikel 1"
    assert entry["fragment"] == "Dank je"
    assert entry["gelezen_op"] is None


class _RoundTrips:
    """The reads of one cache, as the server would see them: a ``get_many`` is one round
    trip, whatever the ``get`` calls it makes inside (Django's default ``get_many``)."""

    def __init__(self, cache, monkeypatch):
        self.trips, self.inside = [], False
        real_get, real_get_many = cache.get, cache.get_many

        def get(key, *args, **kwargs):
            if not self.inside:
                self.trips.append([key])
            return real_get(key, *args, **kwargs)

        def get_many(keys, *args, **kwargs):
            self.trips.append(list(keys))
            self.inside = True
            try:
                return real_get_many(keys, *args, **kwargs)
            finally:
                self.inside = False

        monkeypatch.setattr(cache, "get", get)
        monkeypatch.setattr(cache, "get_many", get_many)


def test_a_members_page_reads_the_count_with_their_own_parts(
    client, home_page, member, page_cache_on, monkeypatch
):
    page_cache_on.NOTIFICATION_CACHE_ALIAS = page_cache_on.PAGE_CACHE_ALIAS
    make(member, 1, actor=UserFactory())
    client.force_login(member)
    client.get("/")  # counted and kept; the parts this address asks for are noted
    reads = _RoundTrips(caches[page_cache_on.PAGE_CACHE_ALIAS], monkeypatch)
    html = client.get("/").content.decode()
    assert '<span class="count-badge">1</span>' in html
    key = inbox.unread_key(member.pk)
    with_count = [trip for trip in reads.trips if key in trip]
    assert len(with_count) == 1
    assert len(with_count[0]) > 1  # not a round trip of its own


def test_the_count_read_with_the_parts_is_gone_once_everything_is_read(
    client, home_page, member, page_cache_on, django_capture_on_commit_callbacks
):
    page_cache_on.NOTIFICATION_CACHE_ALIAS = page_cache_on.PAGE_CACHE_ALIAS
    make(member, 1, actor=UserFactory())
    client.force_login(member)
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/meldingen/gelezen/").status_code == 302
    assert "count-badge" not in client.get("/").content.decode()
