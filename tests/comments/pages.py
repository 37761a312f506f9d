"""Pages to comment on that are not articles: an event under the agenda."""

from datetime import timedelta

from django.utils import timezone


def make_event(home_page, title="Ledendag Bedrijfsvoering"):
    from events.models import EventIndexPage, EventPage

    agenda = EventIndexPage.objects.first()
    if agenda is None:
        agenda = home_page.add_child(instance=EventIndexPage(title="Agenda", slug="agenda"))
        agenda.save_revision().publish()
    from tests.factories import NetworkFactory

    start = timezone.now() + timedelta(days=10)
    event = EventPage(
        organiser_network=NetworkFactory(),
        title=title,
        slug="ledendag-bedrijfsvoering",
        kind="ledendag",
        intro="Een dag vol ontmoetingen met collega's uit andere gemeenten.",
        start=start,
        end=start + timedelta(hours=6),
        venue_name="Stadskantoor Lindenholt",
    )
    agenda.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event
