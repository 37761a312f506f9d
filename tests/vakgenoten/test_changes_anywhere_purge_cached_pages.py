"""A name changed anywhere shows on cached pages at the next visit, with nothing purged by hand.

Themes, authors, organisations, networks and members show on many cached pages. Their purges
are model signals (``taxonomy.signals``, ``blog.signals``, ``members.signals``; see
``docs/caching.md``), so each change here goes once through the model's own ``save`` (as the
shell or a command would) and once through the Wagtail admin as an editor, and an anonymous
visitor, whose previous visit left the page in the cache, sees the new name on the next request.
The purge waits for the commit: ``django_capture_on_commit_callbacks`` stands for the end of the
request's transaction.
"""

from html import unescape

import pytest

from blog.models import BestPracticePage, BlogIndexPage, BlogPostPage
from events.models import EventIndexPage
from members.models import Profile
from tests.blog.factories import make_article, make_author, make_theme, with_second_factor
from tests.comments.factories import make_comment
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from vakgenoten.cache import GLOBAL_GENERATION, member_generation_key, page_cache

pytestmark = pytest.mark.django_db

HOW = ["model", "admin"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def index(home_page):
    page = home_page.add_child(instance=BlogIndexPage(title="Kennisbank", slug="kennisbank"))
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(client):
    """A signed-in editor in a client of their own (the visitor keeps ``client``)."""
    editor_client = type(client)()
    editor_client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    return editor_client


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """The end of the transaction: run what waits for the commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached_html(client, url):
    """What an anonymous visitor gets; the second visit must come from the cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return unescape(response.content.decode())


def visitor_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def form_data(form, **changes):
    """What the browser sends back for an admin form as it was shown, with ``changes``."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is not None and not hasattr(value, "url"):
            data[name] = str(value)
    data.update(changes)
    return data


def edit_in_admin(editor, url, **changes):
    """Open an admin edit view, change fields and save, as an editor does."""
    shown = editor.get(url)
    assert shown.status_code == 200
    response = editor.post(url, form_data(shown.context["form"], **changes))
    assert response.status_code == 302, response.context["form"].errors
    return response


def rename(how, instance, admin_url, editor, commit, **changes):
    with commit():
        if how == "model":
            for name, value in changes.items():
                setattr(instance, name, value)
            instance.save()
        else:
            edit_in_admin(editor, admin_url, **changes)


@pytest.mark.parametrize("how", HOW)
def test_a_renamed_theme_shows_on_the_cached_article(client, index, editor, commit, how):
    theme = make_theme("Afvalinzameling")
    article = make_article(index, model=BlogPostPage, themes=[theme])
    assert "Afvalinzameling" in cached_html(client, article.url)

    url = f"/admin/snippets/taxonomy/theme/edit/{theme.pk}/"
    rename(how, theme, url, editor, commit, name="Circulaire economie")
    html = visitor_html(client, article.url)
    assert "Circulaire economie" in html
    assert "Afvalinzameling" not in html


@pytest.mark.parametrize("how", HOW)
def test_a_renamed_author_shows_on_the_cached_article(client, index, editor, commit, how):
    author = make_author("Henk Verbeek")
    article = make_article(index, model=BlogPostPage, authors=[author])
    assert "Henk Verbeek" in cached_html(client, article.url)

    url = f"/admin/snippets/blog/author/edit/{author.pk}/"
    rename(how, author, url, editor, commit, name="Henk van Verbeek-Smit")
    assert "Henk van Verbeek-Smit" in visitor_html(client, article.url)


@pytest.mark.parametrize("how", HOW)
def test_a_renamed_organisation_shows_on_the_cached_best_practice(
    client, index, editor, commit, how
):
    organisation = OrganisationFactory(name="Gemeente Lindenholt")
    article = make_article(index, model=BestPracticePage, publish=False)
    article.organisations = [organisation]
    article.save_revision().publish()
    assert "Gemeente Lindenholt" in cached_html(client, article.url)

    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    rename(how, organisation, url, editor, commit, name="Gemeente Lindenholt-Oost")
    assert "Gemeente Lindenholt-Oost" in visitor_html(client, article.url)


@pytest.mark.parametrize("how", HOW)
def test_a_renamed_network_shows_on_the_cached_agenda(client, home_page, editor, commit, how):
    agenda = home_page.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
    agenda.save_revision().publish()
    network = NetworkFactory(name="Netwerk Inkoop")
    assert "Netwerk Inkoop" in cached_html(client, agenda.url)

    url = f"/admin/snippets/members/network/edit/{network.pk}/"
    rename(how, network, url, editor, commit, name="Netwerk Inkoop en Aanbesteden")
    assert "Netwerk Inkoop en Aanbesteden" in visitor_html(client, agenda.url)


@pytest.fixture
def public_writer(db):
    writer = UserFactory(first_name="Wim", last_name="Hendriks")
    writer.profile.visibility = Profile.Visibility.PUBLIC
    writer.profile.save()
    return writer


@pytest.fixture
def commented_article(index, public_writer):
    article = make_article(index, model=BlogPostPage)
    make_comment(article, public_writer, "Wij kopen samen in met de buren.")
    return article


@pytest.mark.parametrize("how", HOW)
def test_a_renamed_member_shows_under_their_comment_at_once(
    client, commented_article, public_writer, editor, commit, how
):
    assert "Wim Hendriks" in cached_html(client, commented_article.url)

    url = f"/admin/users/edit/{public_writer.pk}/"
    rename(how, public_writer, url, editor, commit, first_name="Willemijn")
    html = visitor_html(client, commented_article.url)
    assert "Willemijn Hendriks" in html
    assert "Wim Hendriks" not in html


def test_a_member_renaming_themselves_shows_under_their_comment_at_once(
    client, commented_article, public_writer, commit
):
    assert "Wim Hendriks" in cached_html(client, commented_article.url)
    own_client = type(client)()
    own_client.force_login(public_writer)
    form = {"first_name": "Willem", "last_name": "Hendriks", "visibility": "public"}
    with commit():
        assert own_client.post("/mijn-account/profiel/", form).status_code == 302
    assert "Willem Hendriks" in visitor_html(client, commented_article.url)


@pytest.mark.parametrize("how", HOW)
def test_a_deactivated_member_is_a_removed_participant_at_once(
    client, commented_article, public_writer, editor, commit, how
):
    assert "Wim Hendriks" in cached_html(client, commented_article.url)

    with commit():
        if how == "model":
            public_writer.is_active = False
            public_writer.save()
        else:
            url = f"/admin/users/edit/{public_writer.pk}/"
            shown = editor.get(url)
            data = form_data(shown.context["form"])
            data.pop("is_active")
            assert editor.post(url, data).status_code == 302
    html = visitor_html(client, commented_article.url)
    assert "Wim Hendriks" not in html
    assert "verwijderde deelnemer" in html


def test_a_profile_made_members_only_hides_the_name_from_visitors_at_once(
    client, commented_article, public_writer, commit
):
    assert "Wim Hendriks" in cached_html(client, commented_article.url)
    profile = Profile.objects.get(user=public_writer)
    with commit():
        profile.visibility = Profile.Visibility.MEMBERS
        profile.save()
    html = visitor_html(client, commented_article.url)
    assert "Wim Hendriks" not in html
    assert "Lid van Vakgenoten" in html


def test_a_deleted_member_leaves_the_cached_article_at_once(
    client, commented_article, public_writer, commit
):
    assert "Wim Hendriks" in cached_html(client, commented_article.url)
    with commit():
        public_writer.delete()
    assert "Wim Hendriks" not in visitor_html(client, commented_article.url)


def generation():
    return page_cache().get(GLOBAL_GENERATION, 0)


def test_the_purge_waits_for_the_commit(db, commit):
    """Before the commit a reader in another process still reads the old row: purging then
    would let them keep the old page under the new generation."""
    theme = make_theme("Wonen")
    before = generation()
    with commit():
        theme.name = "Wonen en zorg"
        theme.save()
        assert generation() == before
    assert generation() > before


def test_a_sign_in_keeps_the_members_own_parts(db, public_writer, commit):
    """Every sign-in saves ``last_login``: it leaves the member's own parts (their admin
    answer) kept, and needs no Redis; a change to who may open the admin purges them."""
    key = member_generation_key(public_writer.pk)
    before = page_cache().get(key, 0)
    with commit():
        public_writer.save(update_fields=["last_login"])
    assert page_cache().get(key, 0) == before
    with commit():
        public_writer.is_staff = True
        public_writer.save(update_fields=["is_staff"])
    assert page_cache().get(key, 0) > before


def test_what_no_page_shows_purges_nothing(db, public_writer, commit):
    """A login, a new role or bio: nothing a cached page shows, so every page stays."""
    before = generation()
    with commit():
        public_writer.save(update_fields=["last_login"])
        public_writer.save()  # unchanged
        profile = Profile.objects.get(user=public_writer)
        profile.role = "Inkoopadviseur"
        profile.bio = "Ik werk aan samen inkopen."
        profile.save()
    assert generation() == before
