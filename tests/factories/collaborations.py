"""Collaborations between organisations, and their participants."""

from decimal import Decimal

import factory

from collaborations.models import Collaboration, Participation

from .members import OrganisationFactory


class LocatedOrganisationFactory(OrganisationFactory):
    """An organisation with a place on the map, somewhere in the north."""

    province = "groningen"
    latitude = factory.Sequence(lambda n: Decimal("53.0") + Decimal(n % 40) / 100)
    longitude = factory.Sequence(lambda n: Decimal("6.0") + Decimal(n % 50) / 100)


class CollaborationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaboration
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Samenwerking Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"samenwerking-voorbeeld-{n}")
    tasks = "Gezamenlijke uitvoering"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    collaboration = factory.SubFactory(CollaborationFactory)
    organisation = factory.SubFactory(LocatedOrganisationFactory)
