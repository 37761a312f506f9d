"""Demo content of the events app: the agenda and eight events, upcoming and past.

Idempotent: pages are looked up by slug and never saved again, so their dates stay where the
first run put them (relative to that moment). Images and the one document are generated with
Pillow at load time.
"""

import io
import json
import random
from datetime import date, datetime, time, timedelta

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from members.demo import BEDRIJFSVOERING, OVERHEID_2_0, SAMEN_DIGITAAL
from members.models import Network, Organisation
from taxonomy.models import Theme

from .groups import setup_organiser_group
from .models import (
    EventIndexPage,
    EventPage,
    EventSeries,
    EventSpeaker,
    Frequency,
    Registration,
    SeriesException,
    Weekday,
    WeekOfMonth,
)

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
    event.networks = [networks[slug] for slug in networks_of(spec) if slug in networks]
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
    load_network_events(index, networks, organisations, themes, timezone.now())
    load_series(index)
    open_to_guests(index)
    load_sessions_and_questions()
    setup_organiser_group()
    load_attendance()
    return index


# --- Series -----------------------------------------------------------------------------------
# Two fictional series: a monthly webinar "elke eerste dinsdag" with a summer break, and a
# yearly general assembly. Each model event is the first date; "Data aanmaken" copies it.


def _first_weekday(year, month, weekday):
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _yearly_workday(day_offset, today, years):
    """A date ``day_offset`` days on (or soon after) that falls on Monday to Friday in each of
    the next ``years`` years, as a yearly meeting in working hours must."""
    day = today + timedelta(days=day_offset)
    while any(
        day.replace(year=day.year + n).weekday() >= 5 if (day.month, day.day) != (2, 29) else True
        for n in range(years)
    ):
        day += timedelta(days=1)
    return day


def _series_specs(today):
    # The webinar starts last month, so its first date is past and shows under "Eerdere data".
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    webinar_day = _first_weekday(year, month, Weekday.TUESDAY)
    assembly_day = _yearly_workday(75, today, years=3)
    return [
        {
            "series": {
                "title": "Webinar Slim Samenwerken",
                "slug": "webinar-slim-samenwerken",
                "intro": (
                    "Elke eerste dinsdag van de maand een uur over samenwerken tussen "
                    "gemeenten: een collega vertelt, daarna vragen. Online, dus zonder reistijd."
                ),
                "frequency": Frequency.MONTHLY_WEEKDAY,
                "week_of_month": WeekOfMonth.FIRST,
                "weekday": Weekday.TUESDAY,
                "first_date": webinar_day.replace(day=1),
                "start_time": time(10),
                "end_time": time(11),
                "count": 10,
            },
            "summer_break": True,
            "event": {
                "slug": "webinar-slim-samenwerken",
                "title": "Webinar Slim Samenwerken",
                "kind": "webinar",
                "start": at(webinar_day, 10),
                "end": at(webinar_day, 11),
                "network": "netwerk-bedrijfsvoering-gemeenten",
                "themes": ["samenwerking"],
                "online_url": "https://webinar.vakgenoten.example/slim-samenwerken",
                "capacity": 100,
                "intro": (
                    "Een uur over samenwerken tussen gemeenten: wat werkt, wat niet, en wat je "
                    "morgen kunt proberen. Elke maand een andere gemeente aan het woord."
                ),
                "image": 9,
            },
        },
        {
            "series": {
                "title": "Algemene ledenvergadering Netwerk Bedrijfsvoering",
                "slug": "alv-netwerk-bedrijfsvoering",
                "intro": (
                    "Eens per jaar beslissen de leden over plannen, begroting en bestuur. "
                    "Stukken komen vooraf op de pagina van elke vergadering."
                ),
                "frequency": Frequency.YEARLY,
                "first_date": assembly_day,
                "start_time": time(14),
                "end_time": time(17),
                "count": 3,
            },
            "summer_break": False,
            "event": {
                "slug": "alv-netwerk-bedrijfsvoering",
                "title": "Algemene ledenvergadering Netwerk Bedrijfsvoering",
                "kind": "alv",
                "start": at(assembly_day, 14),
                "end": at(assembly_day, 17),
                "network": "netwerk-bedrijfsvoering-gemeenten",
                "themes": ["samenwerking"],
                "venue_name": "Stadhuis Lindenholt",
                "venue_street": "Raadhuisplein 3",
                "venue_postal_code": "6541 AA",
                "venue_city": "Lindenholt",
                "capacity": 80,
                "intro": (
                    "De jaarlijkse vergadering van de leden: jaarverslag, begroting en de keuze "
                    "van twee nieuwe bestuursleden. Na afloop een borrel."
                ),
                "image": 10,
            },
        },
    ]


def load_series(index):
    """The two demo series with their dates (idempotent: an existing series is left alone)."""
    from .series import generate_occurrences, rule_dates

    networks = {network.slug: network for network in Network.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in _series_specs(timezone.localdate()):
        if EventSeries.objects.filter(slug=spec["series"]["slug"]).exists():
            continue
        model = load_event(index, spec["event"], networks, organisations, themes)
        if model is None:
            model = EventPage.objects.get(slug=spec["event"]["slug"])
        series = EventSeries(model_event=model, **spec["series"])
        if spec["summer_break"]:
            summer = [day for day in rule_dates(series) if day.month in (7, 8)][:1]
            series.exceptions = [
                SeriesException(date=day, reason="Geen webinar in de zomervakantie")
                for day in summer
            ]
        series.save()
        generate_occurrences(series)


def load_attendance(now=None):
    """Demo members at the past member day, checked in at the door, so a demo member (the
    "lid" account among them) can download a certificate of attendance from "Mijn
    evenementen". Idempotent: members already registered are left as they are."""
    from django.contrib.auth import get_user_model
    from django.db.models import Max

    event = EventPage.objects.filter(slug="ledendag-standaardiseren-voor-digitaliseren").first()
    if event is None or not event.is_past(now):
        return
    members = get_user_model().objects.filter(
        email__in=[
            "anouk.devries@lindenholt.example",
            "eline.vos@lindenholt.example",
            "iris.mulder@oosterdijk.example",
        ]
    )
    checked_in = event.start + timedelta(minutes=12)
    for member in members:
        if event.registrations.filter(user=member).exists():
            continue
        seat = (event.registrations.aggregate(last=Max("seat"))["last"] or 0) + 1
        Registration.objects.create(
            event=event,
            user=member,
            status=Registration.Status.REGISTERED,
            seat=seat,
            created_at=event.start - timedelta(days=20),
            checked_in_at=checked_in,
        )


GUEST_EVENTS = (
    "Webinar: vroegsignalering van schulden met woningcorporaties",
    "Regiobijeenkomst Noord: samenwerken zonder nieuwe bestuurslaag",
)


def open_to_guests(index):
    """Two events take guests (events.guests); the webinar has one guest who confirmed.
    Loading the demo again changes nothing."""
    from .guests import json_safe
    from .models import GuestRequest
    from .registration import register

    events = EventPage.objects.child_of(index).filter(title__in=GUEST_EVENTS)
    for event in events.filter(guests_may_register=False):
        event.guests_may_register = True
        event.save_revision().publish()
    webinar = events.filter(title=GUEST_EVENTS[0]).first()
    name = "Marleen Dijkhuis"
    email = "marleen.dijkhuis@woonstichting-noord.example"
    if webinar is None or Registration.objects.filter(event=webinar, guest_email=email).exists():
        return
    registration = register(
        webinar,
        guest_name=name,
        guest_email=email,
        guest_organisation="Woonstichting Noord",
        remark="Ik werk bij een woningcorporatie.",
        notify=False,
    ).registration
    GuestRequest.objects.create(
        event=webinar,
        name=name,
        email=email,
        organisation="Woonstichting Noord",
        remark=registration.remark,
        details=json_safe({}),
        confirmed_at=timezone.now(),
        registration=registration,
    )


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


# --- Events of the demo networks (issue 23) ----------------------------------------------------
# Open networks' events are public as before; these two belong to the closed Netwerk
# Bedrijfsvoering Gemeenten, so only its approved members see them (members.visibility).


def closed_network_events(now):
    """The closed network's events; dates relative to ``now``."""
    round_table = workday(21, now)
    circle = workday(35, now)
    return [
        {
            "slug": "rondetafel-leden-salarisonderzoek",
            "title": "Rondetafel voor leden: de uitkomsten van het salarisonderzoek",
            "kind": "bijeenkomst",
            "start": at(round_table, 13, 30),
            "end": at(round_table, 16, 0),
            "network": BEDRIJFSVOERING,
            "networks": [BEDRIJFSVOERING],
            "organisation": "vereniging-van-bedrijfsvoerders",
            "themes": ["bedrijfsvoering"],
            "venue_name": "Bureau Vereniging van Bedrijfsvoerders",
            "venue_street": "Kromme Nieuwegracht 40",
            "venue_postal_code": "3512 HK",
            "venue_city": "Utrecht",
            "capacity": 16,
            "intro": (
                "Zestien leden bespreken het volledige rapport van het salarisonderzoek, met de "
                "cijfers per regio. Wat gezegd wordt, blijft aan tafel."
            ),
            "body": [
                paragraph(
                    "<p>Hans Kuipers licht de uitkomsten toe. Daarna praten we over wat je met "
                    "de cijfers kunt doen: bij het eigen functiegesprek, bij een vacature en in "
                    "het gesprek met de gemeentesecretaris over het functiehuis.</p>"
                    "<p>Het rapport krijg je na aanmelden; neem het mee.</p>"
                )
            ],
            "programme": [
                session("13:30", "Ontvangst met koffie"),
                session("13:45", "De uitkomsten per regio", "14:30", "Hans Kuipers"),
                session("14:30", "Gesprek aan tafel", "15:45"),
                session("15:45", "Afspraken en afsluiting", "16:00", "Bram Jansen"),
            ],
            "image": 11,
        },
        {
            "slug": "kring-zuidwest-najaarsbijeenkomst",
            "title": "Kring Zuidwest: najaarsbijeenkomst over de gezamenlijke flexpool",
            "kind": "bijeenkomst",
            "start": at(circle, 14, 0),
            "end": at(circle, 17, 0),
            "network": BEDRIJFSVOERING,
            "networks": [BEDRIJFSVOERING],
            "organisation": "gemeente-bergambacht-aan-zee",
            "themes": ["bedrijfsvoering", "samenwerking"],
            "venue_name": "Gemeentehuis Bergambacht aan Zee",
            "venue_street": "Dijkweg 2",
            "venue_postal_code": "8881 BZ",
            "venue_city": "Bergambacht aan Zee",
            "capacity": 20,
            "intro": (
                "De regionale kring komt weer bijeen. Bergambacht aan Zee en Leppedyk laten "
                "zien hoe ver ze zijn met een flexpool die ze delen, en wat het kost."
            ),
            "body": [
                paragraph(
                    "<p>Op de vorige bijeenkomst spraken we af dat twee gemeenten een "
                    "gezamenlijke flexpool zouden uitwerken. Nu horen we wat dat heeft "
                    "opgeleverd, en kijken we of meer gemeenten in de kring willen aansluiten."
                    "</p>"
                )
            ],
            "programme": [
                session("14:00", "Welkom en terugblik", "14:15", "Bram Jansen"),
                session("14:15", "De flexpool: opzet, kosten en eerste ervaringen", "15:15"),
                session("15:30", "Wie sluit aan? Gesprek in kleine groepen", "16:30"),
                session("16:30", "Afspraken voor de volgende kring", "17:00"),
            ],
            "image": 12,
        },
    ]


# Existing demo events that belong to an open network: public as before, and listed as that
# network's events.
NETWORK_EVENTS = {
    "congres-samen-digitaal-2027": [SAMEN_DIGITAAL],
    "webinar-bio-in-kleine-gemeenten": [OVERHEID_2_0],
    "webinar-omgevingswet-een-jaar-later": [OVERHEID_2_0],
}


def networks_of(spec):
    """The networks a demo event belongs to, by slug."""
    return spec.get("networks") or NETWORK_EVENTS.get(spec["slug"], [])


def load_network_events(index, networks, organisations, themes, now):
    """The closed network's events, then the open networks' links on events loaded before
    events could belong to networks (an event that has networks is left alone)."""
    closed = closed_network_events(now)
    for spec in closed:
        load_event(index, spec, networks, organisations, themes)
    belonging = {**NETWORK_EVENTS, **{spec["slug"]: spec["networks"] for spec in closed}}
    for slug, names in belonging.items():
        event = EventPage.objects.filter(slug=slug).first()
        wanted = [networks[name] for name in names if name in networks]
        if not wanted or event is None or event.networks.exists():
            continue
        event.networks = wanted
        revision = event.save_revision()
        if event.live:
            revision.publish()
