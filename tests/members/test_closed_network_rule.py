"""The one rule for closed networks' content (``members.visibility``) and the page serve hook.

Each place that lists content (search, feeds, the home page...) is swept in its own tests; here
the rule itself: who sees content of a closed network, on each kind of content, and what a page
of it answers to a visitor, a member of another network and a member of the network.
"""

import pytest

from django.core.exceptions import ValidationError

from blog.models import ArticlePage
from comments.models import Comment
from events.models import EventPage
from members.models import NetworkMembership
from members.visibility import can_see, hidden_by, visible, visible_q
from questions.models import QuestionPage
from tests.factories import (
    BlogPostPageFactory,
    CommentFactory,
    EventPageFactory,
    NetworkFactory,
    UserFactory,
)
from tests.factories.questions import QuestionPageFactory
from vakgenoten.colours import contrast_ratio, validate_accent_colour

pytestmark = pytest.mark.django_db


def _join(user, network, status=NetworkMembership.Status.APPROVED):
    NetworkMembership.objects.create(user=user, network=network, status=status)


@pytest.fixture
def closed(db):
    return NetworkFactory(name="Kring Inkopers", slug="kring-inkopers", is_closed=True)


@pytest.fixture
def other_closed(db):
    return NetworkFactory(name="Kring Juristen", slug="kring-juristen", is_closed=True)


@pytest.fixture
def open_network(db):
    return NetworkFactory(name="Open Overheid", slug="open-overheid")


@pytest.fixture
def people(closed, other_closed):
    insider, outsider, pending = UserFactory(), UserFactory(), UserFactory()
    _join(insider, closed)
    _join(outsider, other_closed)
    _join(pending, closed, status=NetworkMembership.Status.PENDING)
    return {"insider": insider, "outsider": outsider, "pending": pending}


def _visitor():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_each_kind_of_content_of_a_closed_network_is_for_its_members_only(
    blog_index, agenda, closed, open_network, people
):
    contents = {
        ArticlePage: (
            BlogPostPageFactory(title="Aanbesteden in de kring", networks=[closed]),
            BlogPostPageFactory(title="Aanbesteden voor iedereen", networks=[open_network]),
        ),
        EventPage: (
            EventPageFactory(title="Kringdag", networks=[closed]),
            EventPageFactory(title="Open dag"),
        ),
        QuestionPage: (
            QuestionPageFactory(title="Hoe toetsen jullie?", networks=[closed]),
            QuestionPageFactory(title="Wie kent een goede aanpak?"),
        ),
    }
    for model, (hidden, public) in contents.items():
        for viewer, sees_closed in [
            (_visitor(), False),
            (people["outsider"], False),
            (people["pending"], False),
            (people["insider"], True),
        ]:
            shown = set(visible(model.objects.all(), viewer).values_list("pk", flat=True))
            assert public.pk in shown, (model, viewer)
            assert (hidden.pk in shown) is sees_closed, (model, viewer)
            assert can_see(viewer, hidden) is sees_closed


def test_a_list_of_one_kind_asks_only_that_kinds_network_links(blog_index, closed):
    """An article is never an event: a list of articles gets one subquery, not three."""
    from wagtail.models import Page

    articles = str(visible(ArticlePage.objects.all(), _visitor()).query)
    assert "blog_articlepage_networks" in articles
    assert "events_eventpage_networks" not in articles
    assert "questions_questionpage_networks" not in articles
    pages = str(visible(Page.objects.all(), _visitor()).query)
    for table in ("blog_articlepage", "events_eventpage", "questions_questionpage"):
        assert f"{table}_networks" in pages


def test_content_of_two_closed_networks_is_for_the_members_of_either(
    blog_index, closed, other_closed, people
):
    shared = BlogPostPageFactory(networks=[closed, other_closed])
    for viewer in (people["insider"], people["outsider"]):
        assert visible(ArticlePage.objects.filter(pk=shared.pk), viewer).exists()
        assert hidden_by(viewer, shared) == []
    assert {network.name for network in hidden_by(_visitor(), shared)} == {
        "Kring Inkopers",
        "Kring Juristen",
    }


def test_the_rule_works_on_any_page_queryset_and_on_what_points_at_a_page(
    blog_index, closed, people
):
    from wagtail.models import Page

    hidden = BlogPostPageFactory(networks=[closed])
    public = BlogPostPageFactory()
    pages = set(Page.objects.filter(visible_q(_visitor())).values_list("pk", flat=True))
    assert public.pk in pages and hidden.pk not in pages

    on_hidden = CommentFactory(page=hidden)
    on_public = CommentFactory(page=public)
    for viewer, expected in [
        (people["outsider"], {on_public.pk}),
        (people["insider"], {on_public.pk, on_hidden.pk}),
    ]:
        comments = visible(Comment.objects.all(), viewer, outer="page_id")
        assert set(comments.values_list("pk", flat=True)) == expected


def test_a_page_of_a_closed_network_asks_a_visitor_to_sign_in_and_tells_others_whose_it_is(
    client, blog_index, closed, people
):
    page = BlogPostPageFactory(title="Alleen voor de kring", networks=[closed])

    response = client.get(page.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    client.force_login(people["outsider"])
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Kring Inkopers" in html and "Alleen voor de kring" not in html

    client.force_login(people["insider"])
    response = client.get(page.url)
    assert response.status_code == 200 and "Alleen voor de kring" in response.content.decode()


def test_a_closed_network_always_approves_who_joins(member_client, member, closed):
    member_client.post(f"/netwerken/{closed.slug}/aanmelden/")
    membership = NetworkMembership.objects.get(user=member, network=closed)
    assert membership.status == NetworkMembership.Status.PENDING


def test_an_accent_colour_must_carry_white_text():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    validate_accent_colour("#0f5465")
    for too_light in ("#f2c14e", "#4aa3b8"):
        with pytest.raises(ValidationError) as error:
            validate_accent_colour(too_light)
        assert "te licht" in str(error.value) and "4,5:1" in str(error.value)
    for malformed in ("0f5465", "#0f546", "petrol", ""):
        with pytest.raises(ValidationError):
            validate_accent_colour(malformed)
