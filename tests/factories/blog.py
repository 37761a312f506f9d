"""Publishing: the knowledge base, every article type, themes, authors and images."""

import io

import factory
import wagtail_factories
from PIL import Image

from django.core.files.images import ImageFile

from wagtail.models import Collection

from blog.models import (
    ArticleAuthor,
    Author,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    Interviewee,
    InterviewPage,
    NewsPage,
)
from taxonomy.models import Theme
from tests.factories.pages import PublishedPageFactory
from vakgenoten.models import HomePage


def _png(size, colour):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(wagtail_factories.ImageFactory):
    """A real PNG in the root collection (wagtail-factories would add a second root).

    ``ImageFactory(size=(1600, 900), colour="#0f5465")``
    """

    class Params:
        size = (320, 180)
        colour = "#0f5465"

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Testbeeld {n}")
    file = factory.LazyAttributeSequence(
        lambda image, n: ImageFile(io.BytesIO(_png(image.size, image.colour)), name=f"test-{n}.png")
    )


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Auteur {n}")
    slug = factory.Sequence(lambda n: f"auteur-{n}")


def _home_page():
    from tests.factories.pages import HomePageFactory

    return HomePage.objects.first() or HomePageFactory()


class BlogIndexPageFactory(PublishedPageFactory):
    """The knowledge base, under the home page (a bare one is made when there is none)."""

    class Meta:
        model = BlogIndexPage

    parent = factory.LazyFunction(_home_page)
    title = "Kennisbank"
    slug = "kennisbank"
    show_in_menus = True


def _blog_index():
    return BlogIndexPage.objects.first() or BlogIndexPageFactory()


class ArticlePageFactory(PublishedPageFactory):
    """An article under the knowledge base, published unless ``draft=True``.

    ``authors=[author]`` becomes the ordered author lines, ``themes=[theme]`` and
    ``tags=["afval"]`` are set before the first save, as the editor's form would.
    """

    class Meta:
        abstract = True

    class Params:
        authors = ()

    parent = factory.LazyFunction(_blog_index)
    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    intro = factory.Sequence(lambda number: f"Een korte introductie van artikel {number}.")
    body = "[]"
    article_authors = factory.LazyAttribute(
        lambda page: [
            ArticleAuthor(author=author, sort_order=order)
            for order, author in enumerate(page.authors)
        ]
    )

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", ())
        page = model_class(**kwargs)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        return page


class NewsPageFactory(ArticlePageFactory):
    class Meta:
        model = NewsPage


class BlogPostPageFactory(ArticlePageFactory):
    class Meta:
        model = BlogPostPage


class InterviewPageFactory(ArticlePageFactory):
    """An interview needs at least one interviewee (the editor's form asks for one)."""

    class Meta:
        model = InterviewPage

    interviewees = factory.LazyFunction(
        lambda: [Interviewee(name="Geïnterviewde", role="adviseur", sort_order=0)]
    )


class BestPracticePageFactory(ArticlePageFactory):
    class Meta:
        model = BestPracticePage

    problem = "<p>Het probleem.</p>"
    approach = "<p>De aanpak.</p>"


ARTICLE_FACTORIES = {
    NewsPage: NewsPageFactory,
    BlogPostPage: BlogPostPageFactory,
    InterviewPage: InterviewPageFactory,
    BestPracticePage: BestPracticePageFactory,
}
