"""The first paint waits for the whole page above the footer (``<link rel="expect">`` in
base.html). Without it, Chromium on a busy machine painted half-parsed pages: the header's
search form before the account links, a card's text before its picture, and what came later
pushed what was already on screen (a layout shift, caught now and then by the browser test
``test_nothing_moves_while_the_page_loads``)."""

import re

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECT = re.compile(r'<link rel="expect" href="#([\w-]+)" blocking="render">')


@pytest.mark.parametrize("path", [reverse("account_login"), "/bestaat-niet/"])
def test_the_first_paint_waits_for_an_element_the_page_has(client, path):
    html = client.get(path).content.decode()
    head, body = html.split("</head>", 1)
    expected = EXPECT.search(head)
    assert expected, "base.html holds the first paint until the footer is parsed"
    assert body.count(f'id="{expected.group(1)}"') == 1
    # Near the end: everything on screen is parsed before the first paint.
    assert body.index(f'id="{expected.group(1)}"') > body.index("</main>")
