"""The admin's own search keeps working beside the site's search table.

Site search reads ``blog.SearchEntry`` on PostgreSQL; the admin searches Wagtail's index, which
also holds drafts, images, documents and snippets (docs/search.md). Each is found here by a
word of its title or name, on SQLite and on PostgreSQL.
"""

import pytest

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.blog.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def admin_finds(admin_client, url, query, text):
    response = admin_client.get(url, {"q": query})
    assert response.status_code == 200
    return text in response.content.decode()


def test_the_admin_finds_a_draft_page_that_site_search_does_not(admin_client, client, blog_index):
    make_article(blog_index, title="Wachtlijstvrije schuldhulp", publish=False)

    assert admin_finds(admin_client, "/admin/pages/search/", "wachtlijstvrije", "Wachtlijstvrije")
    site = client.get("/zoeken/", {"q": "wachtlijstvrije"})
    assert site.context["result_count"] == 0


def test_the_admin_finds_images_documents_and_snippets(admin_client):
    Image.objects.create(title="Plattegrond dorpshuis", file=get_test_image_file())
    Document.objects.create(
        title="Jaarverslag wijkteam", file=ContentFile(b"Jaarverslag", name="jaarverslag.txt")
    )
    make_author("Ineke Zoekbaar")

    assert admin_finds(admin_client, "/admin/images/", "plattegrond", "Plattegrond dorpshuis")
    assert admin_finds(admin_client, "/admin/documents/", "jaarverslag", "Jaarverslag wijkteam")
    assert admin_finds(admin_client, "/admin/snippets/blog/author/", "zoekbaar", "Ineke Zoekbaar")
