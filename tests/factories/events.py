"""Events: the agenda, events under it and registrations for them."""

from datetime import timedelta

import factory

from django.utils import timezone

from events.models import EventIndexPage, EventPage, Registration
from tests.factories.blog import _home_page
from tests.factories.members import NetworkFactory, UserFactory
from tests.factories.pages import PublishedPageFactory


class EventIndexPageFactory(PublishedPageFactory):
    """The agenda, under the home page."""

    class Meta:
        model = EventIndexPage

    parent = factory.LazyFunction(_home_page)
    title = "Agenda"
    slug = "agenda"
    show_in_menus = True


def _agenda():
    return EventIndexPage.objects.first() or EventIndexPageFactory()


class EventPageFactory(PublishedPageFactory):
    """A member day under the agenda, organised by a network, starting in 10 days for 6 hours.

    ``EventPageFactory(start=..., capacity=1, themes=[theme])``; ``end`` follows ``start``.
    """

    class Meta:
        model = EventPage

    parent = factory.LazyFunction(_agenda)
    title = factory.Sequence(lambda n: f"Ledendag {n}")
    slug = factory.Sequence(lambda n: f"ledendag-{n}")
    kind = "ledendag"
    intro = "Een dag vol ontmoetingen met collega's uit andere gemeenten."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end = factory.LazyAttribute(lambda event: event.start + timedelta(hours=6))
    venue_name = "Stadskantoor Lindenholt"
    venue_street = "Marktplein 1"
    venue_postal_code = "6541 CD"
    venue_city = "Lindenholt"
    organiser_network = factory.SubFactory(NetworkFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A member's registration made the way the site makes it (``events.registration``): a seat
    while there is one, else the waiting list. No e-mail unless ``notify=True``."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, notify=False, **kwargs):
        from events.registration import register

        event = kwargs.pop("event")
        return register(event, notify=notify, **kwargs).registration
