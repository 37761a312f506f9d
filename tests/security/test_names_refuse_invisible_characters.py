"""Names hold at least one letter and no line breaks, zero-width or direction-changing characters.

A probe stored a member name with a line break through a crafted profile POST: every e-mail
naming that member then failed to send (the subject broke the header). Names that are a lone
zero-width space, or that hold a right-to-left override, hide who someone is. One validator
(vakgenoten.text.validate_name) is on every name field of every model, so the site's forms, the
Wagtail admin's forms and anything that calls ``full_clean`` refuse them alike.
"""

import pytest

from django.core.exceptions import ValidationError

from members.models import Organisation, User
from tests.blog.factories import with_second_factor
from tests.factories import OrganisationFactory, UserFactory
from vakgenoten.text import clean_stored_values, single_line, validate_name

pytestmark = pytest.mark.django_db

BAD_NAMES = {
    "line break": "Jan\r\nBcc: iedereen@example.org",
    "newline": "Jan\nJansen",
    "tab": "Jan\tJansen",
    "zero-width space alone": "\u200b",
    "zero-width space inside": "Jan\u200bJansen",
    "right-to-left override": "Jan\u202enesnaJ",
    "left-to-right isolate": "Jan\u2066Jansen",
    "line separator": "Jan\u2028Jansen",
    "paragraph separator": "Jan\u2029Jansen",
    "no letter": "...",
    "Hangul filler": "\u3164",
    "combining mark alone": "\u0301",
}
GOOD_NAMES = ["Zoë", "El Amrani", "d'Ancona", "Jan-Willem", "IJsbrand", "فاطمة", "Åsa Ørsted"]
CONTROL_MESSAGE = "Gebruik hier geen regeleinden, tabs of onzichtbare tekens"
LETTER_MESSAGE = "Een naam moet minstens één letter bevatten."


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_the_name_validator_refuses_invisible_and_control_characters(name):
    with pytest.raises(ValidationError):
        validate_name(name)


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_the_name_validator_accepts_names_from_many_languages(name):
    validate_name(name)


def profile_post(**names):
    return {"first_name": "Fatima", "last_name": "El Amrani", "visibility": "members", **names}


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_member_cannot_store_a_name_with_invisible_characters_through_the_profile(
    member_client, member, name
):
    response = member_client.post("/mijn-account/profiel/", profile_post(last_name=name))

    assert response.status_code == 200
    errors = response.context["form"].errors["last_name"]
    assert any(CONTROL_MESSAGE in error or LETTER_MESSAGE in error for error in errors)
    # What was typed stays in the form, so the member sees what to correct.
    assert response.context["form"]["last_name"].value() == name
    member.refresh_from_db()
    assert member.last_name != name


def test_member_keeps_a_name_with_accents_and_a_prefix(member_client, member):
    response = member_client.post(
        "/mijn-account/profiel/", profile_post(first_name="Zoë", last_name="van  der Berg")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.first_name, member.last_name) == ("Zoë", "van der Berg")


@pytest.mark.parametrize("name", ["\u200b", "An\u202ena"], ids=["zero-width", "bidi override"])
def test_visitor_cannot_sign_up_with_an_invisible_or_reversed_name(client, name):
    from tests.members.conftest import signup_data

    response = client.post("/accounts/signup/", signup_data(first_name=name))
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"]
    assert not User.objects.filter(email="anouk@lindenholt.example").exists()


@pytest.fixture
def editor_client(client):
    client.force_login(with_second_factor(UserFactory(is_staff=True, is_superuser=True)))
    return client


def test_editor_cannot_give_a_user_a_name_with_a_line_break_in_the_admin(editor_client):
    user = UserFactory(first_name="Anouk", last_name="de Vries")
    response = editor_client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "email": user.email,
            "first_name": "Anouk\r\nBcc: iedereen@example.org",
            "last_name": "de Vries",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "first_name" in response.context["form"].errors
    user.refresh_from_db()
    assert user.first_name == "Anouk"


def test_editor_cannot_name_an_organisation_with_a_zero_width_space_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/snippets/members/organisation/add/",
        {"name": "\u200b", "slug": "leeg", "kind": "gemeente", "website": ""},
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Organisation.objects.filter(slug="leeg").exists()


@pytest.mark.parametrize(
    "model_path, field",
    [
        ("members.models.User", "first_name"),
        ("members.models.User", "last_name"),
        ("members.models.Organisation", "name"),
        ("members.models.Network", "name"),
        ("blog.models.Author", "name"),
        ("taxonomy.models.Theme", "name"),
        ("blog.models.Interviewee", "name"),
        ("events.models.EventSpeaker", "name"),
        ("events.models.Registration", "guest_name"),
        ("vakgenoten.models.ProblemReport", "name"),
    ],
)
def test_every_stored_name_is_checked_by_the_name_validator(model_path, field):
    """The admin's forms run a model field's validators; this is what makes them refuse."""
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    assert validate_name in model._meta.get_field(field).validators


def test_organiser_cannot_add_a_guest_whose_name_holds_a_line_break():
    from events.forms import ManualRegistrationForm

    form = ManualRegistrationForm(
        {"email": "gast@example.org", "name": "Gast\nBcc: x@example.org", "remark": ""}
    )
    assert not form.is_valid()
    assert "name" in form.errors


def test_problem_report_name_with_a_bidi_override_is_refused(client):
    response = client.post(
        "/probleem-melden/", {"message": "De zoekfunctie werkt niet.", "name": "Piet\u202e"}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_demo_content_and_the_demo_accounts_have_valid_names(home_page, settings, tmp_path):
    """The write paths outside forms (demo loaders, management commands) store valid names."""
    from django.core.management import call_command

    from blog import demo as blog_demo
    from blog.models import Author, Interviewee
    from events import demo as events_demo
    from events.models import EventSpeaker, Registration
    from home import demo as home_demo
    from members import demo as members_demo
    from members.models import Network
    from taxonomy.models import Theme

    settings.BASE_DIR = tmp_path
    home_demo.load_shared()
    members_demo.load(home_page)
    blog_demo.load(home_page)
    events_demo.load(home_page)
    home_demo.load_role_accounts()
    call_command("demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    names = [
        *User.objects.values_list("first_name", flat=True),
        *User.objects.values_list("last_name", flat=True),
        *Organisation.objects.values_list("name", flat=True),
        *Network.objects.values_list("name", flat=True),
        *Author.objects.values_list("name", flat=True),
        *Theme.objects.values_list("name", flat=True),
        *Interviewee.objects.values_list("name", flat=True),
        *EventSpeaker.objects.values_list("name", flat=True),
        *Registration.objects.exclude(guest_name="").values_list("guest_name", flat=True),
    ]
    assert len(names) > 30
    for name in names:
        validate_name(name)


def test_the_benchmark_data_uses_valid_names():
    """bench/seed.py builds members, authors and interviewees from these lists."""
    from bench.data import FIRST_NAMES, LAST_NAMES

    for name in FIRST_NAMES + LAST_NAMES:
        validate_name(name)


def test_names_stored_before_the_check_are_cleaned_by_the_data_migration():
    line_break = UserFactory()
    invisible = UserFactory()
    User.objects.filter(pk=line_break.pk).update(first_name="Jan\r\nBcc: x@example.org")
    User.objects.filter(pk=invisible.pk).update(last_name="\u200b")
    OrganisationFactory(name="Gemeente Oost")
    twin = OrganisationFactory()
    Organisation.objects.filter(pk=twin.pk).update(name="Gemeente\nOost")

    clean_stored_values(User, names=("first_name", "last_name"))
    clean_stored_values(Organisation, names=("name",))

    line_break.refresh_from_db()
    invisible.refresh_from_db()
    twin.refresh_from_db()
    assert line_break.first_name == "Jan Bcc: x@example.org"
    assert invisible.last_name == ""  # asked again: the member cannot take part without one
    assert twin.name == "Gemeente\nOost"  # would collide with another name: left to the editors


def test_single_line_drops_invisible_characters_and_joins_lines():
    assert single_line("Jan\u200b\r\nJansen\u202e\t ") == "Jan Jansen"
    assert single_line("a" * 60, 50) == "a" * 49 + "…"
