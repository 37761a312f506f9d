"""Demo content of the events app: the agenda and eight events, upcoming and past.

Idempotent: pages are looked up by slug and never saved again, so their dates stay where the
first run put them (relative to that moment). Images and the one document are generated with
Pillow at load time.
"""

import io
import json
import random
from datetime import datetime, time, timedelta

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from members.models import Network, Organisation
from taxonomy.models import Theme

from .groups import setup_organiser_group
from .models import EventIndexPage, EventPage, EventSpeaker, Registration

INDEX_SLUG = "agenda"

PALETTES = [
    ("#0f5465", "#f2c14e", "#e2f1f5"),
    ("#0a3641", "#86cbdc", "#fcf0d2"),
    ("#166a7e", "#d9930f", "#f1f8fa"),
    ("#1b6636", "#f2c14e", "#e6f4ea"),
]


# Colleagues from Hoogeland-Noord who registered as guests for the small regional meeting
# (fictional people; none of them is a demo member).
GUESTS = [
    "Gerda Postma",
    "Hendrik Dijkstra",
    "Wietske de Jong",
    "Sjoerd Bosma",
    "Aaltje Terpstra",
    "Marten van der Meer",
    "Fenna Wierda",
    "Jelle Kuiper",
    "Trijntje Zwart",
    "Rients Visscher",
]


def guest_email(name):
    """first.last@hoogeland-noord.example, the domain the demo members there use."""
    first, *rest = name.lower().split()
    return f"{first}.{''.join(rest)}@hoogeland-noord.example"


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def session(start, title, end=None, speakers="", room="", day=None, description=""):
    return {
        "type": "session",
        "value": {
            "day": day.isoformat() if day else None,
            "start_time": start,
            "end_time": end,
            "title": title,
            "speakers": speakers,
            "room": room,
            "description": description,
        },
    }


def demo_image(title, seed):
    """An abstract picture of circles and bands, made once and found again by its title."""
    image = Image.objects.filter(title=title).first()
    if image:
        return image
    rng = random.Random(seed)  # nosec B311 # picks demo picture shapes, no secret
    dark, accent, light = PALETTES[seed % len(PALETTES)]
    picture = PILImage.new("RGB", (1200, 675), light)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 450, 1200, 675], fill=dark)
    for _ in range(6):
        x, y, r = rng.randint(80, 1120), rng.randint(60, 520), rng.randint(40, 170)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice([dark, accent]))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"agenda-{seed}.png"), width=1200, height=675
    )


def demo_document(title):
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    page = PILImage.new("RGB", (595, 842), "#ffffff")
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 555, 120], fill="#0f5465")
    for row in range(12):
        draw.rectangle([40, 160 + row * 48, 555 - (row % 3) * 90, 176 + row * 48], fill="#b9c2c8")
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return Document.objects.create(
        title=title,
        file=SimpleUploadedFile("samenvatting-ledendag.pdf", buffer.getvalue(), "application/pdf"),
    )


def workday(day_offset, now, days=1):
    """The date ``day_offset`` days from today, moved on until all ``days`` days of the event
    fall on Monday to Friday: colleagues meet in working hours, not on a Sunday."""
    day = timezone.localdate(now) + timedelta(days=day_offset)
    while day.weekday() + days > 5:
        day += timedelta(days=1)
    return day


def at(day, hour, minute=0):
    """A moment on ``day`` at a local (Amsterdam) time."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build_events(now):
    """The specifications of the demo events; dates relative to ``now``."""
    congress_day1 = workday(45, now, days=2)
    congress_day2 = congress_day1 + timedelta(days=1)
    return [
        {
            "slug": "congres-samen-digitaal-2027",
            "title": "Congres Samen Digitaal: Common Ground in de praktijk",
            "kind": "congres",
            "start": at(congress_day1, 9, 30),
            "end": at(congress_day2, 16, 30),
            "network": "programma-samen-digitaal",
            "themes": ["common-ground", "samenwerking", "dienstverlening"],
            "venue_name": "Congrescentrum De Werf",
            "venue_street": "Werfkade 12",
            "venue_postal_code": "3511 AB",
            "venue_city": "Utrecht",
            "capacity": 250,
            "intro": (
                "Twee dagen over gegevens bij de bron, standaard componenten en minder "
                "koppelingen. Gemeenten laten zien wat al werkt en waar ze nog tegenaan lopen."
            ),
            "body": [
                paragraph(
                    "<p>Steeds meer gemeenten werken volgens Common Ground. Op dit congres "
                    "vertellen collega's hoe zij het aanpakken: van de eerste proef met een "
                    "zaaksysteem tot een regionale afspraak over gegevensuitwisseling. Je hoort "
                    "wat het opleverde en wat tegenviel.</p>"
                ),
                paragraph(
                    "<p>Het congres is bedoeld voor informatiemanagers, architecten, "
                    "projectleiders en managers bedrijfsvoering. Deelname is gratis voor "
                    "medewerkers van gemeenten en samenwerkingsverbanden.</p>"
                ),
            ],
            "programme": [
                session("09:30", "Ontvangst met koffie", "10:00", day=congress_day1),
                session(
                    "10:00",
                    "Opening: één keer ontwikkelen, niet 340 keer",
                    "10:45",
                    "Marleen Hoekstra (Programma Samen Digitaal)",
                    "Grote zaal",
                    congress_day1,
                ),
                session(
                    "11:00",
                    "Gegevens bij de bron: wat betekent dat voor je zaaksysteem?",
                    "12:15",
                    "Joost Bakker (gemeente Westerveen)",
                    "Zaal 2",
                    congress_day1,
                    "Een praktijkverhaal over het loskoppelen van gegevens en applicaties.",
                ),
                session("12:15", "Lunch en informatiemarkt", "13:30", day=congress_day1),
                session(
                    "13:30",
                    "Werksessies: aanbesteden van standaard componenten",
                    "15:00",
                    "Lotte Peeters (ICT-samenwerking Rivierenland-Oost)",
                    "Zalen 3 en 4",
                    congress_day1,
                ),
                session(
                    "15:15",
                    "Paneldiscussie: wie is eigenaar van de gegevens?",
                    "16:30",
                    "Gemeentesecretarissen uit drie regio's",
                    "Grote zaal",
                    congress_day1,
                ),
                session("09:30", "Ontvangst", "10:00", day=congress_day2),
                session(
                    "10:00",
                    "Informatiebeveiliging in een open architectuur",
                    "11:00",
                    "Sanne Visser (gemeente Oosterdijk)",
                    "Grote zaal",
                    congress_day2,
                ),
                session(
                    "11:15",
                    "Van proef naar beheer: afspraken tussen gemeenten",
                    "12:30",
                    "Bram Jansen (gemeente Bergambacht aan Zee)",
                    "Zaal 2",
                    congress_day2,
                ),
                session("12:30", "Lunch", "13:30", day=congress_day2),
                session(
                    "13:30",
                    "Afsluiting: wat nemen we mee naar huis?",
                    "15:00",
                    "Marleen Hoekstra",
                    "Grote zaal",
                    congress_day2,
                ),
                session("15:00", "Borrel", "16:30", day=congress_day2),
            ],
            "speakers": [
                ("Marleen Hoekstra", "programmamanager", "Programma Samen Digitaal"),
                ("Joost Bakker", "informatiemanager", "Gemeente Westerveen"),
                (
                    "Lotte Peeters",
                    "architect informatievoorziening",
                    "ICT-samenwerking Rivierenland-Oost",
                ),
                ("Sanne Visser", "CISO", "Gemeente Oosterdijk"),
            ],
            "image": 1,
        },
        {
            "slug": "ledendag-netwerk-bedrijfsvoering-voorjaar",
            "title": "Ledendag Netwerk Bedrijfsvoering Gemeenten",
            "kind": "ledendag",
            "start": at(workday(30, now), 10, 0),
            "end": at(workday(30, now), 16, 30),
            "network": "netwerk-bedrijfsvoering-gemeenten",
            "themes": ["bedrijfsvoering", "samenwerking"],
            "venue_name": "Stadskantoor Lindenholt",
            "venue_street": "Marktplein 1",
            "venue_postal_code": "6541 CD",
            "venue_city": "Lindenholt",
            "capacity": 120,
            "intro": (
                "De jaarlijkse ledendag: ontmoet collega's uit de bedrijfsvoering, kies twee "
                "werkgroepen en praat mee over de koers van het netwerk."
            ),
            "body": [
                paragraph(
                    "<p>Dit jaar staat de ledendag in het teken van innovatie en control: "
                    "hoe geef je ruimte aan nieuwe ideeën en houd je toch grip op geld en "
                    "risico's? In de middag kies je twee van de zes werkgroepen.</p>"
                )
            ],
            "programme": [
                session("10:00", "Ontvangst"),
                session("10:30", "Opening door de netwerkbeheerder", "11:00", "Bram Jansen"),
                session("11:00", "Werkgroepen, ronde 1", "12:30", room="Diverse zalen"),
                session("12:30", "Lunch", "13:30"),
                session("13:30", "Werkgroepen, ronde 2", "15:00", room="Diverse zalen"),
                session("15:15", "Terugblik en borrel", "16:30"),
            ],
            "image": 2,
        },
        {
            "slug": "alv-netwerk-bedrijfsvoering",
            "title": "Algemene ledenvergadering Netwerk Bedrijfsvoering Gemeenten",
            "kind": "alv",
            "start": at(workday(60, now), 15, 0),
            "end": at(workday(60, now), 17, 0),
            "network": "netwerk-bedrijfsvoering-gemeenten",
            "themes": ["bedrijfsvoering"],
            "venue_name": "Vergadercentrum Het Baken",
            "venue_street": "Havenweg 4",
            "venue_postal_code": "3811 EF",
            "venue_city": "Amersfoort",
            "online_url": "https://vergaderen.example/netwerk-bedrijfsvoering/alv",
            "capacity": None,
            "intro": (
                "De leden stellen het jaarverslag en de begroting vast en kiezen twee nieuwe "
                "bestuursleden. Je kunt ter plekke of online meedoen."
            ),
            "body": [
                heading("Agenda"),
                paragraph(
                    "<ol><li>Opening en vaststellen van de agenda</li>"
                    "<li>Verslag van de vorige vergadering</li>"
                    "<li>Jaarverslag en jaarrekening</li>"
                    "<li>Begroting en contributie</li>"
                    "<li>Verkiezing van bestuursleden</li>"
                    "<li>Rondvraag en sluiting</li></ol>"
                ),
                paragraph(
                    "<p>De vergaderstukken krijg je twee weken van tevoren per e-mail als je "
                    "bent aangemeld.</p>"
                ),
            ],
            "image": 3,
        },
        {
            "slug": "webinar-bio-in-kleine-gemeenten",
            "title": "Webinar: de BIO in kleine gemeenten",
            "kind": "webinar",
            "start": at(workday(10, now), 12, 0),
            "end": at(workday(10, now), 13, 0),
            "network": "community-overheid-2-0",
            "themes": ["informatieveiligheid"],
            "online_url": "https://webinar.example/bio-kleine-gemeenten",
            "capacity": 100,
            "intro": (
                "Een kleine gemeente heeft geen team informatiebeveiliging. Hoe voldoe je dan "
                "toch aan de Baseline Informatiebeveiliging Overheid? Een lunchwebinar van "
                "een uur."
            ),
            "body": [
                paragraph(
                    "<p>Twee informatiebeveiligers vertellen hoe zij met weinig mensen de "
                    "belangrijkste maatregelen op orde brachten, en hoe ze samenwerken met "
                    "buurgemeenten. Er is ruimte voor vragen via de chat.</p>"
                )
            ],
            "image": 4,
        },
        {
            "slug": "webinar-vroegsignalering-schulden",
            "title": "Webinar: vroegsignalering van schulden met woningcorporaties",
            "kind": "webinar",
            "start": at(workday(20, now), 15, 30),
            "end": at(workday(20, now), 16, 30),
            "organisation": "gemeente-lindenholt",
            "themes": ["sociaal-domein"],
            "online_url": "https://webinar.example/vroegsignalering",
            "capacity": None,
            "intro": (
                "Gemeente Lindenholt bereikt inwoners met huurachterstand eerder dankzij "
                "afspraken met twee woningcorporaties. Het team vertelt hoe."
            ),
            "body": [
                paragraph(
                    "<p>Sinds de afspraken zijn gemaakt, komen signalen van betalingsachterstand "
                    "binnen een week bij de schuldhulpverlening. Je hoort hoe de gemeente dit "
                    "regelde, ook met het oog op de AVG.</p>"
                )
            ],
            "image": 5,
        },
        {
            "slug": "regiobijeenkomst-noord-samenwerken",
            "title": "Regiobijeenkomst Noord: samenwerken zonder nieuwe bestuurslaag",
            "kind": "bijeenkomst",
            "start": at(workday(14, now), 14, 0),
            "end": at(workday(14, now), 17, 0),
            "network": "netwerk-bedrijfsvoering-gemeenten",
            "organisation": "gemeente-hoogeland-noord",
            "themes": ["samenwerking"],
            "venue_name": "Gemeentehuis Hoogeland-Noord",
            "venue_street": "Dorpsstraat 21",
            "venue_postal_code": "9981 GH",
            "venue_city": "Hoogeland",
            "capacity": 12,
            "nearly_full": 10,
            "intro": (
                "In het noorden loopt bijna elke gemeentelijke taak via een "
                "samenwerkingsverband. Hoe houd je als raad en ambtelijke organisatie het "
                "overzicht? Een middag in kleine kring."
            ),
            "body": [
                paragraph(
                    "<p>We beginnen met een korte presentatie van een onderzoek naar "
                    "samenwerkingsverbanden in de drie noordelijke provincies. Daarna praten we "
                    "in kleine groepen over sturing, verantwoording en de rol van de "
                    "gemeentesecretaris.</p>"
                )
            ],
            "image": 6,
        },
        {
            "slug": "ledendag-standaardiseren-voor-digitaliseren",
            "title": "Ledendag: standaardiseren vóór je digitaliseert",
            "kind": "ledendag",
            "start": at(workday(-60, now), 10, 0),
            "end": at(workday(-60, now), 16, 0),
            "network": "netwerk-bedrijfsvoering-gemeenten",
            "themes": ["bedrijfsvoering", "dienstverlening"],
            "venue_name": "Stadskantoor Westerveen",
            "venue_street": "Raadhuisplein 3",
            "venue_postal_code": "7941 KL",
            "venue_city": "Westerveen",
            "capacity": 100,
            "intro": (
                "Wie een rommelig proces digitaliseert, heeft daarna een snel rommelig proces. "
                "Op deze ledendag ging het over eerst standaardiseren."
            ),
            "body": [
                paragraph(
                    "<p>Een dag over procesafspraken tussen gemeenten, met voorbeelden uit de "
                    "vergunningverlening en het sociaal domein.</p>"
                )
            ],
            "report": [
                heading("Wat we hebben geleerd"),
                paragraph(
                    "<p>Ruim negentig leden kwamen naar Westerveen. In de ochtend liet de "
                    "gemeente zien hoe zij eerst met vier buurgemeenten één werkwijze voor "
                    "meldingen openbare ruimte afsprak, en pas daarna een nieuw systeem koos. "
                    "Het leverde minder maatwerk en lagere kosten op.</p>"
                ),
                paragraph(
                    "<ul><li>Begin klein: één proces, een paar gemeenten.</li>"
                    "<li>Leg vast wie eigenaar is van de gezamenlijke werkwijze.</li>"
                    "<li>Betrek de mensen die het werk doen vanaf het begin.</li></ul>"
                ),
            ],
            "document": "Samenvatting ledendag standaardiseren",
            "image": 7,
        },
        {
            "slug": "webinar-omgevingswet-een-jaar-later",
            "title": "Webinar: de Omgevingswet, een jaar later",
            "kind": "webinar",
            "start": at(workday(-120, now), 12, 0),
            "end": at(workday(-120, now), 13, 0),
            "network": "community-overheid-2-0",
            "themes": ["omgevingswet"],
            "online_url": "https://webinar.example/omgevingswet",
            "capacity": None,
            "intro": (
                "Vergunningverleners uit drie gemeenten vertelden wat er na een jaar "
                "Omgevingswet beter gaat en waar ze nog mee worstelen."
            ),
            "body": [],
            "report": [
                paragraph(
                    "<p>Het webinar trok bijna tweehonderd kijkers. De grootste winst zit in "
                    "het vroege gesprek met de initiatiefnemer; de grootste zorg is de "
                    "doorlooptijd van complexe aanvragen. De vragen uit de chat zijn "
                    "doorgestuurd naar het landelijke kennisnetwerk.</p>"
                )
            ],
            "image": 8,
        },
    ]


def load_index(home):
    index = EventIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Agenda",
                slug=INDEX_SLUG,
                show_in_menus=True,
                intro=(
                    "Congressen, ledendagen, webinars en bijeenkomsten voor mensen die bij "
                    "gemeenten werken. Meld je aan met één klik en zet het in je agenda."
                ),
                search_description="De agenda van Vakgenoten: congressen, ledendagen en webinars.",
            )
        )
        index.save_revision().publish()
    return index


def load_event(index, spec, networks, organisations, themes):
    if EventPage.objects.filter(slug=spec["slug"]).exists():
        return None
    image = demo_image(f"Agenda: {spec['title']}", spec["image"])
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        kind=spec["kind"],
        intro=spec["intro"],
        start=spec["start"],
        end=spec["end"],
        venue_name=spec.get("venue_name", ""),
        venue_street=spec.get("venue_street", ""),
        venue_postal_code=spec.get("venue_postal_code", ""),
        venue_city=spec.get("venue_city", ""),
        online_url=spec.get("online_url", ""),
        organiser_network=networks.get(spec.get("network")),
        organiser_organisation=organisations.get(spec.get("organisation")),
        capacity=spec.get("capacity"),
        registration_deadline=spec["start"] - timedelta(days=1),
        body=json.dumps(spec.get("body", [])),
        programme=json.dumps(spec.get("programme", [])),
        report=json.dumps(spec.get("report", [])),
        image=image,
        image_alt="Abstracte afbeelding met cirkels in de kleuren van Vakgenoten",
        search_description=spec["intro"][:155],
    )
    if spec.get("document"):
        document = demo_document(spec["document"])
        event.documents = json.dumps(
            [{"type": "document", "value": {"document": document.pk, "title": ""}}]
        )
    event.themes = [themes[slug] for slug in spec.get("themes", []) if slug in themes]
    event.speakers = [
        EventSpeaker(name=name, role=role, organisation=organisation)
        for name, role, organisation in spec.get("speakers", [])
    ]
    index.add_child(instance=event)
    event.save_revision().publish()
    for number, name in enumerate(GUESTS[: spec.get("nearly_full", 0)], start=1):
        Registration.objects.create(
            event=event,
            guest_name=name,
            guest_email=guest_email(name),
            guest_organisation="Gemeente Hoogeland-Noord",
            status=Registration.Status.REGISTERED,
            seat=number,
        )
    return event


def load(home_page):
    """The agenda under the home page, the demo events and the organisers group."""
    if Collection.get_first_root_node() is None:  # a flushed test database has none
        Collection.add_root(name="Root")
    index = load_index(home_page)
    networks = {network.slug: network for network in Network.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in build_events(timezone.now()):
        load_event(index, spec, networks, organisations, themes)
    load_sessions_and_questions()
    setup_organiser_group()
    return index


# --- Sessions and registration questions (issue 21) --------------------------------------------

CONGRESS_SLUG = "congres-samen-digitaal-2027"


def load_sessions_and_questions():
    """Two parallel rounds of workshops with few seats on the congress's first afternoon, and
    two questions at registration. Saved as a new published revision, so the page editor
    opens with them (an editor working from an older revision would drop them). Once only."""
    from .models import EventSession, RegistrationQuestion

    congress = EventPage.objects.filter(slug=CONGRESS_SLUG).first()
    if congress is None or congress.sessions.exists():
        return None
    day = timezone.localtime(congress.start).date()
    rounds = [
        (
            at(day, 13, 30),
            at(day, 14, 30),
            [
                ("Workshop: een zaaksysteem aanbesteden", "Zaal 3", 8),
                ("Workshop: API's ontwerpen volgens de standaard", "Zaal 4", 6),
                ("Rondetafel: samen inkopen in de regio", "Zaal 5", 4),
            ],
        ),
        (
            at(day, 14, 45),
            at(day, 15, 45),
            [
                ("Workshop: gegevens bij de bron in de praktijk", "Zaal 3", 8),
                ("Spreekuur: vragen aan de architecten", "Zaal 4", 3),
            ],
        ),
    ]
    congress.sessions = [
        EventSession(
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            room=room,
            capacity=capacity,
            description="Kies bij het aanmelden; er zijn maar weinig plaatsen.",
        )
        for starts_at, ends_at, sessions in rounds
        for title, room, capacity in sessions
    ]
    congress.questions = [
        RegistrationQuestion(
            label="Heb je een dieetwens?",
            kind=RegistrationQuestion.Kind.TEXT,
            help_text="Bijvoorbeeld vegetarisch, veganistisch of een allergie.",
        ),
        RegistrationQuestion(
            label="Kom je met het openbaar vervoer?",
            kind=RegistrationQuestion.Kind.YES_NO,
            help_text="Dan sturen we je de looproute vanaf Utrecht Centraal.",
        ),
    ]
    congress.save_revision().publish()
    return congress
