"""Images reach the browser as AVIF and WebP renditions with their size reserved.

Every ``<img>`` a page shows from the image library stands in a ``<picture>`` with an AVIF and
a WebP ``srcset``, has ``width`` and ``height`` (no layout shift when it arrives), and loads
lazily unless it is the page's main image, which is fetched at once with high priority.
"""

import re

import pytest

from django.template.loader import render_to_string

from blog.models import BlogPostPage, InterviewPage
from events.listing import events_with_counts
from events.models import EventPage
from tests.blog.factories import make_article, make_author, make_image
from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_event(agenda):
    def make(**fields):
        fields.setdefault("image_alt", "Een zaal")
        return EventPageFactory(parent=agenda, **fields)

    return make


PICTURE = re.compile(r"<picture>.*?</picture>", re.DOTALL)


def pictures(html):
    return PICTURE.findall(html)


def img_attrs(picture):
    tag = re.search(r"<img\b[^>]*>", picture).group()
    return dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))


def assert_responsive(picture):
    """AVIF first, then WebP; every candidate a rendition with its width; size reserved."""
    sources = re.findall(r'<source sizes="[^"]*" srcset="([^"]+)" type="([^"]+)">', picture)
    assert [kind for _srcset, kind in sources] == ["image/avif"], picture
    assert all(url.endswith(".avif") for url in re.findall(r"(\S+) \d+w", sources[0][0]))
    attrs = img_attrs(picture)
    assert attrs["src"].endswith(".webp")
    assert re.fullmatch(r"(\S+\.webp \d+w, )+\S+\.webp \d+w", attrs["srcset"]), attrs["srcset"]
    assert int(attrs["width"]) > 0 and int(attrs["height"]) > 0
    return attrs


def test_article_hero_is_the_eager_high_priority_image_and_cards_load_lazily(client, blog_index):
    hero = make_image(size=(1600, 900))
    article = make_article(
        blog_index, BlogPostPage, title="Met beeld", hero_image=hero, hero_image_alt="Een vlak"
    )
    make_article(
        blog_index, BlogPostPage, title="Ander artikel", hero_image=make_image(), hero_image_alt="B"
    )

    html = client.get(article.url).content.decode()
    hero_picture = next(p for p in pictures(html) if "article-hero__image" in p)
    attrs = assert_responsive(hero_picture)
    assert attrs["alt"] == "Een vlak"
    assert attrs["fetchpriority"] == "high"
    assert "loading" not in attrs
    assert (attrs["width"], attrs["height"]) == ("800", "450")

    listing = client.get(blog_index.url).content.decode()
    cards = pictures(listing)
    assert len(cards) == 2
    for card in cards:
        attrs = assert_responsive(card)
        assert (attrs["loading"], attrs["decoding"]) == ("lazy", "async")
        assert "fetchpriority" not in attrs


def test_author_and_interviewee_photos_are_responsive(client, blog_index):
    author = make_author("Marieke van Dijk", photo=make_image(size=(400, 400)))
    article = make_article(blog_index, InterviewPage, authors=[author])
    person = article.interviewees.first()
    person.photo = make_image(size=(400, 400))
    person.save()

    html = client.get(article.url).content.decode()
    interviewee = next(p for p in pictures(html) if "interviewee__photo" in p)
    assert "loading" not in assert_responsive(interviewee)  # in the first screen
    bio = next(p for p in pictures(html) if "author-bio__photo" in p)
    assert assert_responsive(bio)["loading"] == "lazy"


def test_event_image_on_its_page_is_eager_and_lazy_in_the_agenda(client, agenda, make_event):
    event = make_event(image=make_image(size=(1200, 800)), image_alt="Een zaal")

    html = client.get(event.url).content.decode()
    main = pictures(html)
    assert len(main) == 1
    attrs = assert_responsive(main[0])
    assert (attrs["alt"], attrs["fetchpriority"]) == ("Een zaal", "high")

    listing = client.get(agenda.url).content.decode()
    (card,) = pictures(listing)
    attrs = assert_responsive(card)
    assert (attrs["loading"], attrs["width"], attrs["height"]) == ("lazy", "240", "160")


def test_agenda_renders_card_images_from_prefetched_renditions(
    client, agenda, make_event, django_assert_num_queries
):
    for number in range(3):
        make_event(title=f"Bijeenkomst {number}", image=make_image())
    client.get(agenda.url)  # the renditions are made on the first visit
    events = list(events_with_counts(EventPage.objects.live()))
    with django_assert_num_queries(0):
        html = "".join(
            render_to_string("events/includes/event_card.html", {"event": event})
            for event in events
        )
    assert len(pictures(html)) == 3
