"""Addresses with a NUL byte, broken UTF-8, Unicode digits or huge numbers get a clear answer.

The probe's server errors, each reproduced: a NUL byte in the search box, the tag filter, the
personal calendar's address and the admin's comment search; ``?reageer=²`` on an article with
comments and ``?page_id=²`` in the admin's comment list. vakgenoten.middleware answers the
unreadable ones with a Dutch 400 page before any view runs; the views read numbers with
vakgenoten.params.int_param, which takes ASCII digits only.
"""

import pytest

from tests.blog.factories import make_article, with_second_factor
from tests.factories import BlogIndexPageFactory, UserFactory
from vakgenoten.params import int_param, parse_int

pytestmark = pytest.mark.django_db

REFUSAL = "Dit adres klopt niet"


@pytest.fixture
def editor_client(client):
    client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    return client


@pytest.mark.parametrize(
    "address",
    [
        "/zoeken/?q=%00",
        "/zoeken/?q=gemeente%00",
        "/zoeken/?q=%ED%A0%80",
        "/zoeken/?q=%FF%FE",
        "/%00/",
        "/zoeken%00/",
        "/leden/%ED%A0%80/",
        "/evenementen/1000000000000000000000000000000/agenda.ics",
        "/weergave/1000000000000000000000000000000/pixel.gif",
    ],
)
def test_visitor_gets_a_dutch_400_for_an_unreadable_address(client, home_page, address):
    response = client.get(address)
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()


def test_tag_filter_with_a_nul_byte_is_refused(client, home_page):
    BlogIndexPageFactory(parent=home_page)
    response = client.get("/kennisbank/?tag=%00")
    assert response.status_code == 400


def test_ordinary_accents_and_other_scripts_are_searched_as_usual(client, home_page):
    for query in ["caf%C3%A9", "%D9%81%D8%A7%D8%B7%D9%85%D8%A9", "Wmo+2015"]:
        assert client.get(f"/zoeken/?q={query}").status_code == 200


def test_editor_gets_a_400_for_a_nul_byte_in_the_admin_comment_search(editor_client, home_page):
    response = editor_client.get("/admin/reacties/?q=%00")
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()


@pytest.mark.parametrize("page_id", ["%C2%B2", "%D9%A3", "-1", str(10**30), "abc"])
def test_editor_sees_the_whole_comment_list_for_a_page_id_that_is_no_number(
    editor_client, home_page, page_id
):
    response = editor_client.get(f"/admin/reacties/?page_id={page_id}")
    assert response.status_code == 200
    assert response.context["page_id"] == ""


@pytest.mark.parametrize("reply_to", ["%C2%B2", "%D9%A3", "-1", str(10**30)])
def test_reader_of_an_article_with_comments_gets_the_page_for_a_strange_reply_number(
    client, home_page, reply_to
):
    from blog.models import BlogPostPage
    from comments.models import CommentSettings
    from tests.comments.factories import make_comment

    index = BlogIndexPageFactory(parent=home_page)
    article = make_article(index, model=BlogPostPage, title="Samen inkopen")
    CommentSettings.objects.all().update(hold_first_comments=0)
    make_comment(article, UserFactory(), "Mooi verhaal.")

    response = client.get(f"{article.url}?reageer={reply_to}")
    assert response.status_code == 200
    assert "Mooi verhaal." in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "/admin/choose-external-link/?parent_page_id=%C2%B2",
        "/admin/choose-external-link/?parent_page_id=-1",
        "/admin/choose-page/chosen-multiple/?id=%D9%A3",
        "/admin/choose-page/chosen-multiple/?id=1000000000000000000000000000000",
        "/admin/workflows/edit/1/?p=%C2%B2",
        "/admin/snippets/choose/blog/theme/chosen/%C2%B2/",
        "/admin/images/chooser/chosen/token-in-plaats-van-nummer/",
        "/admin/documents/chooser/chosen/x/",
    ],
)
def test_editor_gets_a_400_where_wagtail_would_read_a_strange_number(editor_client, address):
    assert editor_client.get(address).status_code == 400


def test_a_page_number_past_the_end_of_a_wagtail_list_is_not_found(editor_client, home_page):
    from wagtail.models import Workflow

    workflow = Workflow.objects.first()
    assert editor_client.get(f"/admin/workflows/edit/{workflow.pk}/?p=99").status_code == 404


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        ("0", 0),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("1.5", None),
        (" 7", None),
        (str(10**30), None),
        (str(2**63 - 1), 2**63 - 1),
        ("", None),
        (None, None),
    ],
)
def test_parse_int_takes_plain_ascii_digits_in_the_range_of_an_id(value, expected):
    assert parse_int(value) == expected


def test_int_param_reads_a_query_parameter_with_a_default():
    from django.http import QueryDict

    params = QueryDict("page_id=٣&reageer=5")
    assert int_param(params, "page_id", "leeg") == "leeg"
    assert int_param(params, "reageer") == 5
    assert int_param(params, "reageer", minimum=6) is None
