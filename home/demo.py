"""Demo content for the whole site, loaded in the order the layers build on each other, and the
demo accounts: one demo member per role, so a newcomer can try each of them."""

from django.contrib.auth.models import Group

from blog import demo as blog_demo
from blog.editorial import AUTHORS_GROUP, EDITORS_GROUP
from blog.models import Author
from collaborations import demo as collaborations_demo
from comments import demo as comments_demo
from comments.groups import MODERATORS_GROUP, ensure_moderators
from events import demo as events_demo
from events.groups import ORGANISERS, make_organiser
from members import demo as members_demo
from members.models import Network, User
from questions import demo as questions_demo
from taxonomy import demo as taxonomy_demo
from vakgenoten import demo as site_demo

# (role as printed, e-mail of the demo member, group, network the member manages, author slug)
# Every one is a demo member of members/demo.py with a name, organisation and role; none is
# staff or superuser: what each may do comes from the group alone.
ROLE_ACCOUNTS = [
    ("redactie", "eline.vos@lindenholt.example", EDITORS_GROUP, None, None),
    ("auteur", "marieke.vandijk@westerveen.example", AUTHORS_GROUP, None, "marieke-van-dijk"),
    ("moderator", "iris.mulder@oosterdijk.example", MODERATORS_GROUP, None, None),
    (
        "organisator",
        "bram.jansen@bergambacht.example",
        ORGANISERS,
        members_demo.BEDRIJFSVOERING,
        None,
    ),
    ("lid", "anouk.devries@lindenholt.example", None, None, None),
]


def load_shared():
    """What every domain's demo refers to: themes, organisations and networks."""
    taxonomy_demo.load()
    members_demo.load_organisations_and_networks()


def load_role_accounts():
    """Put the role accounts' demo members in their groups (and the organiser at the head of
    their network); idempotent. Their passwords are set by ``manage.py demo_accounts``."""
    ensure_moderators()
    users = {user.email: user for user in User.objects.filter(email__in=role_emails())}
    for _role, email, group_name, managed_network, author_slug in ROLE_ACCOUNTS:
        user = users.get(email)
        if user is None:
            continue
        if group_name and not user.groups.filter(name=group_name).exists():
            user.groups.add(Group.objects.get(name=group_name))
        if managed_network:
            make_organiser(user, Network.objects.get(slug=managed_network))
        if author_slug:
            Author.objects.filter(slug=author_slug, user=None).update(user=user)


def role_emails():
    return [email for _role, email, *_rest in ROLE_ACCOUNTS]


def load():
    """The home page and standard pages, then each domain's content and the role accounts;
    returns the home page.

    Every loader is idempotent, so loading twice changes nothing.
    """
    home = site_demo.load()
    load_shared()
    for loader in (
        members_demo.load,
        collaborations_demo.load,
        blog_demo.load,
        events_demo.load,
        comments_demo.load,
        questions_demo.load,
    ):
        loader(home)
    load_role_accounts()
    return home
