"""A burst of simultaneous posts cannot get a member past the comment rate limit.

The probe got 6 comments through a limit of 5 by posting them all at once: each request counted
the member's recent comments before any of the others had inserted theirs. This test posts from
real threads, each with its own database connection, and counts the rows afterwards.
"""

import pytest

from django.test import Client

from comments.models import Comment
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 5
POSTS = 12


def test_member_posting_a_burst_at_once_gets_no_more_than_the_limit(
    member, article, comment_settings, tmp_path
):
    comment_settings.rate_limit_count = LIMIT
    comment_settings.rate_limit_minutes = 10
    comment_settings.save()
    clients = []
    for _ in range(POSTS):
        client = Client()
        client.force_login(member)
        clients.append(client)

    def poster(client, number):
        url = f"/reacties/pagina/{article.pk}/"
        text = f"Gedachte nummer {number} over samen inkopen."
        return lambda: client.post(url, {"body": text, "post": "1"})

    responses = at_once([poster(client, n) for n, client in enumerate(clients)], tmp_path)

    assert Comment.objects.filter(user=member).count() == LIMIT
    codes = sorted(response.status_code for response in responses)
    assert codes == [200] * (POSTS - LIMIT) + [302] * LIMIT
    for response in responses:
        if response.status_code == 200:
            assert "Wacht even" in response.content.decode()
