"""Demo members: fourteen colleagues with complete profiles, spread over the demo organisations,
networks, themes and provinces. A few profiles are public, most are for members only. Bram
Jansen manages the Netwerk Bedrijfsvoering Gemeenten and has a pending request from Koen Smit.

Demo members have no password: they log in through "Wachtwoord vergeten" in the demo. Their
e-mail addresses are verified. Photos are abstract shapes drawn with Pillow at load time.

Idempotent: members are looked up by e-mail address and existing ones are left alone, so running
``manage.py load_demo`` twice changes nothing.
"""

import io
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from PIL import Image, ImageDraw

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection

from taxonomy.models import Theme

from .avatars import process_avatar
from .models import Network, NetworkMembership, Organisation, Profile, User

PUBLIC = Profile.Visibility.PUBLIC
MEMBERS = Profile.Visibility.MEMBERS

BEDRIJFSVOERING = "netwerk-bedrijfsvoering-gemeenten"
OVERHEID_2_0 = "community-overheid-2-0"
SAMEN_DIGITAAL = "programma-samen-digitaal"

MEMBERS_DEMO = [
    {
        "email": "anouk.devries@lindenholt.example",
        "first_name": "Anouk",
        "last_name": "de Vries",
        "organisation": "gemeente-lindenholt",
        "role": "Beleidsadviseur Wmo",
        "province": Profile.Province.DRENTHE,
        "themes": ["sociaal-domein", "samenwerking"],
        "bio": (
            "Ik werk aan de Wmo en aan de samenwerking met zorgaanbieders in de regio. Op dit "
            "moment zoek ik gemeenten die ervaring hebben met één loket voor zorg en "
            "schuldhulp. Bel of mail me gerust als je daar iets over wilt delen."
        ),
        "linkedin": "https://www.linkedin.com/in/anouk-de-vries-demo",
        "visibility": PUBLIC,
        "networks": [(OVERHEID_2_0, "approved", "member")],
        "photo": True,
    },
    {
        "email": "joost.bakker@westerveen.example",
        "first_name": "Joost",
        "last_name": "Bakker",
        "organisation": "gemeente-westerveen",
        "role": "Informatiemanager",
        "province": Profile.Province.GRONINGEN,
        "themes": ["common-ground", "informatieveiligheid"],
        "bio": (
            "Ik help onze gemeente om gegevens bij de bron te houden in plaats van ze overal "
            "te kopiëren. We zijn begonnen met het zaaksysteem; de koppelingen gaan we stap "
            "voor stap vervangen."
        ),
        "visibility": MEMBERS,
        "networks": [(SAMEN_DIGITAAL, "approved", "member")],
        "photo": True,
    },
    {
        "email": "fatima.elamrani@oosterdijk.example",
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "organisation": "gemeente-oosterdijk",
        "role": "Functionaris gegevensbescherming",
        "province": Profile.Province.GRONINGEN,
        "themes": ["privacy", "informatieveiligheid"],
        "bio": (
            "Als functionaris gegevensbescherming kijk ik mee bij nieuwe projecten. Mijn tip: "
            "betrek de privacy-adviseur aan het begin, niet een week voor de livegang."
        ),
        "website": "https://www.oosterdijk.example/privacy",
        "visibility": PUBLIC,
        "networks": [(OVERHEID_2_0, "approved", "member")],
        "photo": True,
    },
    {
        "email": "bram.jansen@bergambacht.example",
        "first_name": "Bram",
        "last_name": "Jansen",
        "organisation": "gemeente-bergambacht-aan-zee",
        "role": "Manager bedrijfsvoering",
        "province": Profile.Province.FRIESLAND,
        "themes": ["bedrijfsvoering", "samenwerking"],
        "bio": (
            "Ik ben verantwoordelijk voor financiën, HR, inkoop en ICT. In het netwerk "
            "bedrijfsvoering organiseer ik de regionale kring Zuidwest. Nieuwe leden zijn "
            "welkom; ik keur aanvragen meestal binnen een paar dagen goed."
        ),
        "visibility": MEMBERS,
        "networks": [(BEDRIJFSVOERING, "approved", "manager")],
        "photo": True,
    },
    {
        "email": "mirjam.visser@hoogeland-noord.example",
        "first_name": "Mirjam",
        "last_name": "Visser",
        "organisation": "gemeente-hoogeland-noord",
        "role": "Gemeentesecretaris",
        "province": Profile.Province.GRONINGEN,
        "themes": ["bedrijfsvoering", "samenwerking"],
        "bio": (
            "Gemeentesecretaris van een kleine gemeente met veel samenwerkingsverbanden. Ik "
            "schrijf af en toe over de rol van de secretaris tussen bestuur en organisatie."
        ),
        "visibility": PUBLIC,
        "networks": [(BEDRIJFSVOERING, "approved", "member")],
        "photo": False,
    },
    {
        "email": "sanne.hendriks@lindenholt.example",
        "first_name": "Sanne",
        "last_name": "Hendriks",
        "organisation": "gemeente-lindenholt",
        "role": "Projectleider Omgevingswet",
        "province": Profile.Province.DRENTHE,
        "themes": ["omgevingswet", "dienstverlening"],
        "bio": (
            "Ik leid de invoering van de Omgevingswet. Nu werken we aan het omgevingsplan en "
            "aan snellere vergunningen. Ik wissel graag ervaringen uit over participatie."
        ),
        "visibility": MEMBERS,
        "networks": [(OVERHEID_2_0, "approved", "member")],
        "photo": True,
    },
    {
        "email": "ruben.vandijk@noorderkwartier.example",
        "first_name": "Ruben",
        "last_name": "van Dijk",
        "organisation": "werkbedrijf-noorderkwartier",
        "role": "Teamleider werk en inkomen",
        "province": Profile.Province.GRONINGEN,
        "themes": ["sociaal-domein"],
        "bio": (
            "Ons werkbedrijf voert de bijstand en de re-integratie uit voor vier gemeenten. "
            "Ik ben benieuwd hoe andere regio's de overgang van uitkering naar werk soepeler "
            "maken."
        ),
        "visibility": MEMBERS,
        "networks": [],
        "photo": False,
    },
    {
        "email": "lotte.peeters@rivierenland-oost.example",
        "first_name": "Lotte",
        "last_name": "Peeters",
        "organisation": "ict-samenwerking-rivierenland-oost",
        "role": "Architect informatievoorziening",
        "province": Profile.Province.GELDERLAND,
        "themes": ["common-ground", "samenwerking"],
        "bio": (
            "Ik ontwerp de informatievoorziening voor vijf gemeenten die samen ICT inkopen. "
            "Eén keer ontwikkelen en vaak hergebruiken is ons uitgangspunt."
        ),
        "linkedin": "https://www.linkedin.com/in/lotte-peeters-demo",
        "visibility": PUBLIC,
        "networks": [
            (SAMEN_DIGITAAL, "approved", "member"),
            (OVERHEID_2_0, "approved", "member"),
            (BEDRIJFSVOERING, "approved", "member"),  # she answers its closed question
        ],
        "photo": True,
    },
    {
        "email": "koen.smit@westerveen.example",
        "first_name": "Koen",
        "last_name": "Smit",
        "organisation": "gemeente-westerveen",
        "role": "Concerncontroller",
        "province": Profile.Province.GRONINGEN,
        "themes": ["bedrijfsvoering"],
        "bio": (
            "Controller met een zwak voor begrijpelijke rapportages. Ik zoek collega's die de "
            "planning-en-controlcyclus eenvoudiger hebben gemaakt."
        ),
        "visibility": MEMBERS,
        "networks": [(BEDRIJFSVOERING, "pending", "member")],
        "photo": False,
    },
    {
        "email": "iris.mulder@oosterdijk.example",
        "first_name": "Iris",
        "last_name": "Mulder",
        "organisation": "gemeente-oosterdijk",
        "role": "Adviseur dienstverlening",
        "province": Profile.Province.GRONINGEN,
        "themes": ["dienstverlening", "privacy"],
        "bio": (
            "Ik werk aan begrijpelijke brieven en formulieren. Samen met inwoners testen we "
            "nieuwe teksten voordat ze de deur uit gaan."
        ),
        "visibility": MEMBERS,
        "networks": [(OVERHEID_2_0, "approved", "member")],
        "photo": True,
    },
    {
        "email": "daan.willems@hoogeland-noord.example",
        "first_name": "Daan",
        "last_name": "Willems",
        "organisation": "gemeente-hoogeland-noord",
        "role": "Beleidsmedewerker schuldhulpverlening",
        "province": Profile.Province.GRONINGEN,
        "themes": ["sociaal-domein"],
        "bio": (
            "Vroegsignalering van schulden is mijn dagelijks werk. We werken samen met "
            "woningcorporaties en energiebedrijven om eerder in beeld te zijn."
        ),
        "visibility": MEMBERS,
        "networks": [],
        "photo": False,
    },
    {
        "email": "yasmina.bouzid@bedrijfsvoerders.example",
        "first_name": "Yasmina",
        "last_name": "Bouzid",
        "organisation": "vereniging-van-bedrijfsvoerders",
        "role": "Bureausecretaris",
        "province": Profile.Province.UTRECHT,
        "themes": ["bedrijfsvoering", "samenwerking"],
        "bio": (
            "Ik ondersteun het bestuur van de vereniging en organiseer de ledendagen. Heb je "
            "een idee voor een workshop? Laat het me weten."
        ),
        "website": "https://www.bedrijfsvoerders.example",
        "visibility": PUBLIC,
        "networks": [(BEDRIJFSVOERING, "approved", "member")],
        "photo": True,
    },
    # The two who write and edit Vakgenoten itself (the demo accounts "auteur" and
    # "redactie", home/demo.py).
    {
        "email": "eline.vos@lindenholt.example",
        "first_name": "Eline",
        "last_name": "Vos",
        "organisation": "gemeente-lindenholt",
        "role": "Communicatieadviseur",
        "province": Profile.Province.DRENTHE,
        "themes": ["dienstverlening", "samenwerking"],
        "bio": (
            "Communicatieadviseur bij Lindenholt en een dag per week eindredacteur van "
            "Vakgenoten. Ik lees elk artikel voordat het online gaat en help schrijvers met "
            "een heldere kop en een korte intro."
        ),
        "visibility": MEMBERS,
        "networks": [(OVERHEID_2_0, "approved", "member")],
        "photo": True,
    },
    {
        "email": "marieke.vandijk@westerveen.example",
        "first_name": "Marieke",
        "last_name": "van Dijk",
        "organisation": "gemeente-westerveen",
        "role": "Adjunct-directeur",
        "province": Profile.Province.GRONINGEN,
        "themes": ["bedrijfsvoering", "dienstverlening"],
        "bio": (
            "Ik ben verantwoordelijk voor bedrijfsvoering en dienstverlening en schrijf voor "
            "Vakgenoten over organiseren in een tijd waarin alles digitaal moet."
        ),
        "visibility": MEMBERS,
        "networks": [(SAMEN_DIGITAAL, "approved", "member")],
        "photo": True,
    },
]


def demo_photo(seed):
    """An abstract picture: a coloured background with a few soft shapes."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 # pictures, not secrets
    palette = [
        (15, 84, 101),
        (217, 147, 15),
        (74, 163, 184),
        (27, 102, 54),
        (168, 39, 29),
        (242, 193, 78),
        (134, 203, 220),
    ]
    background, *shapes = rng.sample(palette, 4)
    image = Image.new("RGB", (400, 400), background)
    draw = ImageDraw.Draw(image)
    for colour in shapes:
        x, y = rng.randint(-60, 300), rng.randint(-60, 300)
        size = rng.randint(120, 260)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + size, y + size), fill=colour)
        else:
            draw.rectangle((x, y, x + size, y + size // 2), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="demo.png")


def create_member(spec, organisations, themes):
    user = User(email=spec["email"], first_name=spec["first_name"], last_name=spec["last_name"])
    user.set_unusable_password()
    user.save()  # the profile is created with the user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = user.profile
    profile.organisation = organisations.get(spec["organisation"])
    profile.role = spec["role"]
    profile.province = spec["province"]
    profile.bio = spec["bio"]
    profile.website = spec.get("website", "")
    profile.linkedin = spec.get("linkedin", "")
    profile.visibility = spec["visibility"]
    if spec["photo"]:
        photo, thumbnail = process_avatar(demo_photo(spec["email"]))
        profile.avatar.save(photo.name, photo, save=False)
        profile.avatar_thumbnail.save(thumbnail.name, thumbnail, save=False)
    profile.save()
    profile.themes.set([themes[slug] for slug in spec["themes"] if slug in themes])
    return user


# The demo register: fictional organisations, most of them in Groningen, Friesland and Drenthe
# (the codes GM99xx are not used by the CBS). Name, slug, kind, code, province, latitude,
# longitude; the collaborations and adoptions of the demo refer to them by slug.
ORGANISATIONS = [
    (
        "Gemeente Hoogeland-Noord",
        "gemeente-hoogeland-noord",
        "gemeente",
        "GM9901",
        "groningen",
        "53.38120",
        "6.62450",
    ),
    (
        "Gemeente Westerveen",
        "gemeente-westerveen",
        "gemeente",
        "GM9902",
        "groningen",
        "53.17310",
        "6.45220",
    ),
    (
        "Gemeente Oosterdijk",
        "gemeente-oosterdijk",
        "gemeente",
        "GM9903",
        "groningen",
        "53.24870",
        "7.04610",
    ),
    (
        "Gemeente Eemsmarke",
        "gemeente-eemsmarke",
        "gemeente",
        "GM9904",
        "groningen",
        "53.30440",
        "6.89730",
    ),
    (
        "Gemeente Wolderveld",
        "gemeente-wolderveld",
        "gemeente",
        "GM9905",
        "groningen",
        "53.10260",
        "6.85190",
    ),
    (
        "Gemeente Reitdiephoek",
        "gemeente-reitdiephoek",
        "gemeente",
        "GM9906",
        "groningen",
        "53.30010",
        "6.44870",
    ),
    (
        "Waterschap Noorderzijlen",
        "waterschap-noorderzijlen",
        "waterschap",
        "",
        "groningen",
        "53.22150",
        "6.58030",
    ),
    (
        "Werkbedrijf Noorderkwartier",
        "werkbedrijf-noorderkwartier",
        "gemeenschappelijke-regeling",
        "",
        "groningen",
        "53.21080",
        "6.56470",
    ),
    (
        "Sociale Dienst Ommeland-Oost",
        "sociale-dienst-ommeland-oost",
        "gemeenschappelijke-regeling",
        "",
        "groningen",
        "53.19920",
        "6.95340",
    ),
    (
        "Gemeente Bergambacht aan Zee",
        "gemeente-bergambacht-aan-zee",
        "gemeente",
        "GM9911",
        "friesland",
        "53.36050",
        "5.76120",
    ),
    (
        "Gemeente Marrewâld",
        "gemeente-marrewald",
        "gemeente",
        "GM9912",
        "friesland",
        "53.04870",
        "5.65310",
    ),
    (
        "Gemeente Leppedyk",
        "gemeente-leppedyk",
        "gemeente",
        "GM9913",
        "friesland",
        "53.15240",
        "5.94880",
    ),
    (
        "Gemeente Greidhoeke",
        "gemeente-greidhoeke",
        "gemeente",
        "GM9914",
        "friesland",
        "52.98010",
        "5.84620",
    ),
    (
        "Gemeente Wâldsein",
        "gemeente-waldsein",
        "gemeente",
        "GM9915",
        "friesland",
        "53.12330",
        "6.15070",
    ),
    (
        "Wetterskip Dyksterhusen",
        "wetterskip-dyksterhusen",
        "waterschap",
        "",
        "friesland",
        "53.20140",
        "5.80250",
    ),
    (
        "Uitvoeringsdienst Noardwâlden",
        "uitvoeringsdienst-noardwalden",
        "uitvoeringsorganisatie",
        "",
        "friesland",
        "53.25060",
        "6.04990",
    ),
    (
        "Gemeente Lindenholt",
        "gemeente-lindenholt",
        "gemeente",
        "GM9921",
        "drenthe",
        "52.95120",
        "6.55340",
    ),
    (
        "Gemeente Heidebroek",
        "gemeente-heidebroek",
        "gemeente",
        "GM9922",
        "drenthe",
        "52.78040",
        "6.40180",
    ),
    ("Gemeente Esveld", "gemeente-esveld", "gemeente", "GM9923", "drenthe", "52.85260", "6.84930"),
    (
        "Gemeente Zuidermaten",
        "gemeente-zuidermaten",
        "gemeente",
        "GM9924",
        "drenthe",
        "52.72110",
        "6.65270",
    ),
    (
        "Gemeente Norgerveen",
        "gemeente-norgerveen",
        "gemeente",
        "GM9925",
        "drenthe",
        "53.01980",
        "6.40460",
    ),
    (
        "Belastingkantoor Hunzedal",
        "belastingkantoor-hunzedal",
        "gemeenschappelijke-regeling",
        "",
        "drenthe",
        "52.97930",
        "6.62110",
    ),
    (
        "Omgevingsdienst Esmarke",
        "omgevingsdienst-esmarke",
        "uitvoeringsorganisatie",
        "",
        "drenthe",
        "52.87150",
        "6.74820",
    ),
    (
        "ICT-samenwerking Rivierenland-Oost",
        "ict-samenwerking-rivierenland-oost",
        "gemeenschappelijke-regeling",
        "",
        "gelderland",
        "51.95330",
        "5.90870",
    ),
    (
        "Vereniging van Bedrijfsvoerders",
        "vereniging-van-bedrijfsvoerders",
        "vereniging",
        "",
        "utrecht",
        "52.09070",
        "5.12140",
    ),
]

NETWORKS = [
    (
        "Netwerk Bedrijfsvoering Gemeenten",
        "netwerk-bedrijfsvoering-gemeenten",
        "Beroepsvereniging voor managers en adviseurs bedrijfsvoering in gemeenten. Leden "
        "ontmoeten elkaar op de jaarlijkse ledendag en in regionale kringen.",
        True,
    ),
    (
        "Community Overheid 2.0",
        "community-overheid-2-0",
        "Open community van ambtenaren die samen werken aan een moderne overheid. Iedereen "
        "die bij de overheid werkt, kan meedoen.",
        False,
    ),
    (
        "Programma Samen Digitaal",
        "programma-samen-digitaal",
        "Programma waarin gemeenten samen standaardoplossingen ontwikkelen en invoeren, "
        "volgens de principes van Common Ground.",
        False,
    ),
]


def load_organisations_and_networks():
    """The organisations and networks that members, articles and events refer to."""
    for name, slug, kind, identifier, province, latitude, longitude in ORGANISATIONS:
        Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "identifier": identifier,
                "province": province,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )
    for name, slug, description, requires_approval in NETWORKS:
        Network.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "requires_approval": requires_approval,
            },
        )
    load_network_faces()


# What demo members follow: (follower, [("theme", slug) | ("member", e-mail) | ("network", slug)
# | ("organisation", slug)]). The others follow nothing, so their "Voor jou" starts from their
# profile, as a new member's does.
FOLLOWS = [
    (
        "anouk.devries@lindenholt.example",
        [
            ("theme", "informatieveiligheid"),
            ("theme", "omgevingswet"),
            ("member", "joost.bakker@westerveen.example"),
            ("network", BEDRIJFSVOERING),
        ],
    ),
]


def load_follows():
    """The demo follows (following twice changes nothing)."""
    from .follows import follow

    finders = {
        "theme": lambda key: Theme.objects.filter(slug=key).first(),
        "member": lambda key: User.objects.filter(email=key).first(),
        "network": lambda key: Network.objects.filter(slug=key).first(),
        "organisation": lambda key: Organisation.objects.filter(slug=key).first(),
    }
    for email, targets in FOLLOWS:
        follower = User.objects.filter(email=email).first()
        for kind, key in targets:
            target = finders[kind](key)
            if follower is not None and target is not None:
                follow(follower, target)


def load(home_page=None):
    """Create the demo members once; existing members (found by e-mail) are left alone."""
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    networks = {network.slug: network for network in Network.objects.all()}
    created = {}
    for spec in MEMBERS_DEMO:
        if User.objects.filter(email=spec["email"]).exists():
            continue
        created[spec["email"]] = user = create_member(spec, organisations, themes)
        for slug, status, role in spec["networks"]:
            network = networks.get(slug)
            if network is None:
                continue
            NetworkMembership.objects.get_or_create(
                user=user,
                network=network,
                defaults={
                    "status": status,
                    "role": role,
                    "decided_at": timezone.now() if status == "approved" else None,
                },
            )
    load_follows()
    return created


# Each demo network's own face (issue 23): an accent colour that carries white text (checked by
# vakgenoten.colours) and a logo of white shapes on that colour. The Netwerk Bedrijfsvoering
# Gemeenten is the closed one: what it publishes for its members only (blog/demo.py,
# events/demo.py) is read by its approved members alone.
NETWORK_FACES = {
    BEDRIJFSVOERING: {"is_closed": True, "accent_colour": "#7b2d55", "shape": "bars"},
    OVERHEID_2_0: {"is_closed": False, "accent_colour": "#2b5797", "shape": "rings"},
    SAMEN_DIGITAAL: {"is_closed": False, "accent_colour": "#1d6b45", "shape": "nodes"},
}


def _logo_shapes(draw, shape, size):
    """White shapes that tell the three logos apart: rising bars (figures and control), two
    linked rings (a community) and connected dots (shared components)."""
    white = (255, 255, 255)
    unit = size // 8
    if shape == "bars":
        for number, height in enumerate((3, 4, 6)):
            left, bottom = unit * (1 + number * 2) + unit // 2, size - unit
            draw.rectangle([left, bottom - height * unit, left + unit, bottom], fill=white)
    elif shape == "rings":
        for left in (unit + unit // 2, unit * 3 + unit // 2):
            box = [left, unit * 2, left + unit * 3, unit * 5]
            draw.ellipse(box, outline=white, width=unit // 2)
    else:
        points = [(unit * 2, unit * 2), (unit * 6, unit * 3), (unit * 3, unit * 6)]
        draw.line([*points, points[0]], fill=white, width=unit // 3)
        for x, y in points:
            draw.ellipse([x - unit, y - unit, x + unit, y + unit], fill=white)


def network_logo(network, colour, shape):
    """A small square logo drawn with Pillow, made once and found again by its title."""
    WagtailImage = get_image_model()
    title = f"Demo: logo {network.name}"
    logo = WagtailImage.objects.filter(title=title).first()
    if logo is not None:
        return logo
    size = 256
    picture = Image.new("RGB", (size, size), colour)
    _logo_shapes(ImageDraw.Draw(picture), shape, size)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    logo = WagtailImage(
        title=title,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"logo-{network.slug}.png"),
        collection=collection,
    )
    logo.save()
    return logo


def load_network_faces():
    """Close the demo's closed network and give every demo network its colour and logo. Only
    what is missing is filled in (a colour or logo chosen since is kept), so loading twice
    changes nothing; a demo loaded before networks could be closed is closed on the next run."""
    for network in Network.objects.filter(slug__in=NETWORK_FACES):
        face = NETWORK_FACES[network.slug]
        changed = []
        if face["is_closed"] and not network.is_closed:
            network.is_closed = True
            changed.append("is_closed")
        if not network.accent_colour:
            network.accent_colour = face["accent_colour"]
            changed.append("accent_colour")
        if network.logo_id is None:
            network.logo = network_logo(network, network.accent_colour, face["shape"])
            changed.append("logo")
        if changed:
            network.full_clean()
            network.save(update_fields=changed)
