"""From what a member typed to HTML that is safe to show: Markdown, then an allowlist.

Members write a small Markdown subset: paragraphs, bold, italic, links, lists and quotes.
markdown-it-py renders it with raw HTML switched off (typed tags come out as text), then nh3
(the Ammonia sanitiser) keeps only the allowed tags and attributes and only http, https and
mailto links. Two independent layers: a gap in one is closed by the other.

A mention, ``@Voornaam Achternaam``, becomes a link to that member's profile
(``<a href="/leden/12/" class="mention">``) when ``render_markdown`` is given the names it
should link (``comments.mentions`` finds them). The link is made as a Markdown token, never by
pasting HTML into text, and the sanitiser lets through no other relative address than a
profile's and no other class than ``mention``. The stored source keeps the plain ``@Naam``.
"""

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote"}
# "*": nothing; without it nh3 keeps its default generic attributes (title, lang).
ALLOWED_ATTRIBUTES = {"*": set(), "a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_CLASSES = {"a": {"mention"}}
# The one kind of relative link kept: a member's profile, as a mention links it.
PROFILE_PATH = re.compile(r"/leden/[1-9][0-9]{0,18}/")
LINK_REL = "nofollow ugc noopener"

# Links that count for the "more than N links" rule: written as Markdown or typed bare.
URL_PATTERN = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)

_markdown = MarkdownIt(
    "zero", {"html": False, "breaks": True, "linkify": False, "typographer": False}
).enable(["emphasis", "link", "autolink", "list", "blockquote", "newline", "escape"])


def render_markdown(text, mentions=None):
    """The member's Markdown as sanitised HTML; the result can be shown as it is.

    ``mentions`` maps a full name to the profile path an ``@``-mention of it links to.
    """
    if not mentions:
        return sanitise_html(_markdown.render(text or ""))
    env = {}
    tokens = _markdown.parse(text or "", env)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _link_mentions(token.children, mentions)
    return sanitise_html(_markdown.renderer.render(tokens, _markdown.options, env))


# --- Mentions ---------------------------------------------------------------------------------

# At most this many words after "@" are tried as a name, the longest first.
MENTION_MAX_WORDS = 6
_MENTION_WORD = re.compile(r"[ \t]*(\S+)")
# Punctuation that ends a sentence or clause, not a name: "@Anouk de Vries, wat denk jij?"
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"’”…"


def mention_candidates(text):
    """Each ``@`` that starts a mention in ``text``, with the names it could be.

    Yields ``(start, [(end, name), ...])``: ``start`` is the position of the ``@``, each
    ``name`` the words after it (two or more, spaces made single, trailing punctuation off)
    ending at ``end``, longest first. An ``@`` inside a word (an e-mail address) starts none.
    """
    text = text or ""
    position = text.find("@")
    while position != -1:
        before = text[position - 1] if position else " "
        if not (before.isalnum() or before in "_@"):
            words, end = [], position + 1
            names = []
            while len(words) < MENTION_MAX_WORDS:
                match = _MENTION_WORD.match(text, end)
                if match is None or (not words and match.start(1) != position + 1):
                    break
                word = match.group(1)
                if "@" in word:
                    break
                words.append(word)
                end = match.end(1)
                if len(words) >= 2:
                    stripped = words[-1].rstrip(_TRAILING_PUNCTUATION)
                    if stripped:
                        cut = end - (len(words[-1]) - len(stripped))
                        names.append((cut, " ".join([*words[:-1], stripped])))
                if word != word.rstrip(_TRAILING_PUNCTUATION):
                    break  # a name does not go on past a comma or full stop
            if names:
                yield position, list(reversed(names))
        position = text.find("@", position + 1)


def _link_mentions(children, mentions):
    """The inline tokens with each mention in plain text (not inside a link) made a link."""
    result, depth = [], 0
    for token in children:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        if token.type != "text" or depth > 0 or "@" not in token.content:
            result.append(token)
            continue
        content, done = token.content, 0
        for start, names in mention_candidates(content):
            if start < done:
                continue
            for end, name in names:
                path = mentions.get(name)
                if path:
                    if start > done:
                        result.append(_text_token(content[done:start]))
                    result.extend(_mention_tokens(path, content[start:end]))
                    done = end
                    break
        if done == 0:
            result.append(token)
        elif done < len(content):
            result.append(_text_token(content[done:]))
    return result


def _text_token(content):
    token = Token("text", "", 0)
    token.content = content
    return token


def _mention_tokens(path, label):
    link = Token("link_open", "a", 1)
    link.attrs = {"href": path, "class": "mention"}
    return [link, _text_token(label), Token("link_close", "a", -1)]


def mentioned_paths(html):
    """The profile paths the mention links in sanitised comment HTML point to, in order."""
    return re.findall(r'<a href="(/leden/[0-9]+/)"[^>]*\bclass="mention"', html or "")


def _only_absolute_links(tag, attribute, value):
    """Keep an href only when it is a full http, https or mailto address (no relative links,
    whose meaning a reader cannot check), or a member's profile (a mention)."""
    if attribute == "href" and not value.strip().lower().startswith(
        ("http://", "https://", "mailto:")
    ):
        return value if PROFILE_PATH.fullmatch(value) else None
    return value


def sanitise_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        allowed_classes=ALLOWED_CLASSES,
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
