"""Every page type of the public site, signed out and signed in, for the accessibility checks.

One list serves both checkers: the Nu HTML checker reads the pages as Django's test client
renders them, axe-core reads them in Chromium. A page type added here is checked by both.
A visit either opens an address, or opens it and submits one of its forms (to see a page with
errors, a preview, or the step after sign-up).
"""

from dataclasses import dataclass, field

from tests.demo_rows import NotedLoad

ANONYMOUS = "afgemeld"
MEMBER = "ingelogd"
EDITOR = "redactie"
BOTH = (ANONYMOUS, MEMBER)

# Longer than the 500 characters a registration remark may have.
TOO_LONG_REMARK = "Ik heb een rolstoel en wil graag een plek vooraan. " * 12


@dataclass(frozen=True)
class Visit:
    name: str
    path: str
    who: tuple = BOTH
    # Submit a form after opening the page: the CSS selector of the form, the address it
    # posts to (for the test client), what is typed into it and the button pressed.
    form: str | None = None
    action: str | None = None
    data: dict = field(default_factory=dict)
    button: str | None = None
    status: int = 200


@dataclass
class DemoSite:
    """The demo content plus the few records the visits refer to."""

    member: object
    article: object
    event: object
    public_profile: object
    author_slug: str
    editor: object = None


_DEMO_SITE = NotedLoad(saves_files=True)


def build_demo_site():
    """The demo content every page type needs (the same loaders as ``manage.py load_demo``),
    loaded once per run and written per test or module (tests/demo_rows.py)."""
    return _DEMO_SITE(_load_demo_site)


def _load_demo_site():
    from blog import demo as blog_demo
    from blog.models import Author, BlogPostPage
    from collaborations import demo as collaborations_demo
    from comments import demo as comments_demo
    from events import demo as events_demo
    from events.models import EventPage
    from events.registration import register
    from home import demo as home_demo
    from members import demo as members_demo
    from members.models import Profile, User
    from questions import demo as questions_demo
    from vakgenoten import demo

    home = demo.load()
    home_demo.load_shared()
    members_demo.load(home)
    collaborations_demo.load(home)
    blog_demo.load(home)
    events_demo.load(home)
    comments_demo.load(home)
    questions_demo.load(home)

    member = User.objects.get(email="fatima.elamrani@oosterdijk.example")
    # "Mijn evenementen" shows something: she is registered for the webinar.
    register(EventPage.objects.get(slug="webinar-bio-in-kleine-gemeenten"), user=member, remark="")
    public_profile = (
        Profile.objects.filter(visibility=Profile.Visibility.PUBLIC)
        .exclude(user=member)
        .select_related("user")
        .first()
        .user
    )
    # "Wat ik volg" shows one of each kind; the theme's and network's buttons are pressed.
    from members.demo import BEDRIJFSVOERING
    from members.follows import follow
    from members.models import Network, Organisation
    from taxonomy.models import Theme

    for target in (
        Theme.objects.get(slug="sociaal-domein"),
        public_profile,
        Network.objects.get(slug=BEDRIJFSVOERING),
        Organisation.objects.get(slug="gemeente-westerveen"),
    ):
        follow(member, target)
    # "Meldingen" shows something: an unread reply and a read seat notification.
    from members.inbox import mark_read, notify
    from members.models import Notification

    notify(
        member,
        Notification.Kind.REPLY,
        "a11y-reply",
        actor=public_profile,
        subject="Samen inkopen met de buurgemeenten",
        excerpt="Hoe regelen jullie de aanbesteding?",
        url="/",
    )
    seat = notify(member, Notification.Kind.SEAT, "a11y-seat", subject="Ledendag", url="/agenda/")
    mark_read(member, [seat.pk])
    # An editor of the Redactie group, with the second factor the admin asks for.
    from tests.factories import EditorFactory

    editor = EditorFactory(first_name="Ria", last_name="Redacteur")
    return DemoSite(
        editor=editor,
        member=member,
        article=BlogPostPage.objects.live().first(),
        event=EventPage.objects.get(slug="congres-samen-digitaal-2027"),
        public_profile=public_profile,
        author_slug=Author.objects.order_by("slug").first().slug,
    )


def visits(site):
    """The page types of the public site, in the order a reader might meet them."""
    from members.demo import BEDRIJFSVOERING
    from members.models import Network

    article = site.article.url
    event = site.event.url
    network = Network.objects.get(slug=BEDRIJFSVOERING)
    return [
        Visit("home", "/"),
        Visit("standaardpagina", "/over-vakgenoten/"),
        Visit("toegankelijkheidsverklaring", "/toegankelijkheidsverklaring/"),
        Visit("privacyverklaring", "/privacyverklaring/"),
        Visit("zoeken-leeg", "/zoeken/"),
        Visit("zoeken-met-resultaten", "/zoeken/?q=keukentafel"),
        Visit("zoeken-zonder-resultaten", "/zoeken/?q=xylofoonreparatie"),
        Visit("kennisbank", "/kennisbank/"),
        Visit("kennisbank-gefilterd", "/kennisbank/?type=interview&thema=sociaal-domein"),
        Visit("blog", article),
        Visit("interview", "/kennisbank/het-wmo-loket-is-geen-loket-meer/"),
        Visit("praktijkvoorbeeld", PRACTICE),
        Visit("nieuws", "/kennisbank/kennisbank-met-praktijkvoorbeelden-online/"),
        Visit("auteur", f"/kennisbank/auteur/{site.author_slug}/"),
        Visit("agenda", "/agenda/"),
        Visit("agenda-gefilterd", "/agenda/?soort=congres"),
        Visit("evenement", event),
        Visit("mijn-evenementen", "/mijn-evenementen/", who=(MEMBER,)),
        Visit("ledengids", "/leden/", who=(MEMBER,)),
        Visit("profiel", site.public_profile.get_absolute_url()),
        Visit("organisaties", "/organisaties/"),
        Visit("netwerken", "/netwerken/"),
        Visit("profiel-bewerken", "/mijn-account/profiel/", who=(MEMBER,)),
        Visit("mijn-gegevens", "/mijn-account/gegevens/", who=(MEMBER,)),
        Visit("meldingen", "/mijn-account/meldingen/", who=(MEMBER,)),
        Visit("voor-jou", "/voor-jou/", who=(MEMBER,)),
        Visit("meldingen-lijst", "/meldingen/", who=(MEMBER,)),
        Visit("inloggen", "/accounts/login/", who=(ANONYMOUS,)),
        Visit("lid-worden", "/accounts/signup/", who=(ANONYMOUS,)),
        Visit("wachtwoord-vergeten", "/accounts/password/reset/", who=(ANONYMOUS,)),
        Visit("probleem-melden", "/probleem-melden/"),
        Visit("niet-gevonden", "/deze-pagina-bestaat-niet/", status=404),
        # Pages that follow a submitted form.
        Visit(
            "inloggen-met-fouten",
            "/accounts/login/",
            who=(ANONYMOUS,),
            form="main form",
            action="/accounts/login/",
            data={"login": "niemand@example.org", "password": "fout-wachtwoord"},
        ),
        Visit(
            "lid-worden-met-fouten",
            "/accounts/signup/",
            who=(ANONYMOUS,),
            form="main form",
            action="/accounts/signup/",
        ),
        Visit(
            "e-mailcode",
            "/accounts/signup/",
            who=(ANONYMOUS,),
            form="main form",
            action="/accounts/signup/",
            data={
                "first_name": "Noor",
                "last_name": "Hendriks",
                "email": "noor.hendriks@lindenholt.example",
                "password1": "een-lang-wachtwoord-42",
                "password2": "een-lang-wachtwoord-42",
            },
        ),
        Visit(
            "probleem-melden-met-fouten",
            "/probleem-melden/",
            form="main form",
            action="/probleem-melden/",
        ),
        Visit(
            "profiel-bewerken-met-fouten",
            "/mijn-account/profiel/",
            who=(MEMBER,),
            form=".member-profile-form",
            action="/mijn-account/profiel/",
            data={"first_name": "", "last_name": ""},
        ),
        Visit(
            "reactie-voorbeeld",
            article,
            who=(MEMBER,),
            form="form[data-comment-form]",
            action=f"/reacties/pagina/{site.article.pk}/",
            data={"body": "Wij kopen sinds dit jaar **samen** in met drie buurgemeenten."},
            button="preview",
        ),
        Visit(
            "reactie-voorbeeld-met-vermelding",
            article,
            who=(MEMBER,),
            form="form[data-comment-form]",
            action=f"/reacties/pagina/{site.article.pk}/",
            data={"body": f"Wat vind jij, @{site.public_profile.get_full_name()}?"},
            button="preview",
        ),
        Visit(
            "reactie-met-fouten",
            article,
            who=(MEMBER,),
            form="form[data-comment-form]",
            action=f"/reacties/pagina/{site.article.pk}/",
            data={"body": ""},
            button="preview",
        ),
        Visit(
            "aanmelden-met-fouten",
            event,
            who=(MEMBER,),
            form=".registration-form",
            action=f"/evenementen/{site.event.pk}/aanmelden/",
            data={"remark": TOO_LONG_REMARK},
        ),
        # Following (issue 18): pages with a follow button, and "Wat ik volg" (the member
        # follows one of each kind, see build_demo_site).
        Visit("netwerk", f"/netwerken/{network.slug}/"),
        # Closed networks (issue 23): the member is not in the closed demo network, so its
        # article answers with the page that names the network; an unknown invitation link.
        Visit(
            "besloten-artikel",
            "/kennisbank/salarisonderzoek-leden-bedrijfsvoering/",
            who=(MEMBER,),
            status=403,
        ),
        Visit("uitnodiging-onbekend", f"/netwerken/{network.slug}/uitnodiging/onzin/", status=404),
        Visit("organisatie", "/organisaties/gemeente-lindenholt/"),
        # The organisation register (issue 20): filtered list, and asking for a missing one.
        Visit("organisaties-gefilterd", "/organisaties/?soort=gemeente&provincie=drenthe&q=l"),
        Visit(
            "lid-worden-organisatie-ontbreekt",
            "/accounts/signup/",
            who=(ANONYMOUS,),
            form="main form",
            action="/accounts/signup/",
            data={"first_name": "Noor", "new_organisation_website": "https://ergens.example"},
        ),
        Visit("agenda-thema", "/agenda/?thema=sociaal-domein"),
        Visit("wat-ik-volg", "/mijn-account/volgen/", who=(MEMBER,)),
        # Messages between members (contact).
        Visit("bericht-schrijven", f"/leden/{site.public_profile.pk}/bericht/", who=(MEMBER,)),
        Visit(
            "bericht-met-fouten",
            f"/leden/{site.public_profile.pk}/bericht/",
            who=(MEMBER,),
            form="main form.form",
            action=f"/leden/{site.public_profile.pk}/bericht/",
            data={"body": ""},
        ),
        Visit("lid-blokkeren", f"/leden/{site.public_profile.pk}/blokkeren/", who=(MEMBER,)),
        Visit("berichten-en-blokkades", "/mijn-account/berichten/", who=(MEMBER,)),
        Visit("bericht-melden", f"/berichten/melden/{_message_token(site, 'report')}/"),
        Visit("afzender-blokkeren", f"/berichten/blokkeren/{_message_token(site, 'block')}/"),
        Visit("berichtlink-ongeldig", "/berichten/melden/onzin/", status=400),
        # Questions (issue 19): the list, filtered, one answered question, asking, reporting.
        Visit("vragen", "/vragen/"),
        Visit("vragen-gefilterd", "/vragen/?status=open&thema=omgevingswet"),
        Visit("vraag", ANSWERED_QUESTION),
        Visit("vraag-stellen", "/vragen/stellen/?thema=omgevingswet", who=(MEMBER,)),
        Visit(
            "vraag-met-fouten",
            "/vragen/stellen/",
            who=(MEMBER,),
            form="form.question-form",
            action="/vragen/stellen/",
            data={"title": "", "body": "Hoe lang duurt bij jullie een bezwaar?"},
            button="preview",
        ),
        Visit("vraag-melden", f"/vragen/{_question_pk(ANSWERED_QUESTION)}/melden/", who=(MEMBER,)),
        # Wij doen dit ook: the practice example above shows the adopters and the form.
        Visit(
            "kennisbank-praktijkfilters",
            "/kennisbank/?provincie=groningen&overgenomen=ja&volgorde=meest-overgenomen",
        ),
        Visit(
            "wij-doen-dit-ook-met-fouten",
            PRACTICE,
            who=(MEMBER,),
            form="form.adoption-form",
            action=f"/praktijkvoorbeelden/{_practice_pk(PRACTICE)}/wij-doen-dit-ook/",
            data={"note": "Wij beginnen na de zomer. " * 25},
            button="save",
        ),
        # Collaborations (issue 20): the list, one collaboration, the map of a theme.
        Visit("samenwerkingsverbanden", "/samenwerkingen/?thema=sociaal-domein"),
        Visit("samenwerkingsverband", "/samenwerkingen/jeugdhulp-regio-noord/"),
        Visit("samenwerkingskaart", "/samenwerkingen/kaart/?thema=sociaal-domein"),
        Visit("samenwerkingskaart-leeg", "/samenwerkingen/kaart/?thema=privacy&provincie=zeeland"),
        # Series (issue 21): all dates of the monthly webinar, and one date linking to them.
        Visit("reeks", "/evenementen/reeks/webinar-slim-samenwerken/"),
        Visit("reeks-datum", "/agenda/webinar-slim-samenwerken/"),
        # Guests (issue 21): an event open to guests, its guest form with errors, the page
        # after it, and a guest's private registration page.
        *_guest_visits(),
    ]


def _guest_visits():
    from events.demo import GUEST_EVENTS
    from events.models import EventPage, Registration

    webinar = EventPage.objects.get(title=GUEST_EVENTS[0])
    registration = Registration.objects.filter(event=webinar, user__isnull=True).first()
    return [
        Visit("evenement-voor-gasten", webinar.url, who=(ANONYMOUS,)),
        Visit(
            "aanmelden-als-gast-met-fouten",
            webinar.url,
            who=(ANONYMOUS,),
            form=".registration-box__guest form",
            action=f"/evenementen/{webinar.pk}/aanmelden-als-gast/",
            data={"gast-name": "Sanne Bakker", "gast-email": "sanne@"},
        ),
        Visit(
            "aanmelden-als-gast-verstuurd",
            f"/evenementen/{webinar.pk}/aanmelden-als-gast/verstuurd/",
            who=(ANONYMOUS,),
        ),
        Visit("aanmelding-gast", f"/evenementen/aanmelding/{registration.access_token}/"),
        Visit(
            "aanmelding-gast-afmelden",
            f"/evenementen/aanmelding/{registration.access_token}/afmelden/",
            who=(ANONYMOUS,),
        ),
    ]


ANSWERED_QUESTION = "/vragen/beslistermijn-acht-weken-omgevingswet/"
PRACTICE = "/kennisbank/een-omgevingsloket-voor-drie-gemeenten/"


def _practice_pk(path):
    from blog.models import BestPracticePage

    return BestPracticePage.objects.get(url_path__endswith=path).pk


def _question_pk(path):
    from questions.models import QuestionPage

    return QuestionPage.objects.get(url_path__endswith=path).pk


def _message_token(site, kind):
    """A signed link of a message from the public profile's member to ``site.member``."""
    from contact.models import MemberMessage
    from contact.tokens import BLOCK_SALT, REPORT_SALT, make_token

    message, _created = MemberMessage.objects.get_or_create(
        sender=site.public_profile,
        recipient=site.member,
        body="Zullen we eens bellen over de inkoop?",
    )
    return make_token(message, REPORT_SALT if kind == "report" else BLOCK_SALT)


def admin_visits(site):
    """The admin views the project adds (moderation queue, registrations), for the editor.

    Not in ``visits``: the HTML checker reads the site's own pages; the admin around these
    views is Wagtail's markup.
    """
    from comments.models import Comment
    from contact.models import MemberMessage, MessageReport
    from events.models import Registration

    # A held and a reported message between members, so their queue shows rows.
    MemberMessage.objects.create(
        sender=site.member,
        recipient=site.public_profile,
        body="Mag ik je iets vragen over https://voorbeeld.example/inkoop?",
        status=MemberMessage.Status.HELD,
        hold_reasons="Een van de eerste berichten of reacties van dit lid.",
    )
    reported = MemberMessage.objects.create(
        sender=site.public_profile, recipient=site.member, body="Koop nu mijn cursus."
    )
    MessageReport.objects.create(message=reported, reporter=site.member, reason="Reclame.")
    # A member's request for a missing organisation; the editor may handle it.
    from django.contrib.auth.models import Permission

    from members.models import OrganisationRequest

    organisation_request = OrganisationRequest.objects.create(
        requested_by=site.member, name="Omgevingsdienst Zuidrand", website="https://od.example"
    )
    site.editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="members",
            codename__in=["add_organisation", "view_organisation", "change_organisation"],
        )
    )
    # The demo's held comment has links in its text: the queue shows them.
    held = Comment.objects.filter(status=Comment.Status.PENDING).order_by("pk").first()
    event = site.event.pk
    visits = [
        Visit("moderatie", "/admin/reacties/", who=(EDITOR,)),
        Visit("moderatie-geschiedenis", "/admin/reacties/geschiedenis/", who=(EDITOR,)),
        Visit("moderatie-reactie", f"/admin/reacties/{held.pk}/", who=(EDITOR,)),
        Visit("aanmeldingen", "/admin/aanmeldingen/", who=(EDITOR,)),
        Visit("aanmeldingen-evenement", f"/admin/aanmeldingen/{event}/", who=(EDITOR,)),
        Visit("aanmelding-toevoegen", f"/admin/aanmeldingen/{event}/toevoegen/", who=(EDITOR,)),
        Visit("dashboard", "/admin/", who=(EDITOR,)),
        Visit("schorsingen", "/admin/reacties/schorsingen/", who=(EDITOR,)),
        Visit("schorsing-nieuw", "/admin/reacties/schorsingen/nieuw/", who=(EDITOR,)),
        Visit("berichten-moderatie", "/admin/berichten/", who=(EDITOR,)),
        Visit("berichten-gemeld", "/admin/berichten/?toon=gemeld", who=(EDITOR,)),
        Visit("vragen-moderatie", "/admin/vragen/", who=(EDITOR,)),
        Visit("organisatie-aanvragen", "/admin/organisatie-aanvragen/", who=(EDITOR,)),
        Visit(
            "organisatie-aanvraag",
            f"/admin/organisatie-aanvragen/{organisation_request.pk}/",
            who=(EDITOR,),
        ),
        Visit("vragen-afgewezen", "/admin/vragen/?toon=afgewezen", who=(EDITOR,)),
        Visit(
            "vraag-artikel-maken",
            f"/admin/vragen/{_question_pk(ANSWERED_QUESTION)}/artikel/",
            who=(EDITOR,),
        ),
        Visit(
            "bericht-afzender-schorsen", f"/admin/berichten/{reported.pk}/schorsen/", who=(EDITOR,)
        ),
    ]
    registration = Registration.objects.filter(event_id=event).order_by("pk").first()
    if registration is not None:
        visits.append(
            Visit(
                "aanmelding-afmelden",
                f"/admin/aanmeldingen/{event}/{registration.pk}/afmelden/",
                who=(EDITOR,),
            )
        )
    return visits
