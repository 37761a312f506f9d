from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("leden/<int:pk>/bericht/", views.compose, name="compose"),
    path("leden/<int:pk>/bericht/<int:message_pk>/", views.sent, name="sent"),
    path("leden/<int:pk>/blokkeren/", views.block_member, name="block"),
    path("mijn-account/berichten/", views.message_settings, name="settings"),
    path("mijn-account/berichten/deblokkeren/<int:pk>/", views.unblock_member, name="unblock"),
    path("berichten/melden/<str:token>/", views.report_message, name="report"),
    path("berichten/blokkeren/<str:token>/", views.block_sender, name="block_sender"),
]
