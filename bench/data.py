"""Volume for benchmarks and performance tests: thousands of rows in bulk, in seconds.

``bench/seed.py`` calls :func:`seed`; the tests in ``tests/performance`` use the same
builders to make large lists cheaply. Nothing here goes through ``Page.add_child`` or
``save_revision``: pages are written as rows, a batch at a time, with the tree columns
(``path``, ``depth``, ``numchild``, ``url_path``) computed the way treebeard and Wagtail compute
them. Live pages need no revision to be served, so none is made.

The text is generated from short Dutch phrases written for this file, combined at random with
a fixed seed, so two runs with the same sizes build the same site.
"""

import json
import random
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from bench import bulk

BATCH = 500
BENCH_PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 - a throwaway account on a bench database

SUBJECTS = [
    "De gemeente",
    "Het wijkteam",
    "Onze afdeling Dienstverlening",
    "Het samenwerkingsverband",
    "De regio",
    "Het team Vergunningen",
    "De werkgroep privacy",
    "Een kleine plattelandsgemeente",
    "De backoffice",
    "Het klantcontactcentrum",
]
VERBS = [
    "werkt sinds dit jaar met",
    "experimenteert met",
    "heeft goede ervaringen met",
    "deelt de lessen van",
    "onderzoekt",
    "zet stevig in op",
    "evalueert",
    "begon klein met",
]
# What an article is about: each article has one topic, as real articles do, so a specific
# word (parkeervergunning) is in a few percent of the articles and not in nearly all of them.
TOPICS = [
    "één loket voor schuldhulp",
    "een gezamenlijke inkoop van jeugdzorg",
    "de omgevingstafel voor initiatiefnemers",
    "gegevens bij de bron volgens Common Ground",
    "een register van verwerkingen dat leeft",
    "brieven in begrijpelijke taal",
    "een spreekuur in het dorpshuis",
    "het digitaal aanvragen van een parkeervergunning",
    "een pilot met de BIO-zelfevaluatie",
    "vaste contactpersonen voor ondernemers",
    "de kwartaalrapportage voor de raad",
    "wijkgericht werken in het sociaal domein",
    "de overstap naar het nieuwe vergunningenstelsel",
    "een klantreis rond de aanvraag van bijstand",
    "wachtlijsten bij de huishoudelijke hulp",
    "zaakgericht werken in de backoffice",
    "energiecoaches voor huishoudens met een kleine beurs",
    "de aanpak van ondermijning op bedrijventerreinen",
    "hybride vergaderen na de verbouwing van het stadhuis",
    "open data over de begroting",
    "inburgeraars die snel aan het werk willen",
    "minder papieren post naar inwoners",
    "een chatbot op de gemeentelijke website",
    "mantelzorgers die zelf ondersteuning nodig hebben",
]
# The rest of a sentence, when it is not about the topic itself.
GENERIC_OBJECTS = [
    "deze aanpak",
    "de nieuwe werkwijze",
    "een proef van een half jaar",
    "de samenwerking met de buurgemeenten",
    "een klein projectteam",
    "het plan van aanpak",
    "de eerste fase",
    "de ervaringen van collega's",
]
REASONS = [
    "omdat inwoners anders van het kastje naar de muur gaan",
    "zodat medewerkers minder dubbel werk doen",
    "want de doorlooptijden liepen al jaren op",
    "omdat de raad om meer inzicht vroeg",
    "zodat kleine gemeenten niet alles zelf hoeven uit te vinden",
    "omdat de wet dat vraagt en het ook gewoon beter werkt",
]
CLOSERS = [
    "De eerste resultaten zijn bemoedigend.",
    "Niet alles ging in één keer goed, en dat vertellen we ook.",
    "Collega's uit andere gemeenten zijn welkom om mee te kijken.",
    "Het vraagt vooral geduld en een goede relatie met de uitvoering.",
    "De aanpak is zo opgezet dat een buurgemeente hem kan overnemen.",
    "Volgend jaar volgt een tweede evaluatie.",
]
TITLE_STARTS = [
    "Zo pakt",
    "Wat wij leerden van",
    "Vijf lessen over",
    "Waarom",
    "Aan de slag met",
    "Terugblik op",
    "Een jaar",
    "In gesprek over",
]
COMMENT_PHRASES = [
    "Herkenbaar verhaal, bij ons liep het precies zo.",
    "Hoe hebben jullie de privacy-afspraken geregeld?",
    "Mooi om te lezen. Mogen we jullie plan van aanpak eens inzien?",
    "Wij liepen vast op de inkoop, hebben jullie daar tips voor?",
    "Dank voor het delen, dit neem ik mee naar ons MT.",
    "Goed punt over de doorlooptijden.",
    "Wat zou je de volgende keer anders doen?",
    "Bij ons werkte een vaste contactpersoon ook heel goed.",
]
FIRST_NAMES = ["Anouk", "Bram", "Fatima", "Joost", "Mirjam", "Sanne", "Youssef", "Ilse", "Ruud"]
LAST_NAMES = ["de Vries", "Jansen", "El Amrani", "Bakker", "Visser", "Smit", "de Boer", "Mulder"]
ROLES = ["beleidsadviseur", "teamleider", "informatieadviseur", "klantmanager", "jurist"]
TAGS = [
    "wmo",
    "jeugdzorg",
    "schuldhulp",
    "bio",
    "avg",
    "omgevingsplan",
    "participatie",
    "inkoop",
    "dienstverlening",
    "datagedreven",
    "taal",
    "regio",
]
EVENT_KINDS = ["congres", "ledendag", "webinar", "bijeenkomst"]
PLACES = ["Utrecht", "Zwolle", "Den Bosch", "Amersfoort", "Leeuwarden", "Middelburg", "Arnhem"]


class Text:
    """Reproducible Dutch sentences, paragraphs and titles."""

    def __init__(self, seed=2026):
        self.random = random.Random(seed)

    def choice(self, items):
        return self.random.choice(items)

    def topic(self):
        return self.choice(TOPICS)

    def sentence(self, topic=None):
        """One sentence; about ``topic`` one time in three, otherwise about the work itself."""
        about = topic if topic and self.random.random() < 0.35 else self.choice(GENERIC_OBJECTS)
        return f"{self.choice(SUBJECTS)} {self.choice(VERBS)} {about}, {self.choice(REASONS)}."

    def paragraph(self, sentences=4, topic=None):
        parts = [self.sentence(topic) for _ in range(sentences - 1)] + [self.choice(CLOSERS)]
        return " ".join(parts)

    def title(self, number, topic=None):
        return f"{self.choice(TITLE_STARTS)} {topic or self.topic()} ({number})"

    def body(self, paragraphs=4, topic=None):
        """StreamField JSON: headings between rich-text paragraphs."""
        blocks = []
        for number in range(paragraphs):
            if number and number % 2 == 0:
                blocks.append(
                    {
                        "type": "heading",
                        "value": {
                            "text": f"{self.choice(TITLE_STARTS)} de uitvoering",
                            "level": "h2",
                        },
                        "id": str(uuid.UUID(int=self.random.getrandbits(128))),
                    }
                )
            blocks.append(
                {
                    "type": "paragraph",
                    "value": f"<p>{self.paragraph(topic=topic)}</p>",
                    "id": str(uuid.UUID(int=self.random.getrandbits(128))),
                }
            )
        return json.dumps(blocks)


def _chunks(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk_create_pages(parent, pages, published_at=None):
    """Insert unsaved ``pages`` (instances of one specific page model) as live children of
    ``parent`` in a few statements per batch, and return them with their ids set.

    Each table of the multi-table inheritance chain (``wagtailcore_page``, then e.g.
    ``blog_articlepage``, then ``blog_newspage``) gets one INSERT per batch. Paths continue
    after the parent's last child, so this works on a parent that already has children.
    """
    if not pages:
        return []
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    published_at = published_at or timezone.now()
    depth = parent.depth + 1
    for page in pages:
        position += 1
        page.path = Page._get_path(parent.path, depth, position)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.first_published_at = page.first_published_at or published_at
        page.last_published_at = page.first_published_at
        page.latest_revision_created_at = None

    # The chain of concrete tables, from wagtailcore_page down to the page type itself.
    chain = [*reversed(model._meta.get_parent_list()), model]
    if bulk.enabled():
        for page, page_id in zip(pages, bulk.reserve_ids(Page, len(pages)), strict=True):
            page.id = page_id
            for table in chain[1:]:
                for link in table._meta.parents.values():
                    setattr(page, link.attname, page_id)
        for table in chain:
            bulk.copy_objects(table, pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        return pages
    for batch in _chunks(pages):
        rows = Page._base_manager._insert(
            batch,
            fields=[field for field in Page._meta.local_concrete_fields if not field.primary_key],
            returning_fields=[Page._meta.pk],
        )
        for page, (page_id,) in zip(batch, rows, strict=True):
            page.id = page_id
            for table in chain[1:]:
                for link in table._meta.parents.values():
                    setattr(page, link.attname, page_id)
        for table in chain[1:]:
            table._base_manager._insert(batch, fields=table._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages


def index_pages(model, ids):
    """Add pages to Wagtail's search index in batches (what ``update_index`` does, for these
    only) and to the search table PostgreSQL searches (``blog.search_index``)."""
    from blog import search_index

    backend = get_search_backend()
    for batch in _chunks(list(ids), 250):
        backend.add_bulk(model, list(model.get_indexed_objects().filter(pk__in=batch)))
    search_index.refresh(ids)


def ensure_site():
    """The home page, themes, organisations and the two index pages the bench data hangs under."""
    from blog import demo as blog_demo
    from events import demo as events_demo
    from home import demo as home_demo
    from vakgenoten import demo as site_demo
    from vakgenoten.models import HomePage

    home = HomePage.objects.first() or site_demo.load()
    home_demo.load_shared()
    return home, blog_demo.load_index(home), events_demo.load_index(home)


def create_members(count, text=None, prefix="bench"):
    """``count`` members with a verified address, a profile and an organisation; one hashed
    password shared by all (hashing 10,000 times would take minutes)."""
    from allauth.account.models import EmailAddress

    from members.models import Organisation, Profile, User

    text = text or Text()
    password = make_password(BENCH_PASSWORD)
    organisations = list(Organisation.objects.all()) or [None]
    start = User.objects.count()
    users = [
        User(
            email=f"{prefix}{start + number}@gemeente.example",
            first_name=text.choice(FIRST_NAMES),
            last_name=text.choice(LAST_NAMES),
            password=password,
            is_active=True,
        )
        for number in range(count)
    ]
    users = bulk.insert_objects(User, users)
    if users and users[0].pk is None:  # databases that do not return ids from bulk inserts
        users = list(User.objects.filter(email__in=[user.email for user in users]))
    bulk.insert_objects(
        Profile,
        [
            Profile(
                user=user,
                organisation=text.choice(organisations),
                role=text.choice(ROLES),
                bio=text.paragraph(2),
                visibility=Profile.Visibility.PUBLIC if n % 2 else Profile.Visibility.MEMBERS,
            )
            for n, user in enumerate(users)
        ],
    )
    bulk.insert_objects(
        EmailAddress,
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
    )
    return users


def create_articles(blog_index, count, text=None, with_body=True):
    """``count`` live articles of the four types, with authors, themes and tags."""
    from taggit.models import Tag

    from blog.models import (
        ArticleAuthor,
        ArticlePage,
        ArticlePageTag,
        Author,
        BestPracticePage,
        BlogPostPage,
        Interviewee,
        InterviewPage,
        NewsPage,
    )
    from taxonomy.models import Theme

    text = text or Text()
    themes = list(Theme.objects.all())
    authors = list(Author.objects.all()[:40])
    if len(authors) < 10:
        authors += Author.objects.bulk_create(
            [
                Author(name=f"{text.choice(FIRST_NAMES)} {text.choice(LAST_NAMES)}", slug=slug)
                for slug in (f"bench-auteur-{uuid.uuid4().hex[:8]}" for _ in range(10))
            ]
        )
        authors = list(Author.objects.all()[:40])
    tags = [Tag.objects.get_or_create(slug=name, defaults={"name": name})[0] for name in TAGS]
    today = timezone.localdate()
    token = uuid.uuid4().hex[:6]
    by_model = {NewsPage: [], BlogPostPage: [], InterviewPage: [], BestPracticePage: []}
    models = list(by_model)
    for number in range(count):
        model = models[number % len(models)]
        topic = text.topic()
        title = text.title(number, topic)
        fields = {
            "title": title,
            "slug": f"{slugify(title)[:60]}-{token}-{number}",
            "intro": text.paragraph(2, topic)[:480],
            "body": text.body(topic=topic) if with_body else "[]",
            "publication_date": today - timedelta(days=number % 1500),
            "reading_time": 2,
        }
        if model is BestPracticePage:
            fields.update(
                problem=f"<p>{text.sentence(topic)}</p>",
                approach=f"<p>{text.paragraph(3, topic)}</p>",
                results=f"<p>{text.choice(CLOSERS)}</p>",
            )
        by_model[model].append(model(**fields))
    created = []
    for model, pages in by_model.items():
        created += [(model, page) for page in bulk_create_pages(blog_index, pages)]
    # Link rows as plain values: at 100,000 articles a model instance each costs a minute.
    links, theme_links, tag_links, interviewees = [], [], [], []
    through = ArticlePage.themes.through
    for number, (model, page) in enumerate(created):
        links.append({"page_id": page.pk, "author_id": authors[number % len(authors)].pk})
        if themes:
            for theme in {themes[number % len(themes)], themes[(number * 7) % len(themes)]}:
                theme_links.append({"articlepage_id": page.pk, "theme_id": theme.pk})
        for tag in {tags[number % len(tags)], tags[(number * 5) % len(tags)]}:
            tag_links.append({"content_object_id": page.pk, "tag_id": tag.pk})
        if model is InterviewPage:
            interviewees.append(
                {
                    "page_id": page.pk,
                    "name": f"{text.choice(FIRST_NAMES)} {text.choice(LAST_NAMES)}",
                    "role": text.choice(ROLES),
                }
            )
    bulk.insert_rows(ArticleAuthor, links)
    bulk.insert_rows(through, theme_links)
    bulk.insert_rows(ArticlePageTag, tag_links)
    bulk.insert_rows(Interviewee, interviewees)
    return [page for _model, page in created]


def create_comments(pages, per_page, members, text=None):
    """``per_page`` published comments under each page; every fourth one is a reply."""
    from comments.formatting import render_markdown
    from comments.models import Comment

    text = text or Text()
    if not members or per_page <= 0:
        return 0
    rendered = {phrase: render_markdown(phrase) for phrase in COMMENT_PHRASES}
    member_ids = [member.pk for member in members]
    published = Comment.Status.PUBLISHED.value
    now = timezone.now()
    replied_at = now - timedelta(minutes=30)  # after every comment answered
    firsts_per_page = per_page - per_page // 4
    total = 0

    def row(page, number, at, parent_id=None):
        phrase = text.choice(COMMENT_PHRASES)
        values = {
            "page_id": page.pk,
            "user_id": member_ids[number % len(member_ids)],
            "body": phrase,
            "body_html": rendered[phrase],
            "status": published,
            "created_at": at,
            "published_at": at,
        }
        if parent_id is not None:
            values["parent_id"] = parent_id
        return values

    # A thousand pages at a time: top-level comments first, then replies that point at them.
    for start in range(0, len(pages), 1000):
        batch = pages[start : start + 1000]
        firsts = []
        for page in batch:
            # A conversation grows over the days after publication, an hour or more apart.
            for number in range(firsts_per_page):
                at = now - timedelta(hours=per_page - number)
                firsts.append(row(page, total + number, at))
            total += firsts_per_page
        ids = bulk.insert_rows(Comment, firsts, return_ids=True)
        replies = []
        for position, page in enumerate(batch):
            page_firsts = ids[position * firsts_per_page : (position + 1) * firsts_per_page]
            for number in range(per_page // 4):
                parent_id = page_firsts[number % len(page_firsts)]
                replies.append(row(page, total + number, replied_at, parent_id))
            total += per_page // 4
        bulk.insert_rows(Comment, replies)
    return total


def create_events(event_index, count, text=None):
    """``count`` live events spread over the past and the coming two years."""
    from events.models import EventPage

    text = text or Text()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    token = uuid.uuid4().hex[:6]
    pages = []
    for number in range(count):
        # Four in five events are still to come, the rest are in the archive.
        days = -30 * (number % 7 + 1) if number % 5 == 4 else (number * 2) % 720 + 1
        start = now + timedelta(days=days, hours=number % 8)
        kind = EVENT_KINDS[number % len(EVENT_KINDS)]
        place = text.choice(PLACES)
        topic = text.topic()
        title = f"{kind.capitalize()} {topic} in {place}"
        pages.append(
            EventPage(
                title=title,
                slug=f"{slugify(title)[:60]}-{token}-{number}",
                kind=kind,
                intro=text.paragraph(2, topic)[:480],
                start=start,
                end=start + timedelta(hours=3),
                venue_name=f"Stadhuis {place}" if kind != "webinar" else "",
                online_url="https://vergaderen.example/bench" if kind == "webinar" else "",
                body=text.body(2, topic),
                capacity=50 + number % 200,
                registration_enabled=True,
            )
        )
    return bulk_create_pages(event_index, pages)


def create_registrations(events, members, per_event):
    """``per_event`` registered members for each event, a different group for each, seats
    numbered after any already taken."""
    from events.models import Registration

    if not members or per_event <= 0:
        return 0
    taken = dict(
        Registration.objects.filter(event_id__in=[event.pk for event in events])
        .values_list("event_id")
        .annotate(last=Max("seat"))
    )
    size = min(per_event, len(members))
    rows = []
    for number, event in enumerate(events):
        first_seat = (taken.get(event.pk) or 0) + 1
        start = number * size
        for seat in range(size):
            rows.append(
                {
                    "event_id": event.pk,
                    "user_id": members[(start + seat) % len(members)].pk,
                    "status": Registration.Status.REGISTERED.value,
                    "seat": first_seat + seat,
                }
            )
    bulk.insert_rows(Registration, rows)
    return len(rows)


def loaded_tables():
    """The tables a seed fills: their secondary indexes are built after loading."""
    from allauth.account.models import EmailAddress

    from wagtail.search.models import IndexEntry

    from blog.models import (
        ArticleAuthor,
        ArticlePage,
        ArticlePageTag,
        BestPracticePage,
        BlogPostPage,
        Interviewee,
        InterviewPage,
        NewsPage,
        SearchEntry,
    )
    from comments.models import Comment
    from events.models import EventPage, Registration
    from members.models import Profile, User

    models = [Page, ArticlePage, NewsPage, BlogPostPage, InterviewPage, BestPracticePage]
    models += [ArticleAuthor, ArticlePage.themes.through, ArticlePageTag, Interviewee, Comment]
    models += [User, Profile, EmailAddress, EventPage, Registration, SearchEntry, IndexEntry]
    return [model._meta.db_table for model in models]


class Phases:
    """Seconds per phase of a seed, logged as each ends and returned at the end."""

    def __init__(self, log):
        self.log = log
        self.seconds = {}

    @contextmanager
    def __call__(self, name):
        started = time.monotonic()
        yield
        self.seconds[name] = time.monotonic() - started
        self.log(f"{name}: {self.seconds[name]:.1f} s")


def seed(
    articles=100,
    comments_per_article=5,
    members=200,
    events=50,
    busy_article_comments=50,
    index=True,
    registrations_per_event=10,
    log=print,
):
    """Build the bench dataset on top of whatever is there; returns a summary dict.

    On PostgreSQL rows go in with COPY, the secondary indexes of the loaded tables are built
    again after loading, the search rows are written in SQL and the tables analysed; elsewhere
    the ORM's bulk inserts and Wagtail's indexer do the work (small sizes only).
    """
    from blog.models import ArticlePage
    from events.models import EventPage

    text = Text()
    phase = Phases(log)
    tables = loaded_tables()
    with transaction.atomic():
        _home, blog_index, event_index = ensure_site()
        dropped = bulk.drop_indexes(tables)
        with phase("leden"):
            member_list = create_members(members, text)
        log(f"{len(member_list)} leden")
        with phase("artikelen"):
            pages = create_articles(blog_index, articles, text)
        log(f"{len(pages)} artikelen")
        with phase("reacties"):
            comment_count = create_comments(pages, comments_per_article, member_list, text)
            # One article with exactly ``busy_article_comments``: the page the bench measures.
            busy = pages[0] if pages else None
            if busy is not None and busy_article_comments > comments_per_article:
                comment_count += create_comments(
                    [busy], busy_article_comments - comments_per_article, member_list, text
                )
        log(f"{comment_count} reacties")
        with phase("evenementen"):
            event_pages = create_events(event_index, events, text)
        log(f"{len(event_pages)} evenementen")
        with phase("inschrijvingen"):
            registrations = create_registrations(event_pages, member_list, registrations_per_event)
        log(f"{registrations} inschrijvingen")
        if index and bulk.enabled():
            with phase("zoekindex"):
                bulk.fill_search("article", [page.pk for page in pages])
                bulk.fill_search("event", [page.pk for page in event_pages])
        with phase("indexen"):
            bulk.create_indexes(dropped)
        log(f"{len(dropped)} indexen na het laden gebouwd")
        with phase("analyze"):
            bulk.analyze(tables)
    if index and not bulk.enabled():
        with phase("zoekindex"):
            for model in {type(page) for page in pages}:
                index_pages(model, [page.pk for page in pages if type(page) is model])
            index_pages(EventPage, [page.pk for page in event_pages])
    if index:
        log("zoekindex bijgewerkt")
    return {
        "articles": ArticlePage.objects.count(),
        "events": EventPage.objects.count(),
        "busy_article_url": busy.url_path if busy else None,
        "busy_article_id": busy.pk if busy else None,
        "member_email": member_list[0].email if member_list else None,
        "seconds": phase.seconds,
    }
