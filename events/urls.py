"""Routes of the events app; the event pages themselves are served by Wagtail."""

from django.urls import path

from . import certificates, checkin_views, guest_views, series_views, views

app_name = "events"

urlpatterns = [
    path("evenementen/<int:event_id>/aanmelden/", views.register_view, name="register"),
    path(
        "evenementen/aanmeldingen/<int:registration_id>/afmelden/",
        views.cancel_view,
        name="cancel",
    ),
    path(
        "evenementen/aanmeldingen/<int:registration_id>/sessies/",
        views.change_sessions_view,
        name="change_sessions",
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
    # Guests (events.guests): the form, its confirmation link and the private registration page.
    path(
        "evenementen/<int:event_id>/aanmelden-als-gast/",
        guest_views.guest_register,
        name="guest_register",
    ),
    path(
        "evenementen/<int:event_id>/aanmelden-als-gast/verstuurd/",
        guest_views.guest_requested,
        name="guest_requested",
    ),
    path(
        "evenementen/gast/bevestigen/<str:token>/",
        guest_views.guest_confirm,
        name="guest_confirm",
    ),
    path(
        "evenementen/aanmelding/<str:token>/",
        guest_views.guest_registration,
        name="guest_registration",
    ),
    path(
        "evenementen/aanmelding/<str:token>/afmelden/",
        guest_views.guest_cancel,
        name="guest_cancel",
    ),
    path(
        "evenementen/aanmelding/<str:token>/agenda.ics",
        guest_views.guest_ics,
        name="guest_ics",
    ),
]
