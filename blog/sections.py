"""The "Artikelen" sections on member profiles and organisation pages (see members.sections).

A profile lists the articles of the author records linked to that member account; an
organisation lists its practice examples and the articles of authors who work there. Both are
short lists, newest first, built on :func:`blog.listing.article_listing_queryset` (live, not in
a private section, the same order as the knowledge base) but without the prefetches a card
needs: a section shows title, type and date, so each one costs one query (a profile with more
than fits takes one more, for the links to the author pages).

An organisation also lists the practice examples it took over ("Wat we overnamen", from
``blog.models.Adoption``), with the status it gave.

A network lists the articles that belong to it (``ArticlePage.networks``), never those whose
author happens to be in it: that would show visitors a membership the author may have kept to
members only.

Every list shows only what the viewer may see (``members.visibility``): an article of a closed
network appears on a profile, an organisation or the network's page for that network's approved
members only.
"""

import datetime

from django.db.models import IntegerField, Value
from django.template.loader import render_to_string

from members.visibility import visible
from vakgenoten.queries import exclude_private

from .listing import article_listing_queryset
from .models import (
    Adoption,
    ArticleAuthor,
    ArticlePage,
    Author,
    BestPracticePage,
    BlogIndexPage,
)

SECTION_ARTICLES = 5


def _short_list(request, queryset):
    """At most one more than shown, so the template knows whether there is more; only what
    the viewer may see."""
    articles = _newest(request, queryset)
    return articles[:SECTION_ARTICLES], len(articles) > SECTION_ARTICLES


def _newest(request, queryset):
    """The newest articles of ``queryset`` the viewer may see: one more than a list shows."""
    queryset = article_listing_queryset(queryset, viewer=request.user)
    return list(queryset.prefetch_related(None)[: SECTION_ARTICLES + 1])


def _short_list_of_all(request, querysets):
    """:func:`_short_list` of what ``querysets`` hold together, an article once: the newest
    few of each list hold the newest few of all."""
    found = {
        article.pk: article for queryset in querysets for article in _newest(request, queryset)
    }
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    articles = sorted(
        found.values(),
        key=lambda article: (
            article.publication_date,
            article.first_published_at or oldest,
            article.pk,
        ),
        reverse=True,
    )
    return articles[:SECTION_ARTICLES], len(articles) > SECTION_ARTICLES


def _index_url(request, article):
    """The address of the knowledge base above ``article``.

    A Wagtail page's address is its parent's address plus its own slug, so the article we
    already have gives it without a query; only an unusual URL set-up costs one.
    """
    url = article.get_url(request) or ""
    own_part = f"{article.slug}/"
    if url.endswith(own_part):
        return url[: -len(own_part)]
    index = BlogIndexPage.objects.ancestor_of(article).first()
    return (index.get_url(request) or "") if index is not None else ""


def member_articles(request, member):
    # The articles' ids (and their authors' names for the links) first, as a list: most
    # members write nothing, and with a subquery PostgreSQL walked all articles newest first
    # looking for theirs (15 ms over 10,000 articles).
    written = ArticleAuthor.objects.filter(author__user=member, page__live=True).values_list(
        "page_id", "author_id", "author__name", "author__slug"
    )
    written = list(written.order_by("author__name", "author_id"))
    if not written:
        return ""
    articles, has_more = _short_list(
        request, ArticlePage.objects.filter(pk__in={row[0] for row in written})
    )
    if not articles:
        return ""
    author_links = []
    if has_more:
        base = _index_url(request, articles[0])
        resolver = BlogIndexPage.get_resolver()
        authors = dict.fromkeys((name, slug) for _page, _author, name, slug in written)
        author_links = [(name, base + resolver.reverse("author", slug)) for name, slug in authors]
    return render_to_string(
        "blog/includes/profile_articles.html",
        {"articles": articles, "member": member, "author_links": author_links},
        request=request,
    )


AUTHOR, PRACTICE = 1, 2


def _tagged_ids(queryset, kind, field):
    """``(kind, id)`` rows of ``queryset``, to read ids of two kinds in one UNION."""
    tagged = queryset.annotate(kind=Value(kind, output_field=IntegerField()))
    return tagged.values_list("kind", field).order_by()


def organisation_articles(request, organisation):
    """Its practice examples and what its staff wrote, as two lists: a busy organisation has
    thousands of articles (6,000 in the benchmark at 100,000), and with all their ids in one
    query, building its SQL took longer than the rest of the page (195 ms).

    One query first reads the ids of its authors and of its practice examples (with none,
    that is all). The authors' ids are passed as values: with a subquery instead, PostgreSQL
    could not tell an organisation whose staff wrote nothing from a busy one, and walked every
    article newest first looking for theirs (300 ms).
    """
    practices = BestPracticePage.organisations.through.objects.filter(organisation=organisation)
    rows = list(
        _tagged_ids(Author.objects.filter(organisation=organisation), AUTHOR, "pk").union(
            _tagged_ids(practices, PRACTICE, "bestpracticepage_id")
        )
    )
    authors = [pk for kind, pk in rows if kind == AUTHOR]
    lists = []
    if len(authors) < len(rows):
        lists.append(ArticlePage.objects.filter(pk__in=practices.values("bestpracticepage_id")))
    if authors:
        written = ArticleAuthor.objects.filter(author__in=authors).values("page_id")
        lists.append(ArticlePage.objects.filter(pk__in=written))
    articles, has_more = _short_list_of_all(request, lists)
    if not articles:
        return ""
    return render_to_string(
        "blog/includes/organisation_articles.html",
        {"articles": articles, "organisation": organisation, "has_more": has_more},
        request=request,
    )


def organisation_adoptions(request, organisation):
    """ "Wat we overnamen": the practice examples this organisation took over, with how far
    it got. One query (the practice examples with their status); none shown is no section."""
    adoptions = list(
        Adoption.objects.filter(
            organisation=organisation,
            page__in=visible(exclude_private(BestPracticePage.objects.live()), request.user),
        )
        .select_related("page")
        .order_by("-updated_at", "-pk")
    )
    if not adoptions:
        return ""
    return render_to_string(
        "blog/includes/organisation_adoptions.html",
        {"adoptions": adoptions, "organisation": organisation},
        request=request,
    )


def network_articles(request, network):
    """The newest articles of ``network``, with a link to its feed. One query."""
    articles, has_more = _short_list(request, ArticlePage.objects.filter(networks=network))
    if not articles:
        return ""
    return render_to_string(
        "blog/includes/network_articles.html",
        {"articles": articles, "network": network, "has_more": has_more},
        request=request,
    )
