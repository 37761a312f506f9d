"""The page tree: Wagtail's root, the home page, and publishing any page under its parent.

Most tests want the site layer as the demo builds it (home page, fixed pages, site settings):
that is the ``home_page`` fixture in tests/conftest.py. ``HomePageFactory`` is for a bare one.
"""

import factory
import wagtail_factories

from wagtail.models import Page

from vakgenoten.models import HomePage


def root_page():
    """Wagtail's invisible root (depth 1), created by its migrations."""
    return Page.get_first_root_node()


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published through a revision, as an editor would.

    ``draft=True`` leaves it unpublished with a draft revision. Child objects and parental
    many-to-many fields (``themes=[...]``, ``speakers=[...]``) go in as keyword arguments.
    """

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = False

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    live = factory.LazyAttribute(lambda page: not page.draft)

    @factory.post_generation
    def revision(page, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        revision = page.save_revision()
        if page.live:
            revision.publish()
            page.refresh_from_db()


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    parent = factory.LazyFunction(root_page)
    title = "Vakgenoten"
    slug = factory.Sequence(lambda n: f"home-{n}")
