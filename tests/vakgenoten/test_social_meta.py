"""Every public page type has one canonical link and the Open Graph and Twitter-card tags, with
every address on the public address (SITE_URL), whatever host the request came in on."""

import re
from html.parser import HTMLParser
from unittest.mock import patch

import pytest

from django.test import override_settings

from tests.accessibility.pages import build_demo_site
from tests.module_data import kept_for_the_module

pytestmark = pytest.mark.django_db

PUBLIC = "https://vakgenoten.example"
REQUIRED = {
    "og:site_name",
    "og:locale",
    "og:type",
    "og:title",
    "og:url",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "twitter:card",
    "twitter:title",
    "twitter:image",
}
URL_TAGS = ("og:url", "og:image", "twitter:image")


class HeadTags(HTMLParser):
    """Collects the canonical links and the <meta property|name> tags of a page."""

    def __init__(self):
        super().__init__()
        self.canonical = []
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content", ""))


def head_tags(client, path):
    response = client.get(path, HTTP_HOST="alias.example")
    assert response.status_code == 200, path
    parser = HeadTags()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The demo site, built once for the module: the tests here only read it."""
    with (
        override_settings(SITE_URL=PUBLIC, ALLOWED_HOSTS=["*"]),
        kept_for_the_module(django_db_blocker),
    ):
        yield build_demo_site()


def public_pages(site):
    from members.models import Network, Organisation

    organisation = Organisation.objects.filter(profiles__isnull=False).first()
    return {
        # path: (og:type, canonical path)
        "/": ("website", "/"),
        "/over-vakgenoten/": ("website", "/over-vakgenoten/"),
        "/kennisbank/": ("website", "/kennisbank/"),
        "/kennisbank/?page=2": ("website", "/kennisbank/?page=2"),
        site.article.url: ("article", site.article.url),
        "/kennisbank/het-wmo-loket-is-geen-loket-meer/": (
            "article",
            "/kennisbank/het-wmo-loket-is-geen-loket-meer/",
        ),
        "/kennisbank/een-omgevingsloket-voor-drie-gemeenten/": (
            "article",
            "/kennisbank/een-omgevingsloket-voor-drie-gemeenten/",
        ),
        "/kennisbank/kennisbank-met-praktijkvoorbeelden-online/": (
            "article",
            "/kennisbank/kennisbank-met-praktijkvoorbeelden-online/",
        ),
        f"/kennisbank/auteur/{site.author_slug}/": (
            "profile",
            f"/kennisbank/auteur/{site.author_slug}/",
        ),
        "/agenda/": ("website", "/agenda/"),
        site.event.url: ("website", site.event.url),
        "/zoeken/?q=keukentafel": ("website", "/zoeken/"),
        site.public_profile.get_absolute_url(): (
            "profile",
            site.public_profile.get_absolute_url(),
        ),
        "/organisaties/": ("website", "/organisaties/"),
        organisation.get_absolute_url(): ("website", organisation.get_absolute_url()),
        "/netwerken/": ("website", "/netwerken/"),
        Network.objects.first().get_absolute_url(): (
            "website",
            Network.objects.first().get_absolute_url(),
        ),
    }


def test_every_public_page_type_has_one_canonical_and_the_sharing_tags(client, site):
    problems = {}
    for path, (kind, canonical_path) in public_pages(site).items():
        tags = head_tags(client, path)
        wrong = []
        if tags.canonical != [PUBLIC + canonical_path]:
            wrong.append(f"canonical {tags.canonical}")
        missing = REQUIRED - tags.meta.keys()
        if missing:
            wrong.append(f"missing {sorted(missing)}")
        duplicated = [key for key in REQUIRED & tags.meta.keys() if len(tags.meta[key]) > 1]
        if duplicated:
            wrong.append(f"twice {duplicated}")
        if tags.meta.get("og:type") != [kind]:
            wrong.append(f"og:type {tags.meta.get('og:type')}")
        if tags.meta.get("og:url") != [PUBLIC + canonical_path]:
            wrong.append(f"og:url {tags.meta.get('og:url')}")
        if tags.meta.get("og:locale") != ["nl_NL"]:
            wrong.append("og:locale")
        for key in URL_TAGS:
            if not all(url.startswith(PUBLIC + "/") for url in tags.meta.get(key, [])):
                wrong.append(f"{key} not on SITE_URL: {tags.meta.get(key)}")
        if wrong:
            problems[path] = wrong
    assert problems == {}


def test_page_with_an_image_gets_a_large_card_and_others_the_default_card(client, site):
    event = head_tags(client, site.event.url)
    assert event.meta["twitter:card"] == ["summary_large_image"]
    # A 1200 x 630 crop of the event's image (Wagtail may round the height by a pixel).
    assert event.meta["og:image:width"] == ["1200"]
    assert abs(int(event.meta["og:image:height"][0]) - 630) <= 1
    assert event.meta["og:image:alt"] == [site.event.image_alt]

    organisations = head_tags(client, "/organisaties/")
    assert organisations.meta["twitter:card"] == ["summary"]
    assert re.fullmatch(
        rf"{PUBLIC}/static/img/social-card(\.\w+)?\.png", organisations.meta["og:image"][0]
    )
    assert organisations.meta["og:image:width"] == ["1200"]


def test_pages_for_members_only_have_no_sharing_tags(client, site):
    from members.models import Profile, User

    hidden = User.objects.filter(profile__visibility=Profile.Visibility.MEMBERS).listed().first()
    client.force_login(site.member)
    tags = head_tags(client, hidden.get_absolute_url())
    assert tags.canonical == [] and "og:title" not in tags.meta
    assert tags.meta["robots"] == ["noindex"]
    assert head_tags(client, "/leden/").canonical == []


def test_an_article_looks_its_sharing_image_up_once(client, site):
    """The Open Graph tags and the structured data share one lookup of the rendition (each
    of Wagtail's lookups is a cache read and write)."""
    from wagtail.images.models import Image

    from vakgenoten.images import SOCIAL_IMAGE_FILTER

    asked = []
    get_rendition = Image.get_rendition

    def counted(image, spec):
        asked.append(spec)
        return get_rendition(image, spec)

    with patch.object(Image, "get_rendition", counted):
        tags = head_tags(client, "/kennisbank/het-wmo-loket-is-geen-loket-meer/")
    assert asked.count(SOCIAL_IMAGE_FILTER) == 1
    assert tags.meta["twitter:card"] == ["summary_large_image"]
    assert tags.meta["og:image:width"] == ["1200"]
