"""From what a member typed to HTML that is safe to show: Markdown, then an allowlist.

Members write a small Markdown subset: paragraphs, bold, italic, links, lists and quotes.
markdown-it-py renders it with raw HTML switched off (typed tags come out as text), then nh3
(the Ammonia sanitiser) keeps only the allowed tags and attributes and only http, https and
mailto links. Two independent layers: a gap in one is closed by the other.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote"}
# "*": nothing; without it nh3 keeps its default generic attributes (title, lang).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Links that count for the "more than N links" rule: written as Markdown or typed bare.
URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)

_markdown = MarkdownIt(
    "zero", {"html": False, "breaks": True, "linkify": False, "typographer": False}
).enable(["emphasis", "link", "autolink", "list", "blockquote", "newline", "escape"])


def render_markdown(text):
    """The member's Markdown as sanitised HTML; the result can be shown as it is."""
    html = _markdown.render(text or "")
    return sanitise_html(html)


def _only_absolute_links(tag, attribute, value):
    """Keep an href only when it is a full http, https or mailto address (no relative links,
    whose meaning a reader cannot check)."""
    if attribute == "href" and not value.strip().lower().startswith(
        ("http://", "https://", "mailto:")
    ):
        return None
    return value


def sanitise_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=_only_absolute_links,
    ).strip()


def count_links(text):
    """How many web addresses the text contains, however they were written."""
    return len(URL_PATTERN.findall(text or ""))


def plain_text(html):
    """The text of rendered HTML without tags, for e-mails and excerpts."""
    text = re.sub(r"</(p|li|blockquote)>", "\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = nh3.clean(text, tags=set())
    import html as html_module

    return re.sub(r"\n{3,}", "\n\n", html_module.unescape(text)).strip()
