"""Routes of the events app; the event pages themselves are served by Wagtail."""

from django.urls import path

from . import certificates, checkin_views, series_views, views

app_name = "events"

urlpatterns = [
    path("evenementen/<int:event_id>/aanmelden/", views.register_view, name="register"),
    path(
        "evenementen/aanmeldingen/<int:registration_id>/afmelden/",
        views.cancel_view,
        name="cancel",
    ),
    path("evenementen/<int:event_id>/agenda.ics", views.event_ics_view, name="event_ics"),
    path("evenementen/agenda.ics", views.calendar_feed, name="feed"),
    path("evenementen/netwerk/<slug:slug>/agenda.ics", views.network_feed, name="network_feed"),
    path("evenementen/mijn-agenda/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("evenementen/reeks/<slug:slug>/", series_views.series_view, name="series"),
    path("evenementen/reeks/<slug:slug>/agenda.ics", series_views.series_ics, name="series_ics"),
    path("mijn-evenementen/", views.my_events, name="my_events"),
    path(
        "mijn-evenementen/agendalink-vernieuwen/",
        views.renew_calendar_link,
        name="renew_calendar_link",
    ),
    # Check-in at the door and certificates of attendance (events.checkin, events.certificates).
    path("evenementen/<int:event_id>/inchecken/", checkin_views.checkin_page, name="checkin"),
    path(
        "evenementen/aanmeldingen/<int:registration_id>/bewijs.pdf",
        certificates.member_certificate,
        name="certificate",
    ),
    path(
        "evenementen/aanmelding/<str:access_token>/bewijs.pdf",
        certificates.guest_certificate,
        name="guest_certificate",
    ),
]
