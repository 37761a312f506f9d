"""Least privilege for the content of one's networks: the shared base of the page rules.

Some groups hold page rights on a whole section (the agenda, the knowledge base) that count
only on the content that is the user's own: the "Netwerkbeheerders" (every approved network
manager, kept in step by ``members.signals``) and, for events, the "Organisatoren". A domain
describes what is "own" in a :class:`NetworkContentScope` subclass (``events.permissions``,
``blog.permissions``) and gives its page type a :class:`NetworkContentPermissionTester`. Rights
from any other group (Redactie, Auteurs) and superusers cover everything, as before.

One rule for every screen: the page editor (the tester), the explorer, search and reports
(:class:`NetworkContentPagePolicy` leaves others' pages out) and the ``networks`` field of the
page forms (:class:`NetworkChoicesFormMixin`). A scope is worked out once per request and kept
on the user object: a fixed number of queries, whatever the number of pages.
"""

from functools import cached_property

from django import forms
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import (
    PagePermissionTester,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from vakgenoten.group_permissions import (
    UPLOAD_PERMISSIONS,
    grant_page_permissions_on,
    grant_permissions,
    grant_root_collection_permissions,
)

from .networks import managed_network_ids

NETWORK_MANAGERS = "Netwerkbeheerders"
EDIT_CODENAMES = ("change_page", "publish_page")
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


# --- The group ------------------------------------------------------------------------------


def setup_network_managers_group(*pages):
    """The "Netwerkbeheerders" group: the admin, images and documents, and page rights on the
    section pages given (the knowledge base, the agenda). Idempotent."""
    grant_permissions(global_apps, NETWORK_MANAGERS, [("wagtailadmin", "access_admin")])
    grant_root_collection_permissions(global_apps, NETWORK_MANAGERS, UPLOAD_PERMISSIONS)
    return grant_page_permissions_on(global_apps, NETWORK_MANAGERS, pages, PAGE_PERMISSIONS)


def sync_network_managers_group(user):
    """Put ``user`` in the group while they manage at least one network, and out of it when
    they no longer do (called on every change of a membership)."""
    from .models import NetworkMembership

    manages = NetworkMembership.objects.managers().filter(user=user).exists()
    if manages:
        user.groups.add(setup_network_managers_group())
    else:
        group = Group.objects.filter(name=NETWORK_MANAGERS).first()
        if group is not None:
            user.groups.remove(group)
    user.__dict__.pop("_vakgenoten_managed_network_ids", None)


# --- What one user may do -------------------------------------------------------------------


class NetworkContentScope:
    """What one user may do with one kind of network content, and which of it is theirs.

    Subclasses set ``model`` (a path "app_label.Model", resolved late), ``limited_groups``
    (the names of the groups whose rights count only on own content) and ``cache_name``,
    and may widen :meth:`own_q` and :meth:`owns`.
    """

    model = None
    limited_groups = (NETWORK_MANAGERS,)
    cache_name = "_vakgenoten_content_scope"

    def __init__(self, user):
        self.user = user

    @classmethod
    def of(cls, user):
        scope = getattr(user, cls.cache_name, None)
        if scope is None:
            scope = cls(user)
            if getattr(user, "is_authenticated", False):
                setattr(user, cls.cache_name, scope)
        return scope

    @classmethod
    def content_model(cls):
        from django.apps import apps

        return apps.get_model(cls.model)

    # --- Page rights, split by where they come from -------------------------------------------

    @cached_property
    def page_permissions(self):
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(PagePermissionPolicy().get_cached_permissions_for_user(self.user))

    @cached_property
    def limited_group_ids(self):
        if not self.page_permissions:
            return frozenset()
        return frozenset(
            Group.objects.filter(name__in=self.limited_groups).values_list("pk", flat=True)
        )

    def is_limited_right(self, permission):
        return permission.group_id in self.limited_group_ids

    @property
    def has_limited_rights(self):
        """Whether any of their page rights comes from a group limited to own content."""
        return any(self.is_limited_right(permission) for permission in self.page_permissions)

    def has_full_rights_over(self, page):
        """Superusers, and edit rights over ``page`` from a group that is not limited."""
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        return any(
            permission.permission.codename in EDIT_CODENAMES
            and page.path.startswith(permission.page.path)
            and not self.is_limited_right(permission)
            for permission in self.page_permissions
        )

    def other_group_codenames(self, page):
        """The page actions ``page`` allows through groups that are not limited."""
        return {
            permission.permission.codename.rsplit("_", maxsplit=1)[0]
            for permission in self.page_permissions
            if page.path.startswith(permission.page.path) and not self.is_limited_right(permission)
        }

    def is_limited_for(self, page):
        """True when the user's rights over ``page`` (the content, or its section for a new
        one) come only from limited groups: then they may pick only their own networks."""
        return self.user.is_active and not self.has_full_rights_over(page)

    # --- What is theirs -----------------------------------------------------------------------

    @property
    def network_ids(self):
        return managed_network_ids(self.user)

    def networks_q(self, prefix=""):
        """Content with at least one of their managed networks in ``networks`` (an EXISTS, so
        no duplicate rows)."""
        field = self.content_model()._meta.get_field("networks")
        through, own_field = field.remote_field.through, field.m2m_field_name()
        return Q(
            Exists(
                through.objects.filter(
                    **{own_field: OuterRef(f"{prefix}pk"), "network_id__in": self.network_ids}
                )
            )
        )

    def own_q(self, prefix=""):
        return self.networks_q(prefix)

    @cached_property
    def own_ids(self):
        if not self.network_ids and not self.has_other_ownership:
            return frozenset()
        model = self.content_model()
        return frozenset(model.objects.filter(self.own_q()).values_list("pk", flat=True))

    has_other_ownership = False

    def owns(self, page):
        return page.pk is not None and page.pk in self.own_ids

    def network_choices(self, keep=()):
        from .models import Network

        return Network.objects.filter(pk__in={*self.network_ids, *keep})

    # --- Lists --------------------------------------------------------------------------------

    def manageable(self, queryset=None):
        """The content this user may edit (a queryset of ``model``)."""
        items = self.content_model().objects.all() if queryset is None else queryset
        user = self.user
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return items.none()
        if user.is_superuser:
            return items
        allowed = Q(pk__in=[])
        for permission in self.page_permissions:
            codename = permission.permission.codename
            under = Q(path__startswith=permission.page.path)
            if self.is_limited_right(permission):
                if codename in EDIT_CODENAMES:
                    allowed |= under & self.own_q()
                elif codename == "add_page":
                    allowed |= under & self.own_q() & Q(owner=user)
            elif codename in EDIT_CODENAMES:
                allowed |= under
            elif codename == "add_page":
                allowed |= under & Q(owner=user)
        return items.filter(allowed)

    def without_others(self, pages):
        """``pages`` (a Page queryset) without the content that is not theirs. Unchanged for
        superusers and for whoever has no rights through a limited group."""
        user = self.user
        if not getattr(user, "is_authenticated", False) or user.is_superuser:
            return pages
        if not self.has_limited_rights:
            return pages
        others = self.content_model().objects.exclude(pk__in=self.manageable().values("pk"))
        return pages.exclude(pk__in=others.values("pk"))


class NetworkContentPermissionTester(PagePermissionTester):
    """Wagtail's page rights, with the limited groups' rights counted only on own content.

    Every action of the page editor asks the tester (edit, publish, unpublish, delete, move,
    copy, lock, revisions, preview), so a manager of network A gets 403 on network B's page
    wherever they try. Subclasses set ``scope_class``.
    """

    scope_class = NetworkContentScope

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            scope = self.scope_class.of(user)
            if not scope.owns(page):
                self.permissions = scope.other_group_codenames(page)


class SectionPermissionTester(PagePermissionTester):
    """For the section page itself (the knowledge base): the limited groups add and publish
    content below it, but never edit, publish, move or delete the section page."""

    scope_class = NetworkContentScope

    def __init__(self, user, page):
        super().__init__(user, page)
        self.on_itself = self
        if user.is_active and not user.is_superuser:
            scope = self.scope_class.of(user)
            if scope.has_limited_rights and not scope.has_full_rights_over(page):
                self.on_itself = PagePermissionTester(user, page)
                self.on_itself.permissions = scope.other_group_codenames(page)


def _on_the_section_itself(name):
    def check(self, *args, **kwargs):
        if self.on_itself is self:
            return getattr(PagePermissionTester, name)(self, *args, **kwargs)
        return getattr(self.on_itself, name)(*args, **kwargs)

    check.__name__ = name
    return check


for _name in (
    "can_edit",
    "can_delete",
    "can_unpublish",
    "can_publish",
    "can_lock",
    "can_unlock",
    "can_set_view_restrictions",
    "can_move",
    "can_copy",
    "can_view_revisions",
    "can_reorder_children",
):
    setattr(SectionPermissionTester, _name, _on_the_section_itself(_name))


# --- The admin's page lists -----------------------------------------------------------------

_scopes = []


def register_scope(scope_class):
    """Let the admin's page lists (search, listings by type, reports) apply ``scope_class``."""
    if scope_class not in _scopes:
        _scopes.append(scope_class)
    return scope_class


def has_limited_rights(user):
    """Whether any of ``user``'s page rights counts only on their own content."""
    return any(scope_class.of(user).has_limited_rights for scope_class in _scopes)


def without_others_content(user, pages):
    for scope_class in _scopes:
        pages = scope_class.of(user).without_others(pages)
    return pages


class NetworkContentPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the admin's page lists leaving out the content a limited
    user may not manage (every registered scope)."""

    def explorable_instances(self, user):
        return without_others_content(user, super().explorable_instances(user))

    def instances_user_has_any_permission_for(self, user, actions):
        return without_others_content(
            user, super().instances_user_has_any_permission_for(user, actions)
        )


# --- The ``networks`` field of a page form --------------------------------------------------


class NetworkChoicesFormMixin:
    """For a user whose rights over the page come only from limited groups: the ``networks``
    field offers only the networks they manage; networks already on the page that they do not
    manage stay as they are; and the page must belong to at least one network they manage
    (otherwise they could not manage it after saving). Set ``network_scope_class``."""

    network_scope_class = None
    # False where the form decides itself what makes the page theirs (events: also the
    # organiser fields); it then reads ``managed_networks_chosen``.
    require_managed_network = True
    networks_required_message = _(
        "Kies minstens één netwerk waarvan je beheerder bent; anders kun je deze pagina niet "
        "meer beheren."
    )

    def limit_network_choices(self):
        self.network_scope = None
        self.kept_network_ids = set()
        user = self.for_user
        if user is None or "networks" not in self.fields or self.network_scope_class is None:
            return
        scope = self.network_scope_class.of(user)
        page = self.instance if self.instance.pk else self.parent_page
        if page is None or not scope.is_limited_for(page):
            return
        self.network_scope = scope
        if self.instance.pk:
            current = set(self.instance.networks.values_list("pk", flat=True))
            self.kept_network_ids = current - set(scope.network_ids)
        field = self.fields["networks"]
        field.queryset = scope.network_choices()
        field.error_messages["invalid_choice"] = _(
            "Je kunt alleen een netwerk kiezen waarvan je beheerder bent."
        )
        field.error_messages["invalid_pk_value"] = field.error_messages["invalid_choice"]

    def clean_networks(self):
        networks = self.cleaned_data.get("networks")
        scope = getattr(self, "network_scope", None)
        if scope is None:
            return networks
        chosen = list(networks or [])
        self.managed_networks_chosen = any(network.pk in scope.network_ids for network in chosen)
        if self.require_managed_network and not self.managed_networks_chosen:
            raise forms.ValidationError(self.networks_required_message)
        if self.kept_network_ids:
            from .models import Network

            chosen += list(Network.objects.filter(pk__in=self.kept_network_ids))
        return chosen
