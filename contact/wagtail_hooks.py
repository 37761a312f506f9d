"""'Berichten' in the Wagtail admin menu for moderators, with the number waiting."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from comments.admin_views import can_moderate

from . import admin_views
from .models import MemberMessage


@hooks.register("register_admin_urls")
def register_message_moderation_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("<int:pk>/besluit/", admin_views.DecideView.as_view(), name="decide"),
        path("<int:pk>/schorsen/", admin_views.BanSenderView.as_view(), name="ban"),
    ]
    return [path("berichten/", include((urls, "contact_admin")))]


class MessagesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        waiting = MemberMessage.objects.filter(status=MemberMessage.Status.HELD).count()
        waiting += MemberMessage.objects.filter(
            report__isnull=False, report__handled_at__isnull=True
        ).count()
        return LinkMenuItemComponent(
            self.name,
            f"{self.label} ({waiting})" if waiting else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_messages_menu():
    return MessagesMenuItem(
        _("Berichten"),
        reverse("contact_admin:queue"),
        name="berichten",
        icon_name="mail",
        order=260,
    )
