"""Least privilege for network managers in the knowledge base: only their network's articles.

The "Netwerkbeheerders" group (``members.content_rights``) holds add, edit and publish rights
on the knowledge base, and uses them only on articles with at least one network the user
manages in ``networks``; an article without such a network (another network's, or a site
article) stays with the Redactie and the Auteurs. Managers publish their network's articles
themselves, as organisers publish their events: the network answers for its own content, and
the review workflow stays there for whoever wants the Redactie to look first ("Ter review
aanbieden"). Rights from other groups and superusers cover every article, as before.
"""

from members.content_rights import (
    NetworkContentPermissionTester,
    NetworkContentScope,
    SectionPermissionTester,
    register_scope,
)


class ArticleScope(NetworkContentScope):
    """What one user may do with articles, and which articles are theirs as a manager."""

    model = "blog.ArticlePage"
    cache_name = "_vakgenoten_article_scope"


register_scope(ArticleScope)


def manageable_articles(user, queryset=None):
    """The articles ``user`` may edit (as a queryset of ArticlePage)."""
    return ArticleScope.of(user).manageable(queryset)


class ArticlePermissionTester(NetworkContentPermissionTester):
    """Wagtail's page rights, with the managers' rights counted only on their own articles."""

    scope_class = ArticleScope


class KnowledgeBasePermissionTester(SectionPermissionTester):
    """Managers add articles below the knowledge base; they do not edit the page itself."""

    scope_class = ArticleScope


def ensure_network_managers_group():
    """Baseline check (``vakgenoten.baseline``): a database without the "Netwerkbeheerders"
    group gets it back, with its rights on the knowledge base and every approved manager in it;
    an existing group is left alone."""
    from django.contrib.auth.models import Group

    from members.content_rights import NETWORK_MANAGERS, setup_network_managers_group
    from members.models import NetworkMembership

    from .models import BlogIndexPage

    if Group.objects.filter(name=NETWORK_MANAGERS).exists():
        return
    group = setup_network_managers_group(*BlogIndexPage.objects.all())
    group.user_set.add(*set(NetworkMembership.objects.managers().values_list("user", flat=True)))
