"""A member writes to a colleague from her profile under the strict CSP: the e-mail reaches
the colleague with Reply-To the writer; the colleague blocks her from the link in the e-mail,
and from then on her profile view says only that the colleague receives no messages."""

import re

import pytest
from playwright.sync_api import expect

from contact.models import MemberMessage
from members.models import MemberBlock
from tests.browser.helpers import sign_in_with_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def people(transactional_db):
    from wagtail.models import Site

    from comments.models import CommentSettings
    from tests.factories import UserFactory
    from vakgenoten import demo

    demo.load()
    settings = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hold_first_comments = 0
    settings.save()
    anouk = UserFactory(first_name="Anouk", last_name="de Vries", email="anouk@lindenholt.example")
    bram = UserFactory(first_name="Bram", last_name="Jansen", email="bram@bergambacht.example")
    return anouk, bram


def test_member_sends_a_message_and_the_recipient_blocks_her_from_the_email(
    page, browser, live_server, people, mailoutbox
):
    anouk, bram = people
    sign_in_with_cookie(page, live_server, anouk)
    page.goto(f"{live_server.url}{bram.get_absolute_url()}")
    page.get_by_role("link", name="Stuur een bericht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht aan Bram Jansen")
    expect(page.get_by_text("Door te versturen geef je je e-mailadres")).to_be_visible()

    # An empty message is refused in Dutch; the focusable error summary is shown.
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_text("Schrijf eerst je bericht.").first).to_be_visible()
    page.get_by_label("Je bericht").fill("Hoi Bram, hoe regelen jullie de inkoop van Wmo-hulp?")
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je bericht is verstuurd")
    assert bram.email not in page.content()

    [mail] = mailoutbox
    assert mail.to == [bram.email]
    assert mail.extra_headers["Reply-To"] == anouk.email
    assert "hoe regelen jullie de inkoop" in mail.body
    assert MemberMessage.objects.get().status == MemberMessage.Status.SENT

    # Bram opens the block link from the e-mail in his own browser, without logging in.
    block_link = re.search(r"http://\S+/berichten/blokkeren/\S+/", mail.body).group(0)
    path = block_link.split("/berichten/", 1)[1]
    bram_context = browser.new_context(base_url=live_server.url)
    bram_page = bram_context.new_page()
    bram_page.goto(f"{live_server.url}/berichten/{path}")
    expect(bram_page.get_by_role("heading", level=1)).to_have_text("Anouk de Vries blokkeren?")
    bram_page.get_by_role("button", name="Ja, blokkeer").click()
    expect(bram_page.get_by_role("heading", level=1)).to_have_text("Afzender geblokkeerd")
    bram_context.close()
    assert MemberBlock.objects.filter(blocker=bram, blocked=anouk).exists()

    page.goto(f"{live_server.url}{bram.get_absolute_url()}")
    expect(page.get_by_text("Dit lid ontvangt geen berichten via Vakgenoten.")).to_be_visible()
    expect(page.get_by_role("link", name="Stuur een bericht")).to_have_count(0)
