"""Demo questions: the questions index "Vragen" at ``/vragen/`` and eight questions from the
demo members, about the work they do (Wmo, Omgevingswet, inkoop, informatiebeheer, planning en
control, dienstverlening). Some have an answer that helped and answers marked useful, two have
no answer yet, and one waits for a moderator.

Questions are stored as ``questions.actions.ask_question`` stores them (a page under the index,
its themes, a revision that is published, the asker following the conversation), but without
the rules and dated in the past, so the demo looks lived in. Answers are comments.

Idempotent: the index and each question are looked up by slug, answers by page, writer and
text, marks by answer and member; nothing that exists is saved again.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from comments.actions import follow
from comments.formatting import render_markdown
from comments.models import Comment
from members.models import Network, Organisation
from taxonomy.models import Theme

from .models import QuestionIndexPage, QuestionPage, UsefulMark

INDEX = {
    "title": "Vragen",
    "slug": "vragen",
    "intro": (
        "Loop je vast, of wil je weten hoe een andere gemeente het doet? Stel je vraag aan je "
        "vakgenoten. Antwoorden komen van collega's die het al eens hebben aangepakt."
    ),
}

BEDRIJFSVOERING = "netwerk-bedrijfsvoering-gemeenten"
OVERHEID_2_0 = "community-overheid-2-0"
SAMEN_DIGITAAL = "programma-samen-digitaal"

# Each question: slug, asker (e-mail), title, body, themes, the network it was asked in (it
# belongs to it: "samen-inkopen-met-buurgemeenten" is for the closed BEDRIJFSVOERING's members
# only), days ago it was asked,
# answers [(key, writer, text, reply to key or None, hours after the question)], the key of
# the answer that helped (or None), useful marks [(answer key, member)], and "held" for one
# that waits for a moderator (with the reasons the rules gave).
QUESTIONS = [
    {
        "slug": "beslistermijn-acht-weken-omgevingswet",
        "asker": "sanne.hendriks@lindenholt.example",
        "title": "Hoe halen jullie de beslistermijn van acht weken onder de Omgevingswet?",
        "body": (
            "Sinds de Omgevingswet vallen de meeste aanvragen onder de reguliere procedure van "
            "acht weken. Bij ons lopen aanvragen vaak vast op het vooroverleg en op de adviezen "
            "van de omgevingsdienst, waardoor we de termijn te vaak moeten verlengen.\n\n"
            "Hoe hebben jullie dat georganiseerd? Werken jullie met een vaste intaketafel, en "
            "wie zit daar dan aan?"
        ),
        "themes": ["omgevingswet", "dienstverlening"],
        "network": OVERHEID_2_0,
        "days_ago": 9,
        "answers": [
            (
                "termijn-1",
                "mirjam.visser@hoogeland-noord.example",
                "Wij hebben elke dinsdag een **omgevingstafel** met de vergunningverlener, "
                "iemand van de omgevingsdienst en, als het nodig is, de brandweer. Een "
                "aanvraag komt binnen een week op tafel. De initiatiefnemer schuift aan, zo "
                "lossen we vragen in één keer op in plaats van in drie rondes per e-mail.\n\n"
                "Sindsdien verlengen we nog maar bij één op de tien aanvragen.",
                None,
                5,
            ),
            (
                "termijn-2",
                "lotte.peeters@rivierenland-oost.example",
                "Kijk ook naar de koppeling met het Omgevingsloket. Bij onze gemeenten kwamen "
                "aanvragen pas dagen later in het zaaksysteem terecht. Sinds die koppeling goed "
                "staat, winnen we zo een week.",
                None,
                20,
            ),
            (
                "termijn-3",
                "sanne.hendriks@lindenholt.example",
                "Dank jullie wel! Mirjam, mag ik je bellen over hoe jullie de agenda van die "
                "tafel vullen?",
                "termijn-1",
                26,
            ),
        ],
        "accepted": "termijn-1",
        "useful": [
            ("termijn-1", "anouk.devries@lindenholt.example"),
            ("termijn-1", "iris.mulder@oosterdijk.example"),
            ("termijn-2", "joost.bakker@westerveen.example"),
        ],
    },
    {
        "slug": "algemene-voorziening-huishoudelijke-hulp",
        "asker": "anouk.devries@lindenholt.example",
        "title": "Wie biedt huishoudelijke hulp aan als algemene voorziening?",
        "body": (
            "Door het abonnementstarief in de Wmo groeit de vraag naar huishoudelijke hulp "
            "hard en onze wachtlijst wordt langer. We overwegen om schoonmaakondersteuning als "
            "algemene voorziening aan te bieden, zonder onderzoek en beschikking.\n\n"
            "Welke gemeente doet dat al? Ik ben vooral benieuwd hoe jullie zorgen dat inwoners "
            "die meer nodig hebben toch een maatwerkvoorziening krijgen."
        ),
        "themes": ["sociaal-domein"],
        "network": OVERHEID_2_0,
        "days_ago": 6,
        "answers": [
            (
                "hh-1",
                "daan.willems@hoogeland-noord.example",
                "Wij doen dit sinds vorig jaar. Drie lessen:\n\n"
                "- laat de aanbieder bij de eerste afspraak een korte check doen: is dit genoeg?\n"
                "- zorg dat een consulent binnen twee weken langskomt als het niet genoeg is\n"
                "- leg vast waarom de algemene voorziening passend is; de rechter toetst dat "
                "per inwoner",
                None,
                8,
            ),
            (
                "hh-2",
                "ruben.vandijk@noorderkwartier.example",
                "Let ook op inwoners met schulden: voor hen is zelfs een kleine eigen bijdrage "
                "soms te veel. Bij ons kijkt de consulent dan samen met schuldhulp.",
                None,
                30,
            ),
        ],
        "accepted": "hh-1",
        "useful": [
            ("hh-1", "mirjam.visser@hoogeland-noord.example"),
            ("hh-2", "daan.willems@hoogeland-noord.example"),
        ],
    },
    {
        "slug": "vernietigen-zaakdossiers-selectielijst",
        "asker": "joost.bakker@westerveen.example",
        "title": "Hoe vernietigen jullie zaakdossiers volgens de selectielijst?",
        "body": (
            "Ons zaaksysteem draait nu vijf jaar en de eerste dossiers hebben hun bewaartermijn "
            "bereikt. In theorie kent elk zaaktype een termijn uit de selectielijst, maar in de "
            "praktijk staat er veel in het verkeerde zaaktype.\n\n"
            "Hoe pakken jullie vernietiging aan? Wie controleert de lijst voordat er iets weg "
            "gaat, en hoe leg je vast dat het gebeurd is?"
        ),
        "themes": ["bedrijfsvoering", "informatieveiligheid"],
        "network": SAMEN_DIGITAAL,
        "days_ago": 4,
        "answers": [
            (
                "archief-1",
                "lotte.peeters@rivierenland-oost.example",
                "Wij maken elk kwartaal een vernietigingslijst uit het zaaksysteem. De "
                "teamleiders kijken steekproefsgewijs of het zaaktype klopt, daarna tekent de "
                "archivaris. De verklaring van vernietiging bewaren we zelf weer blijvend.",
                None,
                6,
            ),
            (
                "archief-2",
                "fatima.elamrani@oosterdijk.example",
                "Vanuit de AVG: vernietigen op tijd is ook een plicht, niet alleen een keuze. "
                "Betrek je privacy-adviseur bij de lijst, dan kun je aan de toezichthouder "
                "laten zien dat je persoonsgegevens niet langer bewaart dan nodig.",
                None,
                11,
            ),
        ],
        "accepted": None,
        "useful": [("archief-1", "koen.smit@westerveen.example")],
    },
    {
        "slug": "samen-inkopen-met-buurgemeenten",
        "asker": "bram.jansen@bergambacht.example",
        "title": "Samen inkopen met buurgemeenten: wie is de aanbestedende dienst?",
        "body": (
            "Met twee buurgemeenten willen we de ICT-werkplekken samen aanbesteden. We hebben "
            "geen gemeenschappelijke regeling. Wie treedt dan op als aanbestedende dienst?\n\n"
            "Werken jullie met een volmacht van de andere colleges, of sluit elke gemeente "
            "een eigen contract na één gezamenlijke aanbesteding?"
        ),
        "themes": ["bedrijfsvoering", "samenwerking"],
        "network": BEDRIJFSVOERING,
        "days_ago": 3,
        "answers": [
            (
                "inkoop-1",
                "lotte.peeters@rivierenland-oost.example",
                "Wij zijn een gemeenschappelijke regeling en kopen in namens vijf gemeenten. "
                "Zonder regeling zou ik het zo doen: één gemeente is penvoerder met een "
                "volmacht van de andere colleges, en elke gemeente tekent een eigen "
                "nadere overeenkomst. Zet in de aanbesteding dat er meer gemeenten deelnemen.",
                None,
                4,
            ),
            (
                "inkoop-2",
                "mirjam.visser@hoogeland-noord.example",
                "Spreek ook vooraf af wie het contractbeheer doet. Dat vergeten we vaak, en "
                "dan doet iedereen het half.",
                "inkoop-1",
                9,
            ),
        ],
        "accepted": "inkoop-1",
        "useful": [
            ("inkoop-1", "bram.jansen@bergambacht.example"),
            ("inkoop-1", "yasmina.bouzid@bedrijfsvoerders.example"),
        ],
    },
    {
        "slug": "begrijpelijke-brieven-belastingen",
        "asker": "iris.mulder@oosterdijk.example",
        "title": "Wie heeft de aanmaning voor gemeentelijke belastingen in B1 herschreven?",
        "body": (
            "We herschrijven onze brieven in eenvoudige taal. De aanmaning voor de "
            "gemeentelijke belastingen is lastig: er moeten wettelijke zinnen in, maar "
            "inwoners bellen vooral omdat ze niet begrijpen wat ze moeten doen.\n\n"
            "Heeft iemand een voorbeeld dat werkt, en hebben jullie het getest met inwoners?"
        ),
        "themes": ["dienstverlening"],
        "network": OVERHEID_2_0,
        "days_ago": 2,
        "answers": [
            (
                "brief-1",
                "marieke.vandijk@westerveen.example",
                "Wij zetten bovenaan in één zin wat iemand moet doen en voor welke datum. De "
                "wettelijke tekst staat onderaan onder het kopje *Wat zegt de wet?*. Het "
                "aantal telefoontjes na de aanmaning daalde met een derde.",
                None,
                7,
            ),
        ],
        "accepted": None,
        "useful": [],
    },
    {
        "slug": "voorjaarsnota-leesbaar-voor-de-raad",
        "asker": "koen.smit@westerveen.example",
        "title": "Hoe maken jullie de voorjaarsnota leesbaar voor de raad?",
        "body": (
            "Onze voorjaarsnota telt 90 pagina's en raadsleden zeggen dat ze de hoofdlijn "
            "niet vinden. Wie heeft de nota korter gemaakt, bijvoorbeeld met een samenvatting "
            "op één pagina of met een digitale versie? Wat vond jullie raad ervan?"
        ),
        "themes": ["bedrijfsvoering"],
        "network": None,
        "days_ago": 1,
        "answers": [],
        "accepted": None,
        "useful": [],
    },
    {
        "slug": "vroegsignalering-delen-met-wmo-consulenten",
        "asker": "daan.willems@hoogeland-noord.example",
        "title": "Mogen signalen van betalingsachterstanden naar de Wmo-consulent?",
        "body": (
            "Via de vroegsignalering krijgen we signalen van woningcorporaties en "
            "energiebedrijven. Soms kent een Wmo-consulent het huishouden al. Mogen we het "
            "signaal met die consulent delen, of alleen met toestemming van de inwoner? "
            "Hoe hebben jullie dat in de verwerkingsafspraken gezet?"
        ),
        "themes": ["sociaal-domein", "privacy"],
        "network": None,
        "days_ago": 0,
        "answers": [],
        "accepted": None,
        "useful": [],
    },
    {
        "slug": "ledendag-samenvoegen-afdelingen-bedrijfsvoering",
        "asker": "yasmina.bouzid@bedrijfsvoerders.example",
        "title": "Wie heeft twee afdelingen bedrijfsvoering samengevoegd?",
        "body": (
            "Voor de ledendag zoeken we een gemeente die haar afdelingen bedrijfsvoering heeft "
            "samengevoegd met die van een buurgemeente. Wat ging goed, wat zou je anders doen? "
            "We horen het graag, ook als het nog niet af is."
        ),
        "themes": ["bedrijfsvoering", "samenwerking"],
        "network": BEDRIJFSVOERING,
        "days_ago": 0,
        "answers": [],
        "accepted": None,
        "useful": [],
        "held": ["Een van de eerste vragen of reacties van dit lid."],
    },
]


def load_index(home_page):
    """The questions index under the home page (``/vragen/``), made once."""
    index = QuestionIndexPage.objects.child_of(home_page).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = home_page.add_child(
            instance=QuestionIndexPage(
                title=INDEX["title"],
                slug=INDEX["slug"],
                intro=INDEX["intro"],
                show_in_menus=True,
                search_description=INDEX["intro"][:155],
            )
        )
        index.save_revision().publish()
    return index


def _people(emails):
    User = get_user_model()
    return {user.email: user for user in User.objects.filter(email__in=emails)}


def load_question(index, spec, people, themes, networks):
    """One question, as ``ask_question`` stores it, asked ``days_ago``; None when its asker is
    not among the demo members."""
    page = QuestionPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is not None:
        return page
    asker = people.get(spec["asker"])
    if asker is None:
        return None
    asked_at = timezone.now() - timedelta(days=spec["days_ago"], hours=3)
    held = spec.get("held")
    profile = getattr(asker, "profile", None)
    organisation_id = getattr(profile, "organisation_id", None)
    page = QuestionPage(
        title=spec["title"],
        slug=spec["slug"],
        body=spec["body"],
        asker=asker,
        owner=asker,
        organisation=Organisation.objects.filter(pk=organisation_id).first(),
        status=QuestionPage.Status.PENDING if held else QuestionPage.Status.PUBLISHED,
        hold_reasons=list(held or []),
        asked_at=asked_at,
        live=False,
    )
    index.add_child(instance=page)
    page.themes.set([themes[slug] for slug in spec["themes"] if slug in themes])
    # Asked in a network: it belongs to it; the closed demo network's questions are its own.
    page.networks.set([networks[spec["network"]]] if spec["network"] in networks else [])
    page.save()  # the themes in the table too, not only in the revision: a held one has them
    revision = page.save_revision(user=asker, log_action=True)
    if not held:
        revision.publish(user=asker, skip_permission_checks=True)
        QuestionPage.objects.filter(pk=page.pk).update(
            first_published_at=asked_at, last_published_at=asked_at
        )
        page.refresh_from_db()
    follow(asker, page)
    return page


def _answer(page, user, text, parent, at):
    existing = Comment.objects.filter(page=page, user=user, body=text).first()
    if existing is not None:
        return existing
    comment = Comment.objects.create(
        page=page,
        user=user,
        parent=parent,
        body=text,
        body_html=render_markdown(text),
        status=Comment.Status.PUBLISHED,
        created_at=at,
        published_at=at,
    )
    follow(user, page)
    return comment


def load_answers(page, spec, people):
    """The answers and replies under one question, the answer that helped and the marks."""
    by_key = {}
    for key, email, text, reply_to, hours in spec["answers"]:
        writer = people.get(email)
        if writer is None:
            continue
        at = min(page.asked_at + timedelta(hours=hours), timezone.now())
        by_key[key] = _answer(page, writer, text, by_key.get(reply_to), at)
    accepted = by_key.get(spec["accepted"])
    if accepted is not None and page.accepted_answer_id is None:
        QuestionPage.objects.filter(pk=page.pk).update(
            accepted_answer=accepted,
            accepted_by=page.asker,
            accepted_at=accepted.published_at + timedelta(hours=2),
        )
    for key, email in spec["useful"]:
        member = people.get(email)
        if key in by_key and member is not None and member.pk != by_key[key].user_id:
            UsefulMark.objects.get_or_create(
                answer=by_key[key],
                user=member,
                defaults={"created_at": by_key[key].published_at + timedelta(hours=1)},
            )


def load(home_page):
    """The questions index and the demo questions with their answers; returns the index."""
    index = load_index(home_page)
    emails = {spec["asker"] for spec in QUESTIONS}
    for spec in QUESTIONS:
        emails.update(email for _key, email, *_rest in spec["answers"])
        emails.update(email for _key, email in spec["useful"])
    people = _people(emails)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    networks = {network.slug: network for network in Network.objects.all()}
    for spec in QUESTIONS:
        page = load_question(index, spec, people, themes, networks)
        if page is not None and page.live:
            load_answers(page, spec, people)
    return index
