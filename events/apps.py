from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Events: congresses, member days and webinars with registration."""

    name = "events"
    verbose_name = _("Evenementen")

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from wagtail.signals import page_published

        from vakgenoten.baseline import register_baseline

        from . import signals
        from .groups import ensure_organiser_group
        from .models import EventIndexPage, EventPage

        register_baseline(ensure_organiser_group)

        page_published.connect(signals.fill_seats_after_publish, sender=EventPage)
        pre_save.connect(signals.raise_sequence_when_moved, sender=EventPage)
        post_save.connect(signals.give_organisers_the_agenda, sender=EventIndexPage)
        self.register_personal_data()
        self.register_sections()

    def register_sections(self):
        from members.sections import (
            register_network_section,
            register_organisation_section,
            register_profile_section,
        )

        from .sections import my_registrations, network_events, organisation_events

        register_profile_section("registrations", my_registrations, order=30)
        register_organisation_section("events", organisation_events, order=20)
        register_network_section("events", network_events, order=20)

    def register_personal_data(self):
        from members.privacy import register_personal_data

        from .privacy import erase_registrations, export_registrations

        register_personal_data(
            "event_registrations", export=export_registrations, erase=erase_registrations
        )
