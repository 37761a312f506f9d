"""Who may see what belongs to a closed network: one rule for every place content appears.

Articles, events and questions can belong to networks (``members.models.NetworkContent``).
Content is hidden from a viewer when it belongs to at least one closed network and the viewer
is an approved member of none of its closed networks; everything else is as public as before.
Superusers see everything. Open networks never hide anything.

The rule exists once, as a ``Q`` (:func:`visible_q`) built from ``EXISTS`` subqueries: it adds
no query of its own, works on any queryset of pages (the page's id is ``pk``) or of things that
point at a page (comments: ``visible_q(user, outer="page_id")``), and every list, search, feed,
calendar, sitemap, e-mail and comment listing filters with it. A single page is checked with
:func:`hidden_by`, and refused with :func:`closed_network_refusal` (the page serve hook in
``members.wagtail_hooks``, and the views that reach a page without serving it). With the page
cache on, :func:`visible` applies the same rule as the list of ids it hides, kept in the shared
cache (:func:`hidden_content_ids`).
"""

from collections import defaultdict
from functools import cache

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render

from vakgenoten.cache import cache_seconds, cached_part

from .models import Network, NetworkContent, NetworkMembership


@cache
def link_tables():
    """``(through model, column of the content's id)`` for every model that has networks."""
    tables = []
    for model in apps.get_models():
        if not issubclass(model, NetworkContent):
            continue
        field = model._meta.get_field("networks")
        if field.model is not model:  # inherited from a concrete parent: that parent's table
            continue
        tables.append((field.remote_field.through, f"{field.m2m_field_name()}_id"))
    return tuple(tables)


def _sees_everything(user):
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def _may_hold(model, through, column):
    """Whether a row of ``model`` can be content in this link table (an article is never an
    event: its id is never in the events' table)."""
    content = through._meta.get_field(column.removesuffix("_id")).related_model
    return issubclass(model, content) or issubclass(content, model)


def visible_q(user, outer="pk", model=None):
    """Rows whose content ``user`` (a member, or an anonymous visitor) may see.

    ``outer`` names the field of the filtered model that holds the content page's id. With
    ``model`` (the pages' own type), only the link tables its rows can be in are asked: a
    list of articles gets one subquery instead of one per type of content.
    """
    if _sees_everything(user):
        return Q()
    member = getattr(user, "is_authenticated", False)
    allowed = Q()
    for through, column in link_tables():
        if model is not None and not _may_hold(model, through, column):
            continue
        closed = through.objects.filter(**{column: OuterRef(outer)}, network__is_closed=True)
        rule = ~Exists(closed)
        if member:
            rule |= Exists(
                closed.filter(
                    network__memberships__user=user,
                    network__memberships__status=NetworkMembership.Status.APPROVED,
                )
            )
        allowed &= rule
    return allowed


# Up to this many hidden ids, a list filters by them rather than by the rule's subqueries.
KEPT_IDS_LIMIT = 500


def visible(queryset, user, outer="pk", rows_are=None):
    """``queryset`` without what ``user`` may not see.

    With the page cache on, the rule comes as the list of ids it hides (``hidden_content_ids``,
    from the shared cache): a statement with a short ``NOT IN`` list, or with no condition at
    all on a site without closed networks, takes less to put together and to plan than one
    with a correlated ``EXISTS`` per link table (1.5 ms of a first render's related articles,
    about 6 ms of the home page's four lists, bench/SCALING.md). The subqueries remain for
    everything else: the page cache off, a long list, and a transaction that has changed
    something not yet committed, whose purge has not reached the kept lists yet.

    ``rows_are``: the type every row is when the queryset's model is a parent of it (Wagtail
    pages narrowed with ``.type(ArticlePage)``), so only that type's link table is asked.
    """
    hidden = _kept_hidden_ids(user)
    if hidden is not None:
        return queryset.exclude(**{f"{outer}__in": hidden}) if hidden else queryset
    model = (rows_are or queryset.model) if outer == "pk" else None
    return queryset.filter(visible_q(user, outer, model=model))


def _kept_hidden_ids(user):
    """``hidden_content_ids(user)`` where ``visible`` may filter by it, else None."""
    connection = transaction.get_connection()
    if cache_seconds() <= 0 or (connection.in_atomic_block and connection.run_on_commit):
        return None
    hidden = hidden_content_ids(user)
    return hidden if len(hidden) <= KEPT_IDS_LIMIT else None


def closed_networks_of(content):
    """The closed networks ``content`` belongs to (a page, or None)."""
    if not isinstance(content, NetworkContent) or content.pk is None:
        return []
    return list(content.networks.filter(is_closed=True))


def kept_closed_networks_of(page):
    """``closed_networks_of`` a page being served, kept as a part of the page in the shared
    cache: the serve hook asks it on every signed-in view, and most pages are in no closed
    network, so most views ask the database nothing about networks. As exact as the page
    cache: a page's networks changing, and a network closed, opened or deleted, purge
    everything once committed (``members.signals``). Only who the reader is, their membership,
    is asked each time (``hidden_by``). Code that changes a page's networks and asks within the
    same transaction uses ``closed_networks_of``.

    A page that the site-wide ``closed_content`` does not name is in no closed network: its
    own part (the networks' names, for the refusal page) is made only for the pages it names,
    and a first render of any other page asks nothing about networks that its lists do not
    ask already."""
    if not isinstance(page, NetworkContent) or page.pk is None:
        return []
    if cache_seconds() > 0 and page.pk not in closed_content():
        return []
    return cached_part("closed-networks", lambda: closed_networks_of(page), page_id=page.pk)


def hidden_by(user, content, kept=False):
    """The closed networks that keep ``content`` from ``user``: empty when they may see it.
    ``kept``: the content's networks may come from the cache (``kept_closed_networks_of``)."""
    closed = kept_closed_networks_of(content) if kept else closed_networks_of(content)
    if not closed or _sees_everything(user):
        return []
    if getattr(user, "is_authenticated", False) and (
        NetworkMembership.objects.approved()
        .filter(user=user, network__in=[network.pk for network in closed])
        .exists()
    ):
        return []
    return closed


def can_see(user, content):
    return not hidden_by(user, content)


def closed_content():
    """Every piece of content in a closed network, with those networks: ``{content id:
    frozenset of network ids}``. Kept site-wide in the shared cache, as exact as the page
    cache: a page's networks changing, and a network closed, opened or deleted, purge
    everything once committed (``members.signals``)."""
    return cached_part("closed-content", _closed_content)


def _closed_content():
    tables = [
        through.objects.filter(network__is_closed=True).values_list(column, "network_id")
        for through, column in link_tables()
    ]
    found = defaultdict(set)
    for content_id, network_id in tables[0].union(*tables[1:], all=True) if tables else []:
        found[content_id].add(network_id)
    return {pk: frozenset(networks) for pk, networks in found.items()}


def closed_networks_joined(user):
    """The ids of the closed networks ``user`` (a member) is an approved member of, kept as
    the member's own part of the shared cache: a membership saved or deleted purges the member,
    a network closed or opened purges everything (``members.signals``)."""
    return cached_part(
        "closed-networks-joined",
        lambda: frozenset(
            NetworkMembership.objects.approved()
            .filter(user=user, network__is_closed=True)
            .values_list("network_id", flat=True)
        ),
        member_id=user.pk,
    )


def hidden_content_ids(user):
    """The ids of the content ``user`` may not see, sorted: the rule of :func:`visible_q` as
    a list, for a statement that reads many rows (search), which then hashes them once
    instead of asking every row. Content in closed networks is little next to all of it; a
    visitor's and a member's list come from the shared cache, without a query."""
    if _sees_everything(user):
        return []
    closed = closed_content()
    if not closed:
        return []
    joined = closed_networks_joined(user) if getattr(user, "is_authenticated", False) else ()
    return sorted(pk for pk, networks in closed.items() if not networks.intersection(joined))


def closed_network_ids():
    """Ids of the closed networks (a subquery, for filters that want them)."""
    return Network.objects.filter(is_closed=True).values("pk")


_ASK = object()


def sees_inside(user, network, membership=_ASK):
    """Whether ``user`` sees what belongs to ``network``: everyone for an open network, its
    approved members (and superusers) for a closed one. The same rule as :func:`visible_q`,
    asked of one network (a network page's sections and explanation; one query at most).

    A caller that has already read the user's membership of ``network`` (or knows there is
    none: ``None``) passes it, and no query is made.
    """
    if not network.is_closed or _sees_everything(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if membership is not _ASK:
        return bool(membership and membership.is_approved)
    return NetworkMembership.objects.approved().filter(user=user, network=network).exists()


def closed_network_refusal(request, page, offer_sign_in=True):
    """The answer to a request about ``page`` from someone its closed networks keep out, or
    None when they may see it: a visitor is sent to sign in, another member hears which network
    it belongs to (never what it says). The page serve hook answers with it, and so does every
    view that reaches a page without ``serve`` (writing a comment, registering for an event).

    ``offer_sign_in=False`` gives a visitor the 403 page too (a guest's form, which has no
    account to sign in with)."""
    closed = hidden_by(request.user, page.specific_deferred, kept=True)
    if not closed:
        return None
    if offer_sign_in and not request.user.is_authenticated:
        return redirect_to_login(page.url or request.get_full_path())
    return render(request, "members/closed_content.html", {"networks": closed}, status=403)
