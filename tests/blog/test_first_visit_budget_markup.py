"""Lists stay inside the first-visit budget of 10 requests (issue 16): only the first row of
article cards carries a picture, and member lists show initials instead of photos. The browser
test (tests/accessibility/browser/test_first_visit.py) counts the requests; these pin the markup.
"""

import pytest

from tests.blog.factories import make_article, make_image
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_knowledge_base_pictures_its_first_three_cards_only(client, blog_index):
    image = make_image()
    for number in range(6):
        make_article(blog_index, title=f"Artikel {number}", hero_image=image, hero_image_alt="x")

    html = client.get(blog_index.url).content.decode()

    assert html.count('class="card article-card card--with-image"') == 3
    assert html.count("<picture") == 3


def test_the_member_directory_shows_initials_not_photos(client):
    colleague = UserFactory(first_name="Fatima", last_name="Bakker")
    colleague.profile.avatar_thumbnail = "avatars/0123456789abcdef.webp"
    colleague.profile.save()
    client.force_login(UserFactory())

    html = client.get("/leden/").content.decode()

    assert "Fatima Bakker" in html
    assert "0123456789abcdef.webp" not in html
    assert 'avatar--initials" aria-hidden="true">FB<' in html


def test_read_also_under_an_article_is_text_only(client, blog_index):
    image = make_image()
    article = make_article(blog_index, title="Hoofdartikel")
    for number in range(3):
        make_article(blog_index, title=f"Verwant {number}", hero_image=image, hero_image_alt="x")

    html = client.get(article.url).content.decode()

    assert "Verwant 0" in html
    assert "card--with-image" not in html
