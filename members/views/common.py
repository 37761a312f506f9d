"""Pieces the members views share: pagination and the member lists."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from ..models import User

MEMBERS_PER_PAGE = 24
GROUPS_PER_PAGE = 20


def paginate(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def member_cards(queryset):
    """Members for a list of cards: profile and organisation in the same query."""
    return queryset.select_related("profile__organisation").order_by(
        "last_name", "first_name", "pk"
    )


def visible_members(viewer):
    return User.objects.visible_to(viewer)


def home_crumb():
    return (_("Home"), "/")
