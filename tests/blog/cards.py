"""Reading a listing page the way its reader does: the titles on its article cards."""

import html
import re

CARD_TITLE = re.compile(r'<a class="card__link" href="[^"]*">([^<]*)</a>')


def card_titles(response):
    """The titles of the article cards on a listing page, in their order."""
    return [html.unescape(title) for title in CARD_TITLE.findall(response.content.decode())]
