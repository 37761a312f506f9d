"""Demo content of the knowledge base: authors, and articles of all four types.

Idempotent, like every demo loader: things are looked up by slug (images and documents by
title) and existing records are never saved again, so ``load_demo`` twice changes nothing.
Images and documents are drawn with Pillow at load time: abstract shapes, no photos of people.
All text is written for this demo; organisations and people are fictional.
"""

import datetime
import functools
import hashlib
import io
import json
import random

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from members.demo import BEDRIJFSVOERING, OVERHEID_2_0, SAMEN_DIGITAAL
from members.models import Network, Organisation
from taxonomy.models import Theme

from .editorial import ensure_editorial_setup
from .models import (
    Author,
    BestPracticePage,
    BlogIndexPage,
    BlogPostPage,
    InterviewPage,
    NewsPage,
)

PALETTES = [
    ("#0f5465", "#86cbdc", "#f2c14e", "#e2f1f5"),
    ("#0a3641", "#4aa3b8", "#d9930f", "#f1f8fa"),
    ("#166a7e", "#bfe3ec", "#f5c76a", "#fcf0d2"),
    ("#1b6636", "#86d6a0", "#f2c14e", "#e6f4ea"),
    ("#424d55", "#b9c2c8", "#d9930f", "#edf0f2"),
]


# --- Helpers for StreamField content -----------------------------------------------------------
def h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def p(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def ul(*items):
    return {
        "type": "paragraph",
        "value": "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def qa(question, *answer):
    return {
        "type": "question_answer",
        "value": {"question": question, "answer": "".join(f"<p>{a}</p>" for a in answer)},
    }


def pull(quote, attribution=""):
    return {"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def link_card(url, title, provider="", description="", kind="video"):
    return {
        "type": "embed",
        "value": {
            "url": url,
            "title": title,
            "provider": provider,
            "description": description,
            "kind": kind,
        },
    }


def table(caption, rows):
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }


# --- Authors ---------------------------------------------------------------------------------
AUTHORS = [
    {
        "slug": "linda-hoekstra",
        "name": "Linda Hoekstra",
        "role": "freelance journalist",
        "organisation": None,
        "bio": (
            "Linda Hoekstra schrijft al vijftien jaar over het openbaar bestuur. Voor "
            "Vakgenoten interviewt ze mensen die in hun gemeente iets hebben veranderd."
        ),
    },
    {
        "slug": "marieke-van-dijk",
        "name": "Marieke van Dijk",
        "role": "adjunct-directeur",
        "organisation": "gemeente-westerveen",
        "bio": (
            "Marieke van Dijk is verantwoordelijk voor bedrijfsvoering en dienstverlening. "
            "Ze schrijft over organiseren in een tijd waarin alles digitaal moet."
        ),
    },
    {
        "slug": "hans-kuipers",
        "name": "Hans Kuipers",
        "role": "lector publieke dienstverlening",
        "organisation": "vereniging-van-bedrijfsvoerders",
        "bio": (
            "Hans Kuipers onderzoekt hoe gemeenten samen beter kunnen uitvoeren. Hij was "
            "eerder gemeentesecretaris in een middelgrote gemeente."
        ),
    },
    {
        "slug": "samira-bouzid",
        "name": "Samira Bouzid",
        "role": "privacy officer",
        "organisation": "gemeente-lindenholt",
        "bio": (
            "Samira Bouzid helpt collega's om de AVG toe te passen zonder dat het werk "
            "stilvalt. Ze is ook functionaris gegevensbescherming voor twee kleinere gemeenten."
        ),
    },
    {
        "slug": "erik-veenstra",
        "name": "Erik Veenstra",
        "role": "concerncontroller",
        "organisation": "gemeente-hoogeland-noord",
        "bio": (
            "Erik Veenstra houdt van cijfers die iets vertellen. Hij schrijft over control, "
            "risico's en de ruimte om iets nieuws te proberen."
        ),
    },
    {
        "slug": "redactie-vakgenoten",
        "name": "Redactie Vakgenoten",
        "role": "",
        "organisation": None,
        "bio": (
            "De redactie bestaat uit vrijwilligers uit gemeenten en de aangesloten netwerken. "
            "Tips? Mail redactie@vakgenoten.example."
        ),
    },
]

INDEX = {
    "slug": "kennisbank",
    "title": "Kennisbank",
    "intro": (
        "Interviews, praktijkvoorbeelden, blogs en nieuws van en voor mensen die bij een "
        "gemeente werken. Filter op soort of thema, of zoek een onderwerp."
    ),
}

# --- Articles --------------------------------------------------------------------------------
ARTICLES = [
    # Interviews ---------------------------------------------------------------------------------
    {
        "model": InterviewPage,
        "slug": "eerst-het-proces-dan-de-techniek",
        "title": "“We begonnen niet met software, maar met het proces”",
        "intro": (
            "Gemeente Westerveen wilde de aanvraag van een parkeervergunning digitaal maken. "
            "Informatiemanager Joost Bakker ontdekte dat er eerst iets anders moest gebeuren: "
            "afspraken maken over hoe het werk eigenlijk loopt."
        ),
        "days_ago": 3,
        "featured": True,
        "themes": ["dienstverlening", "bedrijfsvoering", "common-ground"],
        "tags": ["standaardisatie", "procesverbetering", "digitalisering"],
        "authors": ["linda-hoekstra"],
        "interviewees": [
            ("Joost Bakker", "informatiemanager", "Gemeente Westerveen"),
        ],
        "body": [
            qa(
                "Je zou een formulier digitaal maken. Waarom duurde dat een jaar?",
                "Omdat we bij de eerste sessie al merkten dat drie teams het proces op drie "
                "manieren uitvoerden. Het ene team vroeg een kopie van het kentekenbewijs, het "
                "andere niet. Als je dat digitaliseert, maak je de verwarring alleen sneller.",
            ),
            pull(
                "Als je een rommelig proces digitaliseert, krijg je digitale rommel.",
                "Joost Bakker",
            ),
            qa(
                "Wat hebben jullie toen gedaan?",
                "We hebben met de mensen aan de balie, de handhavers en de backoffice het "
                "proces op een grote muur getekend. Elke stap kreeg een eigenaar. Alles wat "
                "niemand kon uitleggen, hebben we geschrapt.",
                "Daarna hebben we gekeken of er een standaardproces bestond. Dat bleek zo te zijn: "
                "andere gemeenten hadden het al beschreven. We hebben dat overgenomen en alleen "
                "aangepast waar onze verordening echt anders is.",
            ),
            qa(
                "Was dat niet frustrerend voor de mensen die snel resultaat wilden?",
                "Zeker. De wethouder vroeg elke maand wanneer het formulier online stond. Ik heb "
                "toen laten zien hoeveel telefoontjes we kregen over aanvragen die vastliepen. "
                "Dat hielp. Iedereen zag dat het probleem niet het papieren formulier was.",
            ),
            qa(
                "Wat levert het op?",
                "De doorlooptijd ging van gemiddeld twaalf naar drie werkdagen. Het aantal "
                "telefoontjes is gehalveerd. En omdat we een standaardproces gebruiken, konden we "
                "een oplossing kiezen die al bij andere gemeenten draait. Geen maatwerk dus.",
            ),
            pull(
                "Ontwikkel het één keer, niet 340 keer. Dat lukt alleen als we eerst dezelfde "
                "processen hebben."
            ),
            qa(
                "Wat is je advies aan collega's?",
                "Begin klein, met één proces dat veel mensen raakt. Neem de mensen mee die het "
                "werk elke dag doen. En kijk eerst of een andere gemeente het al heeft "
                "uitgezocht. Meestal is dat zo.",
            ),
        ],
    },
    {
        "model": InterviewPage,
        "slug": "het-wmo-loket-is-geen-loket-meer",
        "title": "Het Wmo-loket is geen loket meer",
        "intro": (
            "In Oosterdijk komen inwoners met een hulpvraag niet meer aan een balie. Een "
            "consulent komt langs, vaak samen met iemand van de woningcorporatie of het "
            "wijkteam. Teamleider Wmo Nadia Yilmaz vertelt hoe dat werkt."
        ),
        "days_ago": 9,
        "featured": True,
        "themes": ["sociaal-domein", "dienstverlening"],
        "tags": ["wmo", "wijkteam", "keukentafelgesprek"],
        "authors": ["linda-hoekstra"],
        "interviewees": [
            ("Nadia Yilmaz", "teamleider Wmo", "Gemeente Oosterdijk"),
            ("Peter de Wit", "wijkconsulent", "Woonstichting Oosterdijk"),
        ],
        "body": [
            qa(
                "Waarom hebben jullie het loket gesloten?",
                "Omdat de mensen die ons het hardst nodig hebben, niet naar het gemeentehuis "
                "komen. Een oudere man die slecht ter been is, belt niet. Zijn dochter belt, "
                "vaak pas als het echt niet meer gaat.",
            ),
            qa(
                "Hoe komen jullie dan in contact met inwoners?",
                "Via de huisarts, de wijkverpleging, de woningcorporatie en buren. We hebben met "
                "hen afgesproken dat ze een signaal mogen doorgeven, met toestemming van de "
                "inwoner. Binnen vijf werkdagen gaat er een consulent op bezoek.",
            ),
            pull(
                "We wachten niet meer tot iemand een aanvraag doet. We gaan er gewoon heen.",
                "Nadia Yilmaz",
            ),
            qa(
                "Wat merkt de woningcorporatie daarvan, Peter?",
                "Dat problemen eerder op tafel komen. Vroeger zag ik een huurachterstand en "
                "stuurde ik een brief. Nu bel ik het wijkteam en zitten we samen aan de "
                "keukentafel. Vaak blijkt de huurachterstand maar een klein deel van het verhaal.",
            ),
            qa(
                "Kost dit niet veel meer tijd?",
                "Per inwoner wel, in het begin. Maar we zien minder zware hulpvragen. Een "
                "trapleuning op tijd voorkomt een val en een opname. Dat is niet alleen goedkoper, "
                "het is vooral beter voor de mensen zelf.",
            ),
            quote(
                "Ik dacht dat ik een formulier moest invullen. Er kwam gewoon iemand koffie "
                "drinken die echt luisterde.",
                "Inwoner van Oosterdijk, 81 jaar",
            ),
            qa(
                "Wat zou je anders doen als je opnieuw begon?",
                "Eerder de privacy goed regelen. We hebben maanden gepraat over welke gegevens we "
                "mochten delen. Nu hebben we een helder convenant, maar dat had sneller gekund "
                "als we de privacy officer vanaf de eerste dag hadden meegenomen.",
            ),
        ],
    },
    {
        "model": InterviewPage,
        "slug": "gemeentesecretaris-moet-verbinden",
        "title": "“Een gemeentesecretaris hoeft niet alles te weten, wel iedereen te kennen”",
        "intro": (
            "Mirjam Visser is vier jaar gemeentesecretaris in Hoogeland-Noord. Ze zag de "
            "gemeente in steeds meer samenwerkingsverbanden stappen. Hoe houd je daar als "
            "ambtelijk leider overzicht?"
        ),
        "days_ago": 21,
        "featured": False,
        "themes": ["bedrijfsvoering", "samenwerking"],
        "tags": ["gemeentesecretaris", "regie", "verbonden partijen"],
        "authors": ["linda-hoekstra", "redactie-vakgenoten"],
        "interviewees": [
            ("Mirjam Visser", "gemeentesecretaris", "Gemeente Hoogeland-Noord"),
        ],
        "body": [
            qa(
                "In hoeveel samenwerkingsverbanden zit Hoogeland-Noord?",
                "Toen ik begon, wist niemand het precies. We hebben geteld: zeventien. Van de "
                "veiligheidsregio tot een gezamenlijke belastingdienst. Bijna alles wat we doen, "
                "doen we samen met anderen.",
            ),
            pull("Bijna alles wat we doen, doen we samen met anderen.", "Mirjam Visser"),
            qa(
                "Is dat een probleem?",
                "Niet op zich. Samenwerken maakt ons sterker. Maar de raad moet kunnen sturen, en "
                "dat is lastig als je niet weet waar het geld en de beslissingen zitten. Mijn rol "
                "is zorgen dat de lijnen helder zijn.",
            ),
            qa(
                "Hoe doe je dat?",
                "We hebben per samenwerkingsverband één accounthouder in de organisatie. Die "
                "kent de mensen, leest de stukken en weet wanneer de raad iets moet vinden. Twee "
                "keer per jaar bespreken we alle verbanden in het managementteam.",
                "Daarnaast zit ik zelf in het overleg van secretarissen in de regio. Daar "
                "bespreken we vooral wat we samen kunnen oppakken, zoals inkoop en "
                "informatiebeveiliging.",
            ),
            qa(
                "Wat heb je geleerd in vier jaar?",
                "Dat vertrouwen tussen mensen belangrijker is dan het perfecte contract. Als je "
                "elkaar kent, bel je eerder als iets misgaat.",
            ),
            pull("Vertrouwen tussen mensen is belangrijker dan het perfecte contract."),
        ],
    },
    {
        "model": InterviewPage,
        "slug": "informatieveiligheid-begint-bij-de-koffieautomaat",
        "title": "Informatieveiligheid begint bij de koffieautomaat",
        "intro": (
            "Na een phishingmail die bijna slaagde, koos de ICT-samenwerking Rivierenland-Oost "
            "voor een andere aanpak. Geen verplichte cursus meer, maar korte gesprekken op de "
            "werkvloer. Security officer Thijs de Boer legt uit waarom."
        ),
        "days_ago": 34,
        "featured": False,
        "themes": ["informatieveiligheid", "privacy", "samenwerking"],
        "tags": ["bio", "phishing", "bewustwording"],
        "authors": ["linda-hoekstra"],
        "interviewees": [
            ("Thijs de Boer", "security officer", "ICT-samenwerking Rivierenland-Oost"),
        ],
        "body": [
            qa(
                "Wat gebeurde er precies?",
                "Een collega kreeg een mail die van de burgemeester leek te komen. Of ze snel "
                "een factuur wilde betalen. Ze twijfelde en liep naar haar leidinggevende. Dat "
                "was geluk, geen beleid.",
            ),
            qa(
                "Jullie hadden toch een e-learning?",
                "Ja, en 94 procent had die gehaald. Maar niemand wist nog wat erin stond. Kennis "
                "die je één keer per jaar in een half uur krijgt, blijft niet hangen.",
            ),
            pull("Een vinkje in een e-learning is nog geen veilig gedrag.", "Thijs de Boer"),
            qa(
                "Wat doen jullie nu?",
                "Elke maand een kort gesprek van een kwartier in het teamoverleg, over één "
                "onderwerp. Een verdachte mail, een usb-stick, een gesprek in de trein. En we "
                "hebben in elk team iemand die als aanspreekpunt fungeert. Die noemen we de "
                "veiligheidsmaatjes.",
            ),
            qa(
                "Hoe meten jullie of het werkt?",
                "We sturen af en toe een nep-phishingmail. Niet om mensen te betrappen, maar om "
                "te leren. Het aantal meldingen van verdachte mails is in een jaar "
                "verdrievoudigd. Dat is precies wat we willen.",
            ),
            link_card(
                "https://video.example.org/informatieveiligheid-in-het-teamoverleg",
                "Zo bespreek je informatieveiligheid in vijftien minuten",
                "Kennisvideo's Gemeenten",
                "Een korte video over hoe de veiligheidsmaatjes het teamoverleg aanpakken.",
            ),
        ],
    },
    # Best practices -----------------------------------------------------------------------------
    {
        "model": BestPracticePage,
        "slug": "een-omgevingsloket-voor-drie-gemeenten",
        "title": "Eén omgevingsloket voor drie gemeenten",
        "intro": (
            "Lindenholt, Westerveen en Oosterdijk richtten samen één team in voor vragen en "
            "aanvragen onder de Omgevingswet. Inwoners en bedrijven hebben één aanspreekpunt; "
            "de gemeenten delen kennis en menskracht."
        ),
        "days_ago": 5,
        "featured": True,
        "themes": ["omgevingswet", "samenwerking", "dienstverlening"],
        "tags": ["omgevingsloket", "vergunningen", "regionale samenwerking"],
        "authors": ["redactie-vakgenoten"],
        "organisations": ["gemeente-lindenholt", "gemeente-westerveen", "gemeente-oosterdijk"],
        "status": BestPracticePage.Status.IN_PROGRESS,
        "problem": (
            "<p>Na de invoering van de Omgevingswet kregen de drie gemeenten veel meer vragen "
            "van inwoners en bedrijven. Wat mag ik bouwen? Heb ik een vergunning nodig? Elk "
            "van de gemeenten had maar een of twee mensen met genoeg kennis. Bij ziekte of "
            "vakantie lag het werk stil.</p>"
        ),
        "approach": (
            "<p>De gemeenten vormden één team van negen vergunningverleners en adviseurs. Het "
            "team werkt vanuit één digitaal loket en houdt in elk gemeentehuis één dag per "
            "week spreekuur.</p><ul><li>Eén gezamenlijk werkproces en dezelfde "
            "standaardbrieven.</li><li>Elke gemeente houdt haar eigen omgevingsplan en "
            "bestuurlijke besluiten.</li><li>Een vooroverleg is gratis en binnen tien "
            "werkdagen.</li></ul>"
        ),
        "results": (
            "<p>Na een jaar wordt 85 procent van de vragen binnen vijf werkdagen beantwoord. "
            "Het aantal vergunningaanvragen dat onvolledig binnenkomt, daalde van ruim de helft "
            "naar een kwart, vooral door het vooroverleg.</p>"
        ),
        "contact": (
            "Sanne Hendriks",
            "projectleider Omgevingswet",
            "omgevingsloket@lindenholt.example",
            "0341 123 456",
            True,
        ),
        "documents": [
            ("Samenwerkingsafspraken omgevingsloket (voorbeeld)", "samenwerkingsafspraken")
        ],
        "body": [
            h("Cijfers na één jaar"),
            table(
                "Vragen en aanvragen in het eerste jaar",
                [
                    ["Soort", "Aantal", "Binnen termijn"],
                    ["Vragen over regels", "1.240", "92%"],
                    ["Vooroverleg", "310", "88%"],
                    ["Vergunningaanvragen", "465", "81%"],
                ],
            ),
            h("Wat ging er lastig"),
            p(
                "De drie gemeenten hadden verschillende leges. Dat was voor inwoners verwarrend. "
                "De raden hebben in het tweede jaar de tarieven gelijkgetrokken.",
                "Ook de ICT vroeg tijd. Niet de techniek zelf, maar de afspraken over wie welke "
                "gegevens mag zien.",
            ),
            quote(
                "Samen hebben we een team dat groot genoeg is om ziekte en vakantie op te "
                "vangen. Dat lukte geen van ons alleen.",
                "Wethouder van Westerveen",
            ),
        ],
    },
    {
        "model": BestPracticePage,
        "slug": "schulden-vroeg-in-beeld",
        "title": "Schulden vroeg in beeld met signalen van woningcorporaties",
        "intro": (
            "Bergambacht aan Zee krijgt een seintje als iemand twee maanden huur niet betaalt. "
            "Binnen een week belt een schuldhulpverlener aan. Zo komen mensen eerder in beeld, "
            "voordat de schulden te groot zijn."
        ),
        "days_ago": 16,
        "featured": False,
        "themes": ["sociaal-domein", "privacy"],
        "tags": ["schuldhulp", "vroegsignalering", "woningcorporatie"],
        "authors": ["redactie-vakgenoten"],
        "organisations": ["gemeente-bergambacht-aan-zee"],
        "status": BestPracticePage.Status.DONE,
        "problem": (
            "<p>Mensen met schulden zochten gemiddeld pas na vijf jaar hulp. Dan was de schuld "
            "vaak opgelopen tot tienduizenden euro's en was er al beslag gelegd. De hulp kwam "
            "te laat.</p>"
        ),
        "approach": (
            "<p>De gemeente maakte afspraken met twee woningcorporaties, het waterbedrijf en de "
            "energieleverancier. Bij een achterstand van twee maanden sturen zij een signaal. "
            "Een schuldhulpverlener neemt binnen een week contact op: eerst met een brief, dan "
            "met een telefoontje en als dat niet lukt, aan de deur.</p><p>De privacy officer "
            "schreef vanaf het begin mee aan het werkproces. Inwoners mogen altijd nee zeggen.</p>"
        ),
        "results": (
            "<p>In twee jaar kwamen 640 signalen binnen. Met ruim de helft van de inwoners was er "
            "contact, en 210 huishoudens kregen hulp. De gemiddelde schuld bij de start van de "
            "hulp was 4.800 euro, tegen 38.000 euro bij mensen die zich zelf meldden.</p>"
        ),
        "contact": ("Sanne Bakker", "beleidsadviseur schuldhulpverlening", "", "", False),
        "documents": [("Werkproces vroegsignalering (voorbeeld)", "werkproces-vroegsignalering")],
        "body": [
            h("Waarom het werkt"),
            ul(
                "Snel: binnen een week contact, niet na maanden.",
                "Persoonlijk: een vaste hulpverlener, geen loket.",
                "Vrijwillig: niemand is verplicht om hulp aan te nemen.",
            ),
            pull(
                "Hoe eerder we erbij zijn, hoe kleiner de schuld en hoe groter de kans op "
                "een oplossing."
            ),
        ],
    },
    {
        "model": BestPracticePage,
        "slug": "zaakgericht-werken-met-gedeelde-componenten",
        "title": "Zaakgericht werken met gedeelde componenten",
        "intro": (
            "Vijf gemeenten in Rivierenland-Oost vervingen hun oude zaaksysteem door losse, "
            "gedeelde componenten volgens Common Ground. Gegevens blijven bij de bron; "
            "koppelingen gaan via standaard API's."
        ),
        "days_ago": 45,
        "featured": False,
        "themes": ["common-ground", "samenwerking", "bedrijfsvoering"],
        "tags": ["zaakgericht werken", "api", "componenten"],
        "authors": ["marieke-van-dijk"],
        "organisations": ["ict-samenwerking-rivierenland-oost", "gemeente-westerveen"],
        "status": BestPracticePage.Status.SCALED,
        "problem": (
            "<p>Elke gemeente had een eigen zaaksysteem met tientallen koppelingen. Een "
            "wijziging in één systeem kostte maanden testwerk. Gegevens stonden op veel "
            "plaatsen tegelijk en waren niet altijd gelijk.</p>"
        ),
        "approach": (
            "<p>De ICT-samenwerking koos voor een componentenarchitectuur. Zaken, documenten en "
            "klantcontacten staan elk in een eigen component. Applicaties halen de gegevens op "
            "via standaard API's in plaats van ze te kopiëren.</p><p>De gemeenten begonnen "
            "met één proces: meldingen openbare ruimte. Pas toen dat goed liep, volgden de "
            "andere processen.</p>"
        ),
        "results": (
            "<p>Het aantal koppelingen daalde van 140 naar 35. Een nieuwe applicatie aansluiten "
            "kost nu weken in plaats van maanden. Drie andere regio's gebruiken inmiddels "
            "dezelfde componenten.</p>"
        ),
        "contact": ("Joost Bakker", "informatiemanager", "j.bakker@westerveen.example", "", True),
        "documents": [],
        "body": [
            h("Lessen voor andere regio's"),
            p(
                "Begin met een proces dat zichtbaar is voor inwoners, zoals meldingen. Dan zie je "
                "snel of het werkt.",
                "Maak afspraken over beheer voordat je bouwt. Wie is eigenaar van een component? "
                "Wie betaalt een wijziging?",
            ),
            link_card(
                "https://www.example.org/common-ground/uitleg",
                "Wat is Common Ground? Een uitleg in tien minuten",
                "Kennisplatform Gemeenten",
                "Een presentatie over gegevens bij de bron en standaard componenten.",
            ),
        ],
    },
    # Blogs and columns --------------------------------------------------------------------------
    {
        "model": BlogPostPage,
        "kind": BlogPostPage.Kind.COLUMN,
        "slug": "een-keer-ontwikkelen-niet-340-keer",
        "title": "Eén keer ontwikkelen, niet 340 keer",
        "intro": (
            "Elke gemeente vindt het wiel opnieuw uit. Niet omdat ze dat wil, maar omdat "
            "samenwerken moeilijker lijkt dan zelf doen. Hans Kuipers pleit voor meer lef."
        ),
        "days_ago": 7,
        "featured": False,
        "themes": ["samenwerking", "common-ground"],
        "tags": ["standaardisatie", "samenwerking"],
        "authors": ["hans-kuipers"],
        "body": [
            p(
                "Vorige maand sprak ik drie gemeenten die alle drie een nieuwe website voor de "
                "Wmo lieten bouwen. Dezelfde wet, dezelfde vragen van inwoners, drie "
                "verschillende bureaus. Samen betaalden ze bijna drie ton.",
                "Ik snap hoe dat gebeurt. Elke gemeente heeft haar eigen planning, haar eigen "
                "budget en haar eigen wethouder. Samenwerken betekent vergaderen, afstemmen en "
                "compromissen sluiten. Zelf doen voelt sneller.",
            ),
            h("Het is niet sneller"),
            p(
                "Maar het is niet sneller. Wie zelf bouwt, moet het ook zelf onderhouden, "
                "beveiligen en aanpassen als de wet verandert. Dat werk verdubbelt niet, het "
                "vermenigvuldigt met 340.",
            ),
            pull("Samenwerken voelt langzaam. Alles zelf doen is langzamer."),
            h("Wat ik vraag"),
            p(
                "Ik vraag niet om een nieuwe landelijke organisatie. Ik vraag elke "
                "gemeentesecretaris om bij het volgende project één vraag te stellen: wie heeft "
                "dit al? En als het antwoord is dat niemand het heeft: met wie gaan we het "
                "samen maken?",
            ),
        ],
    },
    {
        "model": BlogPostPage,
        "kind": BlogPostPage.Kind.BLOG,
        "slug": "innovatie-en-control-hoeven-niet-te-botsen",
        "title": "Innovatie en control hoeven niet te botsen",
        "intro": (
            "Een controller die zegt dat experimenteren mag? Erik Veenstra legt uit waarom goede "
            "control juist ruimte maakt voor iets nieuws."
        ),
        "days_ago": 13,
        "featured": False,
        "themes": ["bedrijfsvoering"],
        "tags": ["control", "innovatie", "risicomanagement"],
        "authors": ["erik-veenstra"],
        "image_block": True,
        "body": [
            p(
                "Als ik binnenkom bij een projectteam, zie ik mensen soms schrikken. De "
                "controller komt. Die gaat vragen naar risico's, begrotingen en "
                "verantwoording. Dat klopt ook. Maar ik kom niet om nee te zeggen.",
            ),
            h("Klein beginnen is ook beheersen"),
            p(
                "Het grootste risico in een gemeente is niet een mislukt experiment van twintig "
                "duizend euro. Het grootste risico is een groot project van twee miljoen dat "
                "niemand durft te stoppen.",
                "Een klein experiment met een duidelijk doel en een vast moment om te besluiten "
                "is daarom goede control. Je leert snel en je verliest weinig als het niet werkt.",
            ),
            "IMAGE",
            h("Drie vragen die ik altijd stel"),
            ul(
                "Wat wil je leren, en hoe weet je dat je het geleerd hebt?",
                "Wat is het meeste dat je kwijt kunt raken?",
                "Wanneer besluit je om door te gaan of te stoppen?",
            ),
            quote(
                "Wie niets probeert, neemt ook een risico. Alleen staat dat niet in de begroting."
            ),
        ],
    },
    {
        "model": BlogPostPage,
        "kind": BlogPostPage.Kind.BLOG,
        "slug": "wat-de-avg-ons-leerde-over-archiveren",
        "title": "Wat de AVG ons leerde over goed archiveren",
        "intro": (
            "Privacy en archiefwet lijken elkaar tegen te spreken: het een zegt weggooien, het "
            "ander bewaren. Samira Bouzid ontdekte dat ze elkaar juist helpen."
        ),
        "days_ago": 27,
        "featured": False,
        "themes": ["privacy", "informatieveiligheid"],
        "tags": ["avg", "archief", "bewaartermijnen"],
        "authors": ["samira-bouzid"],
        "body": [
            p(
                "Toen we begonnen met het opschonen van oude gegevens, kreeg ik de archivaris "
                "aan de telefoon. Je mag niet zomaar dingen weggooien, zei hij. Hij had gelijk. "
                "En ik ook.",
            ),
            h("Dezelfde vraag, twee kanten"),
            p(
                "De AVG zegt: bewaar persoonsgegevens niet langer dan nodig. De archiefwet zegt: "
                "bewaar wat je moet bewaren, en vernietig de rest op tijd. Dat is in de kern "
                "dezelfde vraag. Wat hebben we nodig, en hoe lang?",
            ),
            pull("Privacy en archief stellen dezelfde vraag: wat hebben we nodig, en hoe lang?"),
            h("Wat we nu samen doen"),
            ul(
                "Bij elk nieuw proces bepalen we samen de bewaartermijn.",
                "Eén keer per jaar vernietigen we wat over de termijn is, met een verklaring.",
                "Nieuwe systemen moeten kunnen vernietigen. Dat staat in elke aanbesteding.",
            ),
        ],
    },
    # News ---------------------------------------------------------------------------------------
    {
        "model": NewsPage,
        "slug": "kennisbank-met-praktijkvoorbeelden-online",
        "title": "Kennisbank met praktijkvoorbeelden van gemeenten online",
        "intro": (
            "Vanaf vandaag vind je op Vakgenoten interviews, praktijkvoorbeelden, blogs en "
            "nieuws op één plek. Je kunt filteren op thema en zoeken op onderwerp."
        ),
        "days_ago": 1,
        "featured": False,
        "themes": ["samenwerking", "dienstverlening"],
        "tags": ["vakgenoten", "kennis delen"],
        "authors": ["redactie-vakgenoten"],
        "cta": True,
        "body": [
            p(
                "Wie een probleem wil oplossen, heeft er veel aan om te weten hoe een andere "
                "gemeente het deed. Daarom start Vakgenoten met een kennisbank.",
                "Elk praktijkvoorbeeld beschrijft het probleem, de aanpak, de resultaten en wie "
                "je kunt bellen voor meer informatie.",
            ),
            h("Zelf een voorbeeld delen?"),
            p(
                "Heeft jouw gemeente iets gedaan waar anderen van kunnen leren? Mail de "
                "redactie. We helpen je met schrijven.",
            ),
            "CTA",
        ],
    },
    {
        "model": NewsPage,
        "slug": "ledendag-bedrijfsvoering-in-teken-van-samenwerking",
        "title": "Ledendag Bedrijfsvoering in het teken van samenwerking",
        "intro": (
            "De jaarlijkse ledendag van het Netwerk Bedrijfsvoering Gemeenten gaat dit jaar "
            "over samenwerkingsverbanden. Aanmelden kan via de agenda."
        ),
        "days_ago": 11,
        "featured": False,
        "themes": ["bedrijfsvoering", "samenwerking"],
        "tags": ["ledendag", "netwerk"],
        "authors": ["redactie-vakgenoten"],
        "body": [
            p(
                "Een gemiddelde gemeente werkt in ongeveer vijftien samenwerkingsverbanden. Wat "
                "betekent dat voor de bedrijfsvoering? Daarover gaat de ledendag.",
            ),
            ul(
                "Ochtend: lezing over sturing op samenwerkingsverbanden.",
                "Middag: werksessies over inkoop, HR en informatiebeveiliging.",
                "Afsluiting: de uitreiking van de prijs voor het beste praktijkvoorbeeld.",
            ),
            link_card(
                "https://video.example.org/terugblik-ledendag",
                "Terugblik op de ledendag van vorig jaar",
                "Netwerk Bedrijfsvoering Gemeenten",
                "Een film van vier minuten met de hoogtepunten.",
            ),
        ],
    },
    {
        "model": NewsPage,
        "slug": "handreiking-informatiebeveiliging-kleine-gemeenten",
        "title": "Handreiking informatiebeveiliging voor kleine gemeenten verschenen",
        "intro": (
            "Een nieuwe handreiking helpt gemeenten met minder dan 25.000 inwoners om de "
            "Baseline Informatiebeveiliging Overheid in stappen in te voeren."
        ),
        "days_ago": 40,
        "featured": False,
        "themes": ["informatieveiligheid"],
        "tags": ["bio", "handreiking"],
        "authors": ["redactie-vakgenoten"],
        "document_block": (
            "Handreiking informatiebeveiliging kleine gemeenten (voorbeeld)",
            "handreiking-informatiebeveiliging",
        ),
        "body": [
            p(
                "Kleine gemeenten hebben vaak maar één security officer, soms voor een paar uur "
                "per week. De handreiking laat zien welke maatregelen het eerst moeten, en welke "
                "je samen met buurgemeenten kunt regelen.",
            ),
            "DOCUMENT",
        ],
    },
    {
        # Scheduled, not published: it goes live by itself two minutes after the demo was
        # loaded, once the scheduler (started by `make run`) sees that its moment has come.
        "model": NewsPage,
        "slug": "artikelen-inplannen",
        "title": "Dit bericht verscheen vanzelf: artikelen inplannen",
        "intro": (
            "De redactie kan een artikel klaarzetten en een moment kiezen waarop het online "
            "komt. Dit bericht is zo ingepland: twee minuten nadat de demo werd geladen."
        ),
        "days_ago": 0,
        "go_live_in_minutes": 2,
        "featured": False,
        "themes": ["dienstverlening"],
        "tags": ["vakgenoten", "redactie"],
        "authors": ["redactie-vakgenoten"],
        "body": [
            p(
                "Niemand heeft voor dit bericht op Publiceren gedrukt op het moment dat het "
                "verscheen. De redactie schreef het, vulde bij 'Publiceer op' een tijd in en "
                "liet het verder los. Op dat moment zette de planner het online.",
                "De datum boven het bericht is de dag waarop het online kwam, niet de dag "
                "waarop het concept werd geschreven.",
            ),
            h("Zelf inplannen"),
            p(
                "Open een artikel in het beheer, kies 'Schema voor publicatie vaststellen', vul "
                "bij 'Publiceer op' een moment in en kies Publiceren. Tot dat moment ziet alleen "
                "de redactie het artikel.",
            ),
        ],
    },
]


# --- Generated images and documents ---------------------------------------------------------
def _circles(draw, rng, width, height, dark, light, accent, pale):
    for _ in range(3):
        y = rng.randint(0, height)
        draw.rectangle([0, y, width, y + rng.randint(height // 12, height // 4)], fill=light)
    for colour in (dark, accent, light, dark):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def _landscape(draw, rng, width, height, dark, light, accent, pale):
    """Hills under a sun."""
    radius = rng.randint(height // 8, height // 5)
    x, y = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 6, height // 3)
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=accent)
    for colour, top in ((light, height // 2), (dark, height * 2 // 3)):
        points = [(0, height)]
        for step in range(7):
            points.append((width * step // 6, top + rng.randint(-height // 8, height // 8)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def _stripes(draw, rng, width, height, dark, light, accent, pale):
    """Diagonal bands of varying width."""
    x = -height
    colours = [light, dark, accent, light]
    while x < width:
        band = rng.randint(height // 10, height // 3)
        colour = colours[rng.randrange(len(colours))]
        draw.polygon(
            [(x, height), (x + height, 0), (x + height + band, 0), (x + band, height)], fill=colour
        )
        x += band + rng.randint(height // 12, height // 4)


def _tiles(draw, rng, width, height, dark, light, accent, pale):
    """A grid of squares, a few filled, one in the accent colour."""
    columns = rng.randint(5, 8)
    size = width // columns
    for row in range(height // size + 1):
        for column in range(columns):
            roll = rng.random()
            if roll < 0.35:
                colour = light
            elif roll < 0.5:
                colour = dark
            elif roll < 0.56:
                colour = accent
            else:
                continue
            x, y = column * size, row * size
            if rng.random() < 0.5:
                draw.rectangle([x + 8, y + 8, x + size - 8, y + size - 8], fill=colour)
            else:
                draw.ellipse([x + 8, y + 8, x + size - 8, y + size - 8], fill=colour)


def _rings(draw, rng, width, height, dark, light, accent, pale):
    """Concentric rings off centre."""
    x, y = rng.randint(width // 4, width * 3 // 4), rng.randint(height // 4, height * 3 // 4)
    colours = [dark, light, accent, pale]
    radius = max(width, height)
    step = rng.randint(height // 10, height // 6)
    ring = 0
    while radius > step:
        colour = colours[ring % len(colours)]
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
        radius -= step
        ring += 1


COMPOSITIONS = [_circles, _landscape, _stripes, _tiles, _rings]


@functools.cache
def _abstract_image(seed, size=(1600, 900), variant=None):
    """An abstract picture in the Vakgenoten colours, the same for the same seed.

    ``variant`` chooses the palette and the composition; without it they follow from a hash of
    the seed. Consecutive variants 0-24 are 25 different combinations, so the demo articles,
    numbered in order, each get their own picture. Flat colours keep the PNG small.

    Kept per process (the PNG bytes of some 30 pictures): drawing and compressing them took 2 of
    the 15 seconds a demo load takes, and the test suite loads the demo again per module.
    """
    from PIL import Image, ImageDraw

    digest = hashlib.sha256(str(seed).encode()).digest()
    if variant is None:
        variant = int.from_bytes(digest[:4], "big")
    palette = PALETTES[variant % len(PALETTES)]
    composition = COMPOSITIONS[(variant + variant // len(PALETTES)) % len(COMPOSITIONS)]
    rng = random.Random(digest)  # nosec B311 # places demo shapes, no secret
    image = Image.new("RGB", size, palette[3])
    composition(ImageDraw.Draw(image), rng, *size, *palette)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def root_collection():
    """Wagtail's root collection; made when missing (a flushed test database has none)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def demo_image(title, seed, size=(1600, 900), variant=None):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        picture = _abstract_image(seed, size, variant)
        content = ImageFile(io.BytesIO(picture), name=f"{seed}.png")
        image = Image(title=title, file=content, collection=root_collection())
        image.save()
    return image


def demo_document(title, slug):
    """A one-page PDF drawn with Pillow, as a stand-in for a real report."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        page = PILImage.new("RGB", (595, 842), "white")
        draw = ImageDraw.Draw(page)
        draw.rectangle([40, 40, 555, 110], fill="#0f5465")
        for line in range(14):
            draw.rectangle(
                [40, 150 + line * 40, 555 - (line % 3) * 80, 162 + line * 40], fill="#b9c2c8"
            )
        buffer = io.BytesIO()
        page.save(buffer, format="PDF")
        document = Document(title=title, collection=root_collection())
        document.file.save(f"{slug}.pdf", ContentFile(buffer.getvalue()), save=False)
        document.save()
    return document


# --- Loading ---------------------------------------------------------------------------------
def load_authors():
    organisations = {org.slug: org for org in Organisation.objects.all()}
    authors = {}
    for spec in AUTHORS:
        author = Author.objects.filter(slug=spec["slug"]).first()
        if author is None:
            author = Author.objects.create(
                slug=spec["slug"],
                name=spec["name"],
                role=spec["role"],
                organisation=organisations.get(spec["organisation"]),
                bio=spec["bio"],
                photo=demo_image(f"Demo: portret {spec['name']}", spec["slug"], (400, 400)),
            )
        authors[spec["slug"]] = author
    return authors


def load_index(home_page):
    index = BlogIndexPage.objects.child_of(home_page).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = home_page.add_child(
            instance=BlogIndexPage(
                title=INDEX["title"],
                slug=INDEX["slug"],
                intro=INDEX["intro"],
                show_in_menus=True,
                search_description=INDEX["intro"][:155],
            )
        )
        index.save_revision().publish()
    return index


def _body(spec, index):
    blocks = []
    for block in spec["body"]:
        if block == "IMAGE":
            image = demo_image(f"Demo: {spec['slug']} illustratie", spec["slug"] + "-2")
            blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": image.pk,
                            "decorative": False,
                            "alt_text": "Abstracte illustratie met cirkels in blauw en geel.",
                        },
                        "caption": "Klein beginnen, snel leren.",
                        "attribution": "Vakgenoten",
                    },
                }
            )
        elif block == "CTA":
            blocks.append(
                {
                    "type": "call_to_action",
                    "value": {
                        "title": "Bekijk alle praktijkvoorbeelden",
                        "text": "Lees hoe andere gemeenten het aanpakten.",
                        "link_page": index.pk,
                        "link_url": "",
                        "button_text": "Naar de kennisbank",
                    },
                }
            )
        elif block == "DOCUMENT":
            title, slug = spec["document_block"]
            document = demo_document(title, slug)
            blocks.append({"type": "document", "value": {"document": document.pk, "title": ""}})
        else:
            blocks.append(block)
    return json.dumps(blocks)


def load_article(index, spec, authors, themes, organisations, number=None):
    model = spec["model"]
    if model.objects.filter(slug=spec["slug"]).exists():
        return None
    today = timezone.localdate()
    hero = demo_image(f"Demo: {spec['slug']}", spec["slug"], variant=number)
    fields = {
        "title": spec["title"],
        "slug": spec["slug"],
        "intro": spec["intro"],
        "search_description": spec["intro"][:155],
        "hero_image": hero,
        "hero_image_alt": "Abstracte illustratie in de kleuren van Vakgenoten.",
        "body": _body(spec, index),
        "publication_date": today - datetime.timedelta(days=spec["days_ago"]),
        "featured": spec.get("featured", False),
    }
    if model is BlogPostPage:
        fields["kind"] = spec["kind"]
    if model is BestPracticePage:
        name, role, email, phone, show = spec["contact"]
        fields.update(
            status=spec["status"],
            problem=spec["problem"],
            approach=spec["approach"],
            results=spec["results"],
            contact_name=name,
            contact_role=role,
            contact_email=email,
            contact_phone=phone,
            show_contact_details=show,
        )
    page = model(**fields)
    if spec.get("go_live_in_minutes"):
        page.live = False
        page.go_live_at = timezone.now() + datetime.timedelta(minutes=spec["go_live_in_minutes"])
    page.themes = [themes[slug] for slug in spec["themes"]]
    page.tags.add(*spec["tags"])
    page.article_authors = [
        page.article_authors.model(author=authors[slug], sort_order=number)
        for number, slug in enumerate(spec["authors"])
    ]
    if model is InterviewPage:
        page.interviewees = [
            page.interviewees.model(
                name=name,
                role=role,
                organisation=organisation,
                # Fictional: the demo's interviewees are asked for approval at example.org.
                email=f"{name.lower().replace(' ', '.')}@example.org",
                sort_order=number,
                photo=demo_image(f"Demo: portret {name}", name, (400, 400)),
            )
            for number, (name, role, organisation) in enumerate(spec["interviewees"])
        ]
    if model is BestPracticePage:
        page.organisations = [organisations[slug] for slug in spec["organisations"]]
        page.documents = [
            page.documents.model(document=demo_document(title, slug), sort_order=number)
            for number, (title, slug) in enumerate(spec["documents"])
        ]
    network_slugs = networks_of(spec)
    if network_slugs:
        page.networks = list(Network.objects.filter(slug__in=network_slugs))
    index.add_child(instance=page)
    page.save_revision().publish()
    if page.live:
        # The demo's history: an article first appeared on the morning of its publication date
        # (never later than now), so "Voor jou", the feeds and the digest order the demo as a
        # reader would expect instead of by the second the demo was loaded.
        morning = datetime.datetime.combine(fields["publication_date"], datetime.time(9))
        moment = timezone.make_aware(morning) + datetime.timedelta(minutes=number or 0)
        Page.objects.filter(pk=page.pk).update(first_published_at=min(moment, timezone.now()))
    return page


def load(home_page):
    """The knowledge base under the home page, its authors and articles, and the editorial
    groups and workflow."""
    index = load_index(home_page)
    ensure_editorial_setup(index)
    authors = load_authors()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    for number, spec in enumerate(ARTICLES):
        load_article(index, spec, authors, themes, organisations, number)
    load_network_articles(index, authors, themes, organisations)
    load_reading(index)
    load_adoptions()
    return index


# "Wij doen dit ook" on the demo's practice examples: (practice example, organisation, status,
# note, the demo member who added it or None, days ago). Demo members' organisations and other
# organisations of the demo register, in every stage.
ADOPTIONS = [
    (
        "een-omgevingsloket-voor-drie-gemeenten",
        "gemeente-hoogeland-noord",
        "bezig",
        "We starten met twee buurgemeenten en een gedeelde planning voor het eerste jaar.",
        "mirjam.visser@hoogeland-noord.example",
        20,
    ),
    (
        "een-omgevingsloket-voor-drie-gemeenten",
        "gemeente-bergambacht-aan-zee",
        "orienterend",
        "Eerst kijken of ons vergunningensysteem met dat van de buren kan samenwerken.",
        "bram.jansen@bergambacht.example",
        9,
    ),
    (
        "een-omgevingsloket-voor-drie-gemeenten",
        "gemeente-marrewald",
        "ingevoerd",
        "",
        None,
        60,
    ),
    (
        "schulden-vroeg-in-beeld",
        "gemeente-lindenholt",
        "ingevoerd",
        "De afspraken met de woningcorporatie hebben we bijna letterlijk overgenomen.",
        "anouk.devries@lindenholt.example",
        90,
    ),
    (
        "schulden-vroeg-in-beeld",
        "gemeente-oosterdijk",
        "bezig",
        "Het privacyonderzoek is klaar; in het voorjaar gaan de eerste huisbezoeken van start.",
        "fatima.elamrani@oosterdijk.example",
        30,
    ),
    (
        "schulden-vroeg-in-beeld",
        "sociale-dienst-ommeland-oost",
        "ingevoerd",
        "Voor vier gemeenten tegelijk, met één team vroegsignalering.",
        None,
        120,
    ),
    (
        "schulden-vroeg-in-beeld",
        "gemeente-greidhoeke",
        "orienterend",
        "",
        None,
        4,
    ),
    (
        "zaakgericht-werken-met-gedeelde-componenten",
        "gemeente-oosterdijk",
        "orienterend",
        "We willen weten hoeveel koppelingen we hiermee kunnen opruimen.",
        "iris.mulder@oosterdijk.example",
        12,
    ),
]


def load_adoptions():
    """The demo's adoptions; an organisation already listed on a practice example is left
    as it is, so loading twice changes nothing."""
    from members.models import User

    from .models import Adoption

    pages = {
        page.slug: page
        for page in BestPracticePage.objects.filter(slug__in={row[0] for row in ADOPTIONS})
    }
    organisations = {
        org.slug: org for org in Organisation.objects.filter(slug__in={row[1] for row in ADOPTIONS})
    }
    members = {
        user.email: user
        for user in User.objects.filter(email__in={row[4] for row in ADOPTIONS if row[4]})
    }
    now = timezone.now()
    for page_slug, organisation_slug, status, note, email, days_ago in ADOPTIONS:
        page, organisation = pages.get(page_slug), organisations.get(organisation_slug)
        if page is None or organisation is None:
            continue
        if Adoption.objects.filter(page=page, organisation=organisation).exists():
            continue
        member = members.get(email)
        adoption = Adoption.objects.create(
            page=page,
            organisation=organisation,
            status=status,
            note=note,
            added_by=member,
            updated_by=member,
        )
        moment = now - datetime.timedelta(days=days_ago)
        Adoption.objects.filter(pk=adoption.pk).update(created_at=moment, updated_at=moment)


def load_reading(index):
    """Two weeks of reading, so the article counters and the editors' "most read" panel have
    something to show. Made up but steady: the same figures for an article on every load, and
    an article that already has its days is left alone."""
    from .models import ArticleDayViews, ArticlePage, ArticleViewCount

    today = timezone.localdate()
    articles = ArticlePage.objects.live().descendant_of(index).order_by("pk")
    for position, article in enumerate(articles):
        if ArticleDayViews.objects.filter(page=article).exists():
            continue
        daily = [3 + (position * 7 + day * 5) % 19 for day in range(14)]
        ArticleDayViews.objects.bulk_create(
            ArticleDayViews(page=article, day=today - datetime.timedelta(days=day), views=views)
            for day, views in enumerate(daily)
        )
        ArticleViewCount.objects.update_or_create(page=article, defaults={"views": sum(daily)})


# --- Articles of the demo networks (issue 23) ------------------------------------------------
# Open networks' articles are public as before; these three belong to the closed Netwerk
# Bedrijfsvoering Gemeenten, so only its approved members read them (members.visibility).
CLOSED_NETWORK_ARTICLES = [
    {
        "model": NewsPage,
        "slug": "salarisonderzoek-leden-bedrijfsvoering",
        "title": "Salarisonderzoek onder leden: wat verdient een manager bedrijfsvoering?",
        "intro": (
            "Bijna tweehonderd leden vulden de vragenlijst in. De uitkomsten delen we alleen "
            "binnen het netwerk: handig bij je eigen functiegesprek of bij een nieuwe vacature."
        ),
        "days_ago": 5,
        "networks": [BEDRIJFSVOERING],
        "themes": ["bedrijfsvoering"],
        "tags": ["salarisonderzoek", "arbeidsvoorwaarden", "netwerk"],
        "authors": ["hans-kuipers"],
        "body": [
            p(
                "Elke twee jaar vraagt het netwerk zijn leden naar hun functie, schaal en "
                "werkweek. Dit voorjaar deden 196 leden mee, uit gemeenten van alle groottes. "
                "De antwoorden zijn anoniem verwerkt; groepen van minder dan tien mensen tonen "
                "we niet.",
            ),
            h("Schalen naar omvang van de gemeente"),
            table(
                "Mediane inschaling van een manager bedrijfsvoering (fictieve demogegevens)",
                [
                    ["Inwoners", "Deelnemers", "Mediane schaal", "Werkweek"],
                    ["tot 25.000", "58", "12", "36 uur"],
                    ["25.000 tot 75.000", "81", "13", "36 uur"],
                    ["75.000 en meer", "57", "14", "38 uur"],
                ],
            ),
            h("Wat opvalt"),
            ul(
                "In kleine gemeenten valt vaker ook ICT of inkoop onder dezelfde manager.",
                "Een op de drie leden heeft afspraken over thuiswerken die verder gaan dan de cao.",
                "Leden die een regionale samenwerking aansturen, zitten gemiddeld een schaal "
                "hoger.",
            ),
            p(
                "Het volledige rapport met de verdeling per regio bespreken we op de rondetafel "
                "voor leden. Gebruik de cijfers gerust in je eigen organisatie, maar deel ze "
                "niet buiten het netwerk: de deelnemers deden mee op die voorwaarde.",
            ),
        ],
    },
    {
        "model": NewsPage,
        "slug": "verslag-kring-zuidwest-grip-op-inhuur",
        "title": "Verslag kring Zuidwest: grip op de inhuur van personeel",
        "intro": (
            "Negen leden van de regionale kring Zuidwest bespraken hoe zij de kosten van "
            "tijdelijke krachten in de hand houden. Een kort verslag met de afspraken die we "
            "maakten."
        ),
        "days_ago": 16,
        "networks": [BEDRIJFSVOERING],
        "themes": ["bedrijfsvoering", "samenwerking"],
        "tags": ["inhuur", "kring zuidwest", "verslag"],
        "authors": ["redactie-vakgenoten"],
        "body": [
            p(
                "Bram Jansen van de gemeente Bergambacht aan Zee zat de bijeenkomst voor. Aan "
                "tafel zaten managers en controllers uit zeven gemeenten en een "
                "uitvoeringsorganisatie. Iedereen bracht de eigen cijfers over inhuur van het "
                "afgelopen jaar mee.",
            ),
            h("Wat we hoorden"),
            p(
                "De meeste gemeenten huren vooral in bij ICT, vergunningverlening en het "
                "sociaal domein. Twee gemeenten zagen de kosten dalen nadat ze een vaste pool "
                "van flexibele medewerkers deelden met hun buurgemeenten.",
                "Een lid vertelde eerlijk dat een project van drie maanden twee jaar duurde, met "
                "dezelfde ingehuurde projectleider. Niemand had het moment gepland om te "
                "beslissen of het zo door moest gaan.",
            ),
            h("Afspraken"),
            ul(
                "Bergambacht aan Zee en Leppedyk werken een gezamenlijke flexpool uit en "
                "vertellen er in de volgende kring over.",
                "Elke inhuuropdracht krijgt in onze gemeenten een vast evaluatiemoment na drie "
                "maanden.",
                "De cijfers die vandaag op tafel lagen, blijven binnen de kring.",
            ),
        ],
    },
    {
        "model": BlogPostPage,
        "kind": BlogPostPage.Kind.BLOG,
        "slug": "overhead-per-inwoner-leden-leggen-cijfers-naast-elkaar",
        "title": "Overhead per inwoner: twaalf leden leggen hun cijfers naast elkaar",
        "intro": (
            "Hoeveel kost de bedrijfsvoering van een gemeente per inwoner? Erik Veenstra "
            "verzamelde de cijfers van twaalf leden en vertelt wat de verschillen verklaart."
        ),
        "days_ago": 24,
        "networks": [BEDRIJFSVOERING],
        "themes": ["bedrijfsvoering"],
        "tags": ["overhead", "benchmark", "control"],
        "authors": ["erik-veenstra"],
        "body": [
            p(
                "In de raad krijg ik elk jaar dezelfde vraag: is onze overhead te hoog? Een "
                "eerlijk antwoord kan ik alleen geven als ik weet wat vergelijkbare gemeenten "
                "uitgeven. Daarom vroeg ik twaalf leden van het netwerk om hun cijfers, met de "
                "belofte dat ze niet buiten het netwerk komen.",
            ),
            h("De verschillen zijn groot, maar verklaarbaar"),
            p(
                "De laagste gemeente gaf per inwoner bijna de helft uit van de hoogste. Wie "
                "beter kijkt, ziet dat de verschillen vooral ontstaan door wat je meetelt. De "
                "ene gemeente boekt de kosten van een samenwerkingsverband als overhead, de "
                "andere als uitvoering.",
            ),
            pull("Wie overhead wil vergelijken, moet eerst afspreken wat overhead is."),
            h("Wat ik voorstel"),
            ul(
                "We gebruiken in het netwerk één definitie, die van de begrotingsvoorschriften.",
                "Elk jaar leveren de deelnemers hun cijfers in dezelfde vorm aan.",
                "We bespreken de uitkomsten alleen onder leden, zodat iedereen open kan zijn.",
            ),
        ],
    },
]

# Existing demo articles that belong to an open network: public as before, and listed as that
# network's articles.
NETWORK_ARTICLES = {
    "eerst-het-proces-dan-de-techniek": [SAMEN_DIGITAAL],
    "zaakgericht-werken-met-gedeelde-componenten": [SAMEN_DIGITAAL],
    "een-keer-ontwikkelen-niet-340-keer": [SAMEN_DIGITAAL],
    "informatieveiligheid-begint-bij-de-koffieautomaat": [OVERHEID_2_0],
    "wat-de-avg-ons-leerde-over-archiveren": [OVERHEID_2_0],
    "handreiking-informatiebeveiliging-kleine-gemeenten": [OVERHEID_2_0],
}


def networks_of(spec):
    """The networks a demo article belongs to, by slug."""
    return spec.get("networks") or NETWORK_ARTICLES.get(spec["slug"], [])


def load_network_articles(index, authors, themes, organisations):
    """The closed network's articles, then the open networks' links on articles loaded before
    articles could belong to networks (an article that has networks is left alone)."""
    for number, spec in enumerate(CLOSED_NETWORK_ARTICLES, start=len(ARTICLES)):
        load_article(index, spec, authors, themes, organisations, number)
    networks = {network.slug: network for network in Network.objects.all()}
    for spec in [*ARTICLES, *CLOSED_NETWORK_ARTICLES]:
        wanted = [networks[slug] for slug in networks_of(spec) if slug in networks]
        page = spec["model"].objects.filter(slug=spec["slug"]).first()
        if not wanted or page is None or page.networks.exists():
            continue
        page.networks = wanted
        revision = page.save_revision()
        if page.live:
            revision.publish()
