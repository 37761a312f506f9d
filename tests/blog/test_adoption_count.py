"""A practice example keeps how many organisations took it over (``adoption_count``), so the
knowledge base's "meest overgenomen eerst" reads an index instead of counting the adoptions of
every article. The count follows every way an adoption comes or goes."""

import importlib

import pytest

from django.apps import apps

from blog.models import Adoption, BestPracticePage
from tests.blog.factories import make_article
from tests.factories.members import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(blog_index):
    return make_article(blog_index, BestPracticePage, title="Samen één loket")


def stored_count(page):
    return BestPracticePage.objects.get(pk=page.pk).adoption_count


def test_the_count_follows_adoptions_added_changed_and_withdrawn(practice):
    first, second = OrganisationFactory(), OrganisationFactory()
    adoption = Adoption.objects.create(page=practice, organisation=first)
    Adoption.objects.create(page=practice, organisation=second)
    assert stored_count(practice) == 2
    adoption.status = Adoption.Status.IMPLEMENTED
    adoption.save()
    assert stored_count(practice) == 2
    adoption.delete()
    assert stored_count(practice) == 1
    second.delete()  # the adoption goes with its organisation
    assert stored_count(practice) == 0


def test_publishing_an_older_revision_keeps_the_count(practice):
    older = practice.save_revision()
    Adoption.objects.create(page=practice, organisation=OrganisationFactory())
    older.publish()
    assert stored_count(practice) == 1


def test_a_copy_has_not_been_taken_over_yet(practice, blog_index):
    Adoption.objects.create(page=practice, organisation=OrganisationFactory())
    copy = BestPracticePage.objects.get(pk=practice.pk).copy(
        update_attrs={"slug": "samen-een-loket-kopie", "title": "Kopie"}
    )
    assert copy.adoption_count == 0


def test_the_migration_counts_the_adoptions_already_there(practice):
    Adoption.objects.create(page=practice, organisation=OrganisationFactory())
    Adoption.objects.create(page=practice, organisation=OrganisationFactory())
    BestPracticePage.objects.update(adoption_count=0)
    migration = importlib.import_module("blog.migrations.0015_articles_keep_their_adoption_count")
    migration.count_existing_adoptions(apps, None)
    assert stored_count(practice) == 2
