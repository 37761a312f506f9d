"""Shared steps of the interviewee approval tests: an interview with interviewees, submitted
by an author, and the links the interviewees were mailed."""

import re

from django.contrib.auth.models import Group

from blog.editorial import AUTHORS_GROUP, EDITORS_GROUP
from blog.models import Interviewee, InterviewPage
from tests.blog.factories import make_article, with_second_factor
from tests.factories import UserFactory
from vakgenoten.models import OutgoingEmail

LINK = re.compile(r"/interview-akkoord/([A-Za-z0-9_-]+)/")


def member_of(group_name, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return with_second_factor(user)


def author():
    return member_of(AUTHORS_GROUP, first_name="Aad", last_name="Auteur")


def editor():
    return member_of(EDITORS_GROUP, first_name="Ria", last_name="Redacteur")


def interviewees(*people):
    """``("Anouk de Vries", "anouk@gemeente.example")`` pairs; an empty address for none."""
    return [
        Interviewee(name=name, email=email, role="beleidsadviseur", sort_order=number)
        for number, (name, email) in enumerate(people)
    ]


def draft_interview(blog_index, people, title="Zo deden wij het"):
    return make_article(
        blog_index, InterviewPage, title=title, publish=False, interviewees=interviewees(*people)
    )


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def links_for(email):
    """The approval tokens mailed to ``email``, oldest first."""
    bodies = OutgoingEmail.objects.filter(to=email, key__startswith="blog:interview-approval:")
    return [
        LINK.search(body).group(1) for body in bodies.order_by("pk").values_list("body", flat=True)
    ]


def approval_url(token):
    return f"/interview-akkoord/{token}/"
