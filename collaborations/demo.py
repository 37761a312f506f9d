"""Demo collaborations between the demo organisations (members/demo.py), fictional like them.

Several municipalities take part in three to five collaborations, as real ones do in about
fifteen. Safe to run again: a collaboration found by its slug is left as it is.
"""

import datetime

from members.models import Organisation
from taxonomy.models import Theme

from .models import Collaboration, Participation

CENTRAL = Participation.Role.CENTRAL
LEAD = Participation.Role.LEAD
MEMBER = Participation.Role.MEMBER
DRIVER = Participation.Role.DRIVER
HOST = Participation.Role.HOST
FORM = Collaboration.LegalForm

# (name, slug, legal form, themes, tasks, since, description, [(organisation slug, role)])
COLLABORATIONS = [
    (
        "Sociaal Domein Ommeland",
        "sociaal-domein-ommeland",
        FORM.PUBLIC_BODY,
        ["sociaal-domein"],
        "Bijstand, re-integratie en schuldhulp",
        datetime.date(2015, 1, 1),
        "Vier Groninger gemeenten voeren samen de Participatiewet uit. De sociale dienst werkt "
        "vanuit één kantoor en heeft spreekuren in elke gemeente.",
        [
            ("sociale-dienst-ommeland-oost", LEAD),
            ("gemeente-hoogeland-noord", MEMBER),
            ("gemeente-oosterdijk", MEMBER),
            ("gemeente-eemsmarke", MEMBER),
            ("gemeente-wolderveld", MEMBER),
        ],
    ),
    (
        "Werkbedrijf Noorderkwartier",
        "werkbedrijf-noorderkwartier-regeling",
        FORM.OPERATIONS,
        ["sociaal-domein"],
        "Beschut werk en werkgeversdienstverlening",
        datetime.date(2016, 7, 1),
        "Het werkbedrijf biedt beschut werk en helpt werkgevers in de regio aan personeel.",
        [
            ("werkbedrijf-noorderkwartier", LEAD),
            ("gemeente-westerveen", MEMBER),
            ("gemeente-reitdiephoek", MEMBER),
            ("gemeente-hoogeland-noord", MEMBER),
        ],
    ),
    (
        "Jeugdhulp Regio Noord",
        "jeugdhulp-regio-noord",
        FORM.CENTRAL_MUNICIPALITY,
        ["sociaal-domein"],
        "Inkoop van specialistische jeugdhulp",
        datetime.date(2018, 1, 1),
        "De gemeenten kopen specialistische jeugdhulp samen in. Westerveen doet dat als "
        "centrumgemeente namens de anderen.",
        [
            ("gemeente-westerveen", CENTRAL),
            ("gemeente-hoogeland-noord", MEMBER),
            ("gemeente-oosterdijk", MEMBER),
            ("gemeente-reitdiephoek", MEMBER),
            ("gemeente-wolderveld", MEMBER),
            ("gemeente-eemsmarke", MEMBER),
        ],
    ),
    (
        "Belastingsamenwerking Hunzedal",
        "belastingsamenwerking-hunzedal",
        FORM.PUBLIC_BODY,
        ["bedrijfsvoering"],
        "WOZ, gemeentelijke belastingen en waterschapsheffingen",
        datetime.date(2012, 1, 1),
        "Eén belastingkantoor voor gemeenten en het waterschap: één aanslag voor de inwoner.",
        [
            ("belastingkantoor-hunzedal", LEAD),
            ("gemeente-lindenholt", MEMBER),
            ("gemeente-heidebroek", MEMBER),
            ("gemeente-esveld", MEMBER),
            ("waterschap-noorderzijlen", MEMBER),
        ],
    ),
    (
        "Omgevingsdienst Esmarke",
        "omgevingsdienst-esmarke-regeling",
        FORM.PUBLIC_BODY,
        ["omgevingswet"],
        "Vergunningverlening, toezicht en handhaving milieu",
        datetime.date(2013, 4, 1),
        "De omgevingsdienst voert de milieutaken uit voor de Drentse gemeenten en neemt sinds "
        "de Omgevingswet ook de adviezen over vergunningen voor zijn rekening.",
        [
            ("omgevingsdienst-esmarke", LEAD),
            ("gemeente-lindenholt", MEMBER),
            ("gemeente-heidebroek", MEMBER),
            ("gemeente-esveld", MEMBER),
            ("gemeente-zuidermaten", MEMBER),
            ("gemeente-norgerveen", MEMBER),
        ],
    ),
    (
        "Omgevingsloket Drenthe",
        "omgevingsloket-drenthe",
        FORM.COVENANT,
        ["omgevingswet", "dienstverlening"],
        "Eén loket en gedeelde werkprocessen voor de Omgevingswet",
        datetime.date(2022, 9, 1),
        "Afspraken over één manier van werken met het Omgevingsloket, gedeelde sjablonen en "
        "een gezamenlijke kennisbank voor vergunningverleners.",
        [
            ("gemeente-lindenholt", DRIVER),
            ("gemeente-zuidermaten", MEMBER),
            ("gemeente-norgerveen", MEMBER),
            ("omgevingsdienst-esmarke", MEMBER),
        ],
    ),
    (
        "ICT Noordelijke Gemeenten",
        "ict-noordelijke-gemeenten",
        FORM.OPERATIONS,
        ["common-ground", "informatieveiligheid"],
        "Gezamenlijk rekencentrum, werkplekken en informatiebeveiliging",
        datetime.date(2017, 1, 1),
        "Een gezamenlijke ICT-organisatie voor Friese en Groninger gemeenten, met één CISO en "
        "één aanpak voor de BIO.",
        [
            ("gemeente-marrewald", LEAD),
            ("gemeente-leppedyk", MEMBER),
            ("gemeente-greidhoeke", MEMBER),
            ("gemeente-westerveen", MEMBER),
            ("gemeente-oosterdijk", MEMBER),
        ],
    ),
    (
        "Friese Zaakgerichte Samenwerking",
        "friese-zaakgerichte-samenwerking",
        FORM.COVENANT,
        ["common-ground", "dienstverlening"],
        "Gedeeld zaaksysteem en standaard zaaktypen",
        datetime.date(2021, 3, 1),
        "Vijf Friese gemeenten werken met dezelfde zaaktypen en delen de kosten van de "
        "componenten die ze samen laten bouwen.",
        [
            ("gemeente-greidhoeke", DRIVER),
            ("gemeente-bergambacht-aan-zee", MEMBER),
            ("gemeente-marrewald", MEMBER),
            ("gemeente-leppedyk", MEMBER),
            ("gemeente-waldsein", MEMBER),
        ],
    ),
    (
        "Uitvoeringsdienst Noardwâlden",
        "uitvoeringsdienst-noardwalden-regeling",
        FORM.JOINT_BODY,
        ["omgevingswet", "samenwerking"],
        "Toezicht bouwen en wonen, bodem en geluid",
        datetime.date(2014, 1, 1),
        "Het gemeenschappelijk orgaan stuurt de uitvoeringsdienst aan; het wetterskip doet mee "
        "voor de watertaken.",
        [
            ("uitvoeringsdienst-noardwalden", LEAD),
            ("gemeente-bergambacht-aan-zee", MEMBER),
            ("gemeente-waldsein", MEMBER),
            ("gemeente-leppedyk", MEMBER),
            ("wetterskip-dyksterhusen", MEMBER),
        ],
    ),
    (
        "Privacyteam Noord-Nederland",
        "privacyteam-noord-nederland",
        FORM.PLAIN,
        ["privacy", "informatieveiligheid"],
        "Gedeelde functionaris gegevensbescherming en privacyspreekuur",
        datetime.date(2019, 5, 1),
        "Gemeenten uit drie provincies delen een functionaris gegevensbescherming en houden "
        "elke maand een gezamenlijk spreekuur; Greidhoeke ontvangt het.",
        [
            ("gemeente-greidhoeke", HOST),
            ("gemeente-lindenholt", MEMBER),
            ("gemeente-westerveen", MEMBER),
            ("gemeente-heidebroek", MEMBER),
            ("gemeente-marrewald", MEMBER),
        ],
    ),
    (
        "Bedrijfsvoering Oost-Gelderland",
        "bedrijfsvoering-oost-gelderland",
        FORM.FOUNDATION,
        ["bedrijfsvoering", "samenwerking"],
        "Kennisdeling over inkoop, HR en control",
        None,
        "Een vereniging waarin bedrijfsvoerders van overheden elkaars aanpak bespreken.",
        [
            ("vereniging-van-bedrijfsvoerders", LEAD),
            ("ict-samenwerking-rivierenland-oost", MEMBER),
            ("gemeente-esveld", MEMBER),
        ],
    ),
]


def load(home=None):
    """Create the demo collaborations and their participants (existing ones are kept)."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    organisations = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    for name, slug, legal_form, theme_slugs, tasks, since, description, members in COLLABORATIONS:
        collaboration, created = Collaboration.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "legal_form": legal_form,
                "tasks": tasks,
                "since": since,
                "description": description,
                "contact_name": "Secretariaat",
                "contact_email": f"secretariaat@{slug}.example",
            },
        )
        if not created:
            continue
        collaboration.themes.set([themes[key] for key in theme_slugs if key in themes])
        for organisation_slug, role in members:
            organisation = organisations.get(organisation_slug)
            if organisation is not None:
                Participation.objects.get_or_create(
                    collaboration=collaboration,
                    organisation=organisation,
                    defaults={"role": role, "since": since},
                )
