"""Template tags of publishing: structured data and feed links (absolute URLs: ``link_tags``)."""

from django import template

from vakgenoten import links
from vakgenoten.structured_data import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, image_url=""):
    """``<script type="application/ld+json">`` with the schema.org ``Article`` of a page."""
    request = context.get("request")
    authors = context.get("authors") or []
    data = {
        "@context": "https://schema.org",
        "@type": page.type_info.schema_type if page.type_info else "Article",
        "headline": page.title[:110],
        "description": page.intro,
        "datePublished": page.publication_date.isoformat(),
        "inLanguage": "nl",
        "url": links.page_url(page, request),
        "mainEntityOfPage": links.page_url(page, request),
        # A preview counts its draft; a published page has its count from when it was saved.
        "wordCount": page.count_words() if getattr(request, "is_preview", False) else page.words,
        "publisher": {"@type": "Organization", "name": "Vakgenoten"},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if image_url:
        data["image"] = [image_url]
    if authors:
        data["author"] = [
            {
                "@type": "Person",
                "name": author.name,
                **({"jobTitle": author.role} if author.role else {}),
                **(
                    {"worksFor": {"@type": "Organization", "name": author.organisation.name}}
                    if author.organisation_id
                    else {}
                ),
            }
            for author in authors
        ]
    themes = context.get("themes") or []
    if themes:
        data["about"] = [theme.name for theme in themes]
    tags = context.get("article_tags") or []
    if tags:
        data["keywords"] = ", ".join(tag.name for tag in tags)
    return json_ld_script(data)


@register.inclusion_tag("blog/includes/feed_links.html", takes_context=True)
def feed_links(context, index_page, theme=None):
    """``<link rel="alternate">`` elements for the RSS and Atom feeds (and a theme's)."""
    links = []
    request = context.get("request")
    if index_page is not None:
        rss, atom = index_page.feed_urls(request=request)
        links += [("application/rss+xml", rss, "RSS"), ("application/atom+xml", atom, "Atom")]
        if theme is not None:
            rss, atom = index_page.feed_urls(theme, request=request)
            links += [
                ("application/rss+xml", rss, f"RSS {theme.name}"),
                ("application/atom+xml", atom, f"Atom {theme.name}"),
            ]
    return {"links": links, "site_title": "Vakgenoten"}


@register.simple_tag(takes_context=True)
def author_url(context, index_page, author):
    """The address of an author's page on the knowledge base ``index_page``."""
    if index_page is None:
        return ""
    base = index_page.get_url(context.get("request")) or ""
    return base + index_page.specific_deferred.reverse_subpage("author", args=[author.slug])


@register.simple_tag(takes_context=True)
def index_feed_urls(context, index_page, theme=None):
    """(RSS URL, Atom URL) of all articles, or of one theme's."""
    return index_page.feed_urls(theme, request=context.get("request"))
