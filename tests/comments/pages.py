"""Pages to comment on that are not articles: an event under the agenda."""

from tests.factories import EventPageFactory


def make_event(home_page, title="Ledendag Bedrijfsvoering"):
    """An event under the agenda (made under ``home_page`` when there is none yet)."""
    from events.models import EventIndexPage
    from tests.factories import EventIndexPageFactory

    agenda = EventIndexPage.objects.first() or EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=agenda,
        title=title,
        slug="ledendag-bedrijfsvoering",
        venue_street="",
        venue_postal_code="",
        venue_city="",
    )
