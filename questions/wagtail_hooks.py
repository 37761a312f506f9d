"""'Vragen' in the Wagtail admin menu for moderators, with the number waiting; the queue's
addresses; and "Artikel maken" beside a question in the page explorer for editors."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from comments.admin_views import can_moderate
from vakgenoten.admin_menu import QueueMenuItem

from . import admin_views
from .conversion import can_convert
from .models import QuestionPage


@hooks.register("register_admin_urls")
def register_question_moderation_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("<int:pk>/besluit/", admin_views.DecideView.as_view(), name="decide"),
        path("<int:pk>/artikel/", admin_views.ConvertView.as_view(), name="convert"),
    ]
    return [path("vragen/", include((urls, "questions_admin")))]


@hooks.register("register_admin_menu_item")
def register_questions_menu():
    return QueueMenuItem(
        _("Vragen"),
        reverse("questions_admin:queue"),
        shown_to=can_moderate,
        waiting=lambda user: admin_views.waiting_count(),
        name="vragen",
        icon_name="help",
        order=255,
    )


class ConvertButton(PageMenuItem):
    """A link to the confirmation page; the draft is made only by its form (a POST)."""

    label = _("Artikel maken")
    icon_name = "doc-full"

    @property
    def url(self):
        return reverse("questions_admin:convert", args=[self.page.pk])

    def is_shown(self, user):
        return can_convert(user)


def _is_question(page):
    return page.specific_class is QuestionPage


@hooks.register("register_page_listing_more_buttons")
def convert_listing_button(page, user, next_url=None):
    if _is_question(page):
        yield ConvertButton(page=page, priority=7)


@hooks.register("register_page_header_buttons")
def convert_header_button(page, user, view_name, next_url=None):
    if _is_question(page):
        yield ConvertButton(page=page, priority=14)
