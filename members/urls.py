"""URLs of the members app: profiles, directory, organisations, networks and privacy."""

from django.urls import path

from .views import (
    directory,
    follows,
    inbox,
    networks,
    notifications,
    organisations,
    privacy,
    profiles,
)

app_name = "members"

urlpatterns = [
    path("leden/", directory.directory, name="directory"),
    path("leden/<int:pk>/", profiles.profile_detail, name="profile"),
    path("leden/namen/", inbox.mention_search, name="mention_search"),
    path("mijn-account/profiel/", profiles.profile_edit, name="profile_edit"),
    path("mijn-account/meldingen/", notifications.preferences, name="notifications"),
    path("mijn-account/gegevens/", privacy.my_data, name="privacy"),
    path("mijn-account/gegevens/download/", privacy.my_data_download, name="privacy_download"),
    path("mijn-account/gegevens/verwijderen/", privacy.delete_account_view, name="delete_account"),
    path("e-mail/afmelden/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    path("organisaties/", organisations.organisation_list, name="organisations"),
    path("organisaties/<slug:slug>/", organisations.organisation_detail, name="organisation"),
    path("netwerken/", networks.network_list, name="networks"),
    path("netwerken/<slug:slug>/", networks.network_detail, name="network"),
    path("netwerken/<slug:slug>/aanmelden/", networks.network_join, name="network_join"),
    path("netwerken/<slug:slug>/opzeggen/", networks.network_leave, name="network_leave"),
    path(
        "netwerken/<slug:slug>/aanvragen/<int:pk>/",
        networks.membership_decide,
        name="membership_decide",
    ),
    path("mijn-account/volgen/", follows.following, name="following"),
    path("volgen/<slug:kind>/<str:pk>/", follows.follow, name="follow"),
    path("volgen/<slug:kind>/<str:pk>/stoppen/", follows.unfollow, name="unfollow"),
    path("meldingen/", inbox.notification_list, name="inbox"),
    path("meldingen/gelezen/", inbox.notification_mark_all_read, name="inbox_mark_all_read"),
    path("meldingen/<int:pk>/", inbox.notification_open, name="inbox_open"),
]

# Managers invite people and write to their network's members (views.network_manage).
from .views import network_manage  # noqa: E402

urlpatterns += [
    path(
        "netwerken/<slug:slug>/uitnodigen/",
        network_manage.invite,
        name="network_invite_form",
    ),
    path(
        "netwerken/<slug:slug>/uitnodigen/<int:pk>/intrekken/",
        network_manage.invite_withdraw,
        name="network_invite_withdraw",
    ),
    path(
        "netwerken/<slug:slug>/uitnodiging/<str:token>/",
        network_manage.invite_open,
        name="network_invite",
    ),
    path("netwerken/<slug:slug>/bericht/", network_manage.message, name="network_message"),
]
