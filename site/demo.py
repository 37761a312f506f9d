"""Demo content of the site layer: the home page, the fixed pages and the site settings.

Every function here is idempotent: it looks things up by slug and leaves existing records alone,
so running ``manage.py load_demo`` twice changes nothing.
"""

import json

from wagtail.models import Page, Site

from .baseline import ensure_tree_roots
from .links import site_record_address
from .models import HomePage, SiteSettings, StandardPage


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


HOME_INTRO = (
    "Vakgenoten is de plek waar mensen uit gemeenten laten zien wat werkt. Lees hoe een collega "
    "in een andere gemeente het aanpakte, praat mee onder je eigen naam en ontmoet elkaar op "
    "congressen, ledendagen en webinars. Eén keer ontwikkelen, niet 340 keer."
)

HOME_BODY = [
    heading("Samen slimmer werken"),
    paragraph(
        "<p>Gemeenten doen veel van hetzelfde werk. Een gemiddelde gemeente werkt in ongeveer "
        "vijftien samenwerkingsverbanden met andere gemeenten. Toch vinden we elkaars oplossingen "
        "vaak pas als we zelf al halverwege zijn. Op Vakgenoten delen bedrijfsvoerders, "
        "beleidsadviseurs, informatiespecialisten en gemeentesecretarissen wat ze geleerd hebben: "
        "in interviews, praktijkvoorbeelden, blogs en nieuws.</p>"
    ),
]

STANDARD_PAGES = [
    {
        "slug": "over-vakgenoten",
        "title": "Over Vakgenoten",
        "show_in_menus": True,
        "intro": (
            "Vakgenoten is een open kennisplatform voor iedereen die bij een gemeente of een "
            "verwante overheidsorganisatie werkt, en voor de netwerken waar zij lid van zijn."
        ),
        "body": [
            heading("Waarom dit platform"),
            paragraph(
                "<p>Er zijn ongeveer 340 gemeenten in Nederland. Ze voeren grotendeels dezelfde "
                "taken uit, van de Wmo en jeugdzorg tot de Omgevingswet en "
                "informatiebeveiliging. Wie een probleem wil oplossen, heeft er veel aan om te "
                "weten hoe een andere gemeente het deed. Vakgenoten brengt die kennis bij elkaar "
                "en maakt het makkelijk om de collega te vinden die het al eens heeft gedaan.</p>"
            ),
            heading("Wat je hier vindt"),
            paragraph(
                "<ul><li>Interviews met mensen uit de praktijk.</li>"
                "<li>Praktijkvoorbeelden: de gemeente, het probleem, de aanpak, de resultaten en "
                "wie je kunt bellen.</li>"
                "<li>Blogs en columns van bestuurders, directeuren en lectoren.</li>"
                "<li>Nieuws en een agenda met congressen, ledendagen en webinars.</li></ul>"
            ),
            heading("Wie er achter zit"),
            paragraph(
                "<p>Vakgenoten is open source software. Beroepsverenigingen en communities "
                "kunnen het platform zelf gebruiken. De redactie bestaat uit vrijwilligers uit "
                "gemeenten en uit de aangesloten netwerken.</p>"
            ),
        ],
    },
    {
        "slug": "privacyverklaring",
        "title": "Privacyverklaring",
        "show_in_menus": False,
        "intro": (
            "Wij gaan zorgvuldig om met je gegevens. Hier lees je welke gegevens we bewaren, "
            "waarom, hoe lang, en wat je rechten zijn onder de AVG."
        ),
        "body": [
            heading("Welke gegevens we bewaren"),
            paragraph(
                "<ul><li>Je e-mailadres en wachtwoord (versleuteld), om in te loggen. Je "
                "e-mailadres tonen we nooit aan anderen.</li>"
                "<li>Je voornaam en achternaam, omdat je onder je eigen naam reageert.</li>"
                "<li>Wat je zelf in je profiel zet: organisatie, functie, provincie, thema's, "
                "een korte beschrijving en een foto.</li>"
                "<li>Je reacties, je aanmeldingen voor evenementen en de netwerken waar je lid "
                "van bent.</li>"
                "<li>Meldingen die je via 'Een probleem melden' stuurt.</li></ul>"
            ),
            heading("Waarom"),
            paragraph(
                "<p>We gebruiken je gegevens alleen om het platform te laten werken: je laten "
                "inloggen, je reacties en aanmeldingen tonen en je e-mails sturen waar je zelf om "
                "hebt gevraagd. We verkopen niets en delen niets met adverteerders.</p>"
                "<p>Meld je je aan voor een evenement, dan zien de organisatoren van dat evenement "
                "je naam, organisatie, e-mailadres en je opmerking. Zo kunnen ze je bereiken als "
                "er iets verandert. Andere deelnemers zien je e-mailadres niet.</p>"
                "<p>Hoe vaak een artikel gelezen is, tellen we zonder cookies en zonder te "
                "bewaren wie het las.</p>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>We plaatsen alleen functionele cookies: een sessiecookie om je ingelogd te "
                "houden, een cookie tegen misbruik van formulieren en een cookie met je "
                "taalkeuze. We gebruiken geen tracking of advertentiecookies. Daarom is er geen "
                "cookiemelding.</p>"
            ),
            heading("Hoe lang"),
            paragraph(
                "<p>We bewaren je gegevens zolang je account bestaat. Verwijder je je account, "
                "dan verwijderen we je persoonsgegevens. Je kiest zelf of je reacties verdwijnen "
                "of blijven staan onder de naam 'verwijderde deelnemer'.</p>"
                "<p>Van de e-mails die we je sturen, bewaren we na verzending een maand aan wie "
                "ze gingen en wat erin stond. Daarna weten we alleen nog dat er een e-mail is "
                "verstuurd.</p>"
                "<p>Een bericht dat je via een profiel aan een ander lid stuurt, gaat per e-mail "
                "naar dat lid, met jouw e-mailadres om op te antwoorden. De tekst bewaren we drie "
                "maanden, zodat de ontvanger het kan melden; daarna weten we alleen nog dat er "
                "een bericht is gestuurd.</p>"
            ),
            heading("Je rechten"),
            paragraph(
                "<p>Je kunt al je gegevens downloaden via 'Mijn gegevens', ze aanpassen in je "
                "profiel en je account zelf verwijderen. Heb je een vraag of klacht, mail dan de "
                "redactie. Je mag ook een klacht indienen bij de Autoriteit Persoonsgegevens.</p>"
            ),
        ],
    },
    {
        "slug": "toegankelijkheidsverklaring",
        "title": "Toegankelijkheidsverklaring",
        "show_in_menus": False,
        "intro": (
            "Vakgenoten moet voor iedereen bruikbaar zijn: met een toetsenbord, een "
            "schermlezer, een vergrotingsprogramma of op een klein scherm. Op deze pagina lees "
            "je hoe ver we daarmee zijn, hoe we het controleren en wat nog niet goed gaat."
        ),
        "body": [
            heading("De norm"),
            paragraph(
                "<p>Voor websites van Nederlandse overheidsorganisaties geldt het Besluit "
                "digitale toegankelijkheid overheid. Dat verwijst naar de Europese norm EN 301 "
                "549, die op haar beurt de Web Content Accessibility Guidelines (WCAG) 2.1 op "
                "niveau A en AA voorschrijft. Vakgenoten houdt zich aan die norm, ook waar de wet "
                "ons niet verplicht.</p>"
            ),
            heading("Nalevingsstatus"),
            paragraph(
                "<p>Vakgenoten voldoet <strong>gedeeltelijk</strong> aan WCAG 2.1 niveau AA. De "
                "automatische controles hieronder vinden op geen enkel soort pagina een fout. "
                "Een onderzoek door een onafhankelijke, deskundige partij volgens de methode "
                "WCAG-EM is nog niet gedaan; pas daarmee is aangetoond dat de website volledig "
                "voldoet. Daarom melden we de status eerlijk als gedeeltelijk. In het register van "
                "toegankelijkheidsverklaringen komt dat overeen met status C: eerste maatregelen "
                "genomen.</p>"
            ),
            heading("Wat we controleren en hoe"),
            paragraph(
                "<p>Bij elke wijziging aan de software draait een reeks automatische tests in een "
                "echte browser (Chromium). Die tests gaan langs elk soort pagina: de "
                "startpagina, vaste pagina's, zoeken met en zonder resultaten, de kennisbank met "
                "en zonder filters, elk soort artikel, auteurspagina's, de agenda, een "
                "evenement met aanmeldformulier, Mijn evenementen, het ledenoverzicht, een "
                "profiel, het profielformulier, Mijn gegevens, inloggen, lid worden, wachtwoord "
                "vergeten, de code-stap na het aanmelden, het voorbeeld van een reactie, het "
                "meldformulier en de foutpagina. Ze doen dat afgemeld en ingelogd, en "
                "formulieren ook met foutmeldingen.</p>"
            ),
            paragraph(
                "<ul>"
                "<li><strong>axe-core</strong> controleert elke pagina op de regels van WCAG 2.1 "
                "niveau A en AA, in de lichte en in de donkere weergave. Het kleurcontrast wordt "
                "in beide weergaven gemeten.</li>"
                "<li><strong>De W3C Nu HTML Checker</strong> controleert of de HTML van elke "
                "pagina foutloos is. Hulpmiddelen zoals schermlezers zijn daarvan "
                "afhankelijk.</li>"
                "<li><strong>Toetsenbordtests</strong> gaan met de Tab-toets langs elk "
                "klikbaar element van de startpagina en van een artikel en controleren dat de "
                "focus steeds zichtbaar is. Ze controleren ook dat de link 'Naar de inhoud' naar "
                "de hoofdinhoud springt.</li>"
                "<li><strong>Foutmeldingen</strong> in formulieren (lid worden, profiel, reactie, "
                "aanmelden voor een evenement, een probleem melden) staan bij het veld en zijn "
                "er in de code aan gekoppeld, zodat een schermlezer ze samen met het veld "
                "voorleest.</li>"
                "<li><strong>Herschikken</strong>: op een scherm van 320 pixels breed hoef je "
                "op geen enkele pagina opzij te scrollen.</li>"
                "</ul>"
                "<p>Een test die faalt, houdt de wijziging tegen. Wat de tests vonden, is "
                "opgelost voordat deze versie online kwam.</p>"
            ),
            heading("Wat nog niet goed gaat"),
            paragraph(
                "<p>Automatische tests vinden maar een deel van de mogelijke problemen. Of een "
                "tekstalternatief een afbeelding goed beschrijft, of een kop de inhoud goed "
                "samenvat of een tekst begrijpelijk is, moet een mens beoordelen. Dit weten we "
                "nu:</p>"
                "<ul>"
                "<li>De website is nog niet getest door mensen die zelf een schermlezer of "
                "spraakbesturing gebruiken. Dat plannen we, samen met het onderzoek volgens "
                "WCAG-EM.</li>"
                "<li>Documenten die de redactie uploadt, zoals PDF-bestanden van handreikingen, "
                "zijn niet allemaal toegankelijk. We vragen auteurs om een toegankelijke versie "
                "en zetten de inhoud waar het kan op de pagina zelf.</li>"
                "<li>Webinars lopen via het videoplatform van de organisator (de online link "
                "bij het evenement). Of dat platform ondertiteling en bediening met het "
                "toetsenbord biedt, valt buiten deze website.</li>"
                "<li>Profielfoto's van leden zijn als decoratief gemarkeerd, omdat de naam er "
                "altijd naast staat. Wat er op de foto te zien is, wordt niet beschreven.</li>"
                "<li>De beheeromgeving voor redacteuren en organisatoren is niet gecontroleerd "
                "met dezelfde tests als de openbare website.</li>"
                "</ul>"
            ),
            heading("Loop je ergens tegenaan?"),
            paragraph(
                "<p>Kun je iets niet lezen, niet gebruiken of niet vinden? Laat het ons weten "
                'via <a href="/probleem-melden/">Een probleem melden</a> (onderaan elke '
                "pagina), per e-mail aan redactie@vakgenoten.example of telefonisch op 030 123 "
                "45 67 (werkdagen van 9.00 tot 17.00 uur). Vertel op welke pagina het was en wat "
                "er misging; je e-mailadres hebben we alleen nodig als je antwoord wilt.</p>"
                "<p>Binnen vijf werkdagen laten we weten dat we je melding hebben en wie ermee "
                "aan de slag gaat. Binnen drie weken krijg je een inhoudelijk antwoord: wat we "
                "doen en wanneer. Hebben we de informatie die je zocht niet in een toegankelijke "
                "vorm, dan sturen we haar je in een vorm die voor jou werkt.</p>"
            ),
            heading("Niet tevreden?"),
            paragraph(
                "<p>Ben je niet tevreden over hoe we met je melding zijn omgegaan, laat het de "
                "redactie dan weten; zij legt het voor aan het bestuur. Gebruik je Vakgenoten "
                "via een overheidsorganisatie en komen we er samen niet uit, dan kun je je "
                "wenden tot de Nationale ombudsman.</p>"
            ),
            heading("Over deze verklaring"),
            paragraph(
                "<p>Deze verklaring volgt de opbouw van de modelverklaring van DigiToegankelijk. "
                "Opgesteld op 24 november 2026. We werken haar bij na elk onderzoek en "
                "uiterlijk een jaar na deze datum.</p>"
            ),
        ],
    },
    {
        "slug": "gebruiksvoorwaarden",
        "title": "Gebruiksvoorwaarden",
        "show_in_menus": False,
        "intro": "Een paar afspraken, zodat Vakgenoten een fijne plek blijft om kennis te delen.",
        "body": [
            heading("Reageren"),
            paragraph(
                "<ul><li>Je reageert onder je eigen voornaam en achternaam. Reacties zonder "
                "achternaam worden verwijderd.</li>"
                "<li>Anoniem reageren kan alleen bij uitzondering, in overleg met de "
                "redactie.</li>"
                "<li>Je ziet eerst een voorbeeld van je reactie en plaatst die daarna.</li>"
                "<li>Eenvoudige opmaak mag: vet, cursief, links, lijstjes en citaten.</li>"
                "<li>Blijf bij het onderwerp en wees respectvol. De redactie kan reacties "
                "weigeren of verwijderen.</li></ul>"
            ),
            heading("Wat je publiceert"),
            paragraph(
                "<p>Je blijft eigenaar van wat je schrijft. Je geeft Vakgenoten toestemming om "
                "het op het platform te tonen. Deel geen vertrouwelijke informatie of "
                "persoonsgegevens van anderen.</p>"
            ),
        ],
    },
]

SETTINGS = {
    "footer_text": (
        "Vakgenoten is het kennisplatform van en voor gemeentelijke professionals. "
        "Open source, zonder advertenties en zonder tracking."
    ),
    "contact_email": "redactie@vakgenoten.example",
    "contact_phone": "030 123 45 67",
    "postal_address": "Vakgenoten\nPostbus 1234\n3500 AA Utrecht",
}


def load_home_page():
    """Put a HomePage at the top of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = ensure_tree_roots()
        home = root.add_child(
            instance=HomePage(
                title="Vakgenoten",
                slug="vakgenoten",
                intro=HOME_INTRO,
                body=json.dumps(HOME_BODY),
                seo_title="Vakgenoten — kennis delen tussen gemeenten",
                search_description=HOME_INTRO[:155],
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = site_record_address()  # the public address, as migrate keeps it
        site = Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Vakgenoten",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Vakgenoten"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
    return home, site


def load_standard_pages(home):
    pages = {}
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    body=json.dumps(spec["body"]),
                    show_in_menus=spec["show_in_menus"],
                    search_description=spec["intro"][:155],
                )
            )
            page.save_revision().publish()
        pages[spec["slug"]] = page
    return pages


def load_site_settings(site, pages):
    site_settings = SiteSettings.for_site(site)
    if site_settings.pk and site_settings.privacy_page_id:
        return site_settings
    for field, value in SETTINGS.items():
        setattr(site_settings, field, value)
    site_settings.about_page = pages["over-vakgenoten"]
    site_settings.privacy_page = pages["privacyverklaring"]
    site_settings.accessibility_page = pages["toegankelijkheidsverklaring"]
    site_settings.terms_page = pages["gebruiksvoorwaarden"]
    site_settings.save()
    return site_settings


def load():
    """Load the site layer's demo content; returns the home page for the other loaders."""
    ensure_tree_roots()
    home, site = load_home_page()
    pages = load_standard_pages(home)
    load_site_settings(site, pages)
    return home
