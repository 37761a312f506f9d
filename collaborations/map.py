"""The collaboration map, drawn on the server: organisations as dots, collaborations as lines.

No tiles, scripts or fonts from elsewhere: the positions come from the organisations' latitude
and longitude in a simple equirectangular projection. A degree of longitude is shorter than a
degree of latitude away from the equator, so longitudes are scaled by the cosine of the middle
latitude; then the points are fitted to the drawing with some room around them.
"""

import math
from dataclasses import dataclass, field

WIDTH = 720
MAX_HEIGHT = 720
MIN_HEIGHT = 240
PADDING = 40
# Names are written to the right of their dot: room for them at the right-hand edge.
LABEL_ROOM = 150
# Below this span (in degrees) the points are spread as if they covered it, so one organisation
# or a few close together do not fill the whole drawing.
MIN_SPAN = 0.3
# Collaborations take turns in this many line colours (classes in collaborations.css).
COLOURS = 6


@dataclass
class Dot:
    organisation: object
    x: float
    y: float
    collaborations: list = field(default_factory=list)


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Route:
    """One collaboration on the map: its colour and the lines from its hub to the others."""

    collaboration: object
    colour: int
    lines: list = field(default_factory=list)


@dataclass
class Drawing:
    width: int = WIDTH
    height: int = MIN_HEIGHT
    dots: list = field(default_factory=list)
    routes: list = field(default_factory=list)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def project(points):
    """``{key: (latitude, longitude)}`` to ``({key: (x, y)}, width, height)`` in the drawing."""
    if not points:
        return {}, WIDTH, MIN_HEIGHT
    latitudes = [float(lat) for lat, _lon in points.values()]
    shrink = math.cos(math.radians((min(latitudes) + max(latitudes)) / 2))
    xs = {key: float(lon) * shrink for key, (_lat, lon) in points.items()}
    ys = {key: -float(lat) for key, (lat, _lon) in points.items()}
    left, right = _span(min(xs.values()), max(xs.values()))
    top, bottom = _span(min(ys.values()), max(ys.values()))
    usable = WIDTH - 2 * PADDING - LABEL_ROOM
    scale = usable / (right - left)
    height = (bottom - top) * scale + 2 * PADDING
    if height > MAX_HEIGHT:  # a tall area: fit the height and centre it across
        scale = (MAX_HEIGHT - 2 * PADDING) / (bottom - top)
        height = MAX_HEIGHT
    height = max(height, MIN_HEIGHT)
    offset_x = PADDING + (usable - (right - left) * scale) / 2
    offset_y = (height - (bottom - top) * scale) / 2
    positions = {
        key: (
            round(offset_x + (xs[key] - left) * scale, 1),
            round(offset_y + (ys[key] - top) * scale, 1),
        )
        for key in points
    }
    return positions, WIDTH, round(height)


def _span(low, high):
    if high - low >= MIN_SPAN:
        return low, high
    middle = (low + high) / 2
    return middle - MIN_SPAN / 2, middle + MIN_SPAN / 2


def draw(collaborations):
    """The drawing of ``collaborations`` (their participations and organisations prefetched):
    a dot per located organisation, and per collaboration lines from its hub to the others."""
    organisations = {}
    for collaboration in collaborations:
        for participation in collaboration.participations.all():
            organisations[participation.organisation.pk] = participation.organisation
    located = {
        pk: (organisation.latitude, organisation.longitude)
        for pk, organisation in organisations.items()
        if organisation.has_location
    }
    positions, width, height = project(located)
    drawing = Drawing(width=width, height=height)
    dots = {
        pk: Dot(organisations[pk], *positions[pk])
        for pk in sorted(positions, key=lambda pk: organisations[pk].name)
    }
    for number, collaboration in enumerate(collaborations):
        route = Route(collaboration, number % COLOURS + 1)
        hub = collaboration.hub()
        for participation in collaboration.participations.all():
            dot = dots.get(participation.organisation_id)
            if dot is not None:
                dot.collaborations.append(collaboration)
            if hub is None or participation.pk == hub.pk:
                continue
            start = positions.get(hub.organisation_id)
            end = positions.get(participation.organisation_id)
            if start and end:
                route.lines.append(Line(*start, *end))
        drawing.routes.append(route)
    drawing.dots = list(dots.values())
    return drawing


@dataclass
class Row:
    """A line of the table beside the map: what the map shows, for those who cannot see it."""

    organisation: object
    memberships: list = field(default_factory=list)  # (collaboration, role label)
    partners: list = field(default_factory=list)


def table(collaborations):
    """Per organisation: its collaborations (with its role) and, deduplicated and by name, the
    organisations it works with in them."""
    rows = {}
    for collaboration in collaborations:
        participations = list(collaboration.participations.all())
        for participation in participations:
            organisation = participation.organisation
            row = rows.setdefault(organisation.pk, Row(organisation))
            row.memberships.append((collaboration, participation.get_role_display()))
            known = {partner.pk for partner in row.partners}
            for other in participations:
                if other.organisation_id != organisation.pk and other.organisation_id not in known:
                    row.partners.append(other.organisation)
                    known.add(other.organisation_id)
    result = sorted(rows.values(), key=lambda row: row.organisation.name)
    for row in result:
        row.partners.sort(key=lambda partner: partner.name)
    return result
