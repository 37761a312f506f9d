import pytest

from tests.factories.blog import ThemeFactory
from tests.factories.collaborations import (
    CollaborationFactory,
    LocatedOrganisationFactory,
    ParticipationFactory,
)


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Belastingen", slug="belastingen")


@pytest.fixture
def make_collaboration(theme):
    """A collaboration on ``theme`` with ``size`` located participants, the first one the
    lead (penvoerder)."""

    def make(size=3, **fields):
        fields.setdefault("themes", [theme])
        collaboration = CollaborationFactory(**fields)
        for number in range(size):
            ParticipationFactory(
                collaboration=collaboration,
                organisation=LocatedOrganisationFactory(),
                role="penvoerder" if number == 0 else "deelnemer",
            )
        return collaboration

    return make
