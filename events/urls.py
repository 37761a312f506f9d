"""Routes of the events app; the event pages themselves are served by Wagtail."""

from django.urls import path

from . import views

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
    path("mijn-evenementen/", views.my_events, name="my_events"),
    path(
        "mijn-evenementen/agendalink-vernieuwen/",
        views.renew_calendar_link,
        name="renew_calendar_link",
    ),
]
