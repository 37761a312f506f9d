"""Members: users with a profile and real names, organisations, networks, editors."""

import factory
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group

from members.models import Network, NetworkMembership, Organisation, User


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified e-mail address and a complete name.

    The profile comes from the post-save signal; ``profile__<field>`` fills it in:
    ``UserFactory(profile__visibility="public", profile__themes=[theme])``.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lid{n}@gemeente.example")
    first_name = factory.Iterator(["Anouk", "Bram", "Fatima", "Joost", "Mirjam", "Sanne"])
    last_name = factory.Iterator(["de Vries", "Jansen", "El Amrani", "Bakker", "Visser"])
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def profile(obj, create, extracted, **fields):
        if not create or not fields:
            return
        themes = fields.pop("themes", None)
        profile = obj.profile
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        if themes:
            profile.themes.set(themes)


def with_second_factor(user):
    """Give ``user`` an authenticator app: the admin opens only with a second factor."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())
    return user


class EditorFactory(UserFactory):
    """A member of the Redactie group (the migrations give it its rights) who can open the
    admin: staff, with a second factor."""

    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(*(extracted or [Group.objects.get(name="Redactie")]))
            with_second_factor(obj)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)  # the demo taxonomy may hold it already

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-voorbeeld-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ("slug",)  # the demo taxonomy may hold it already

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")


def network_members(network, count):
    """``count`` new members, each with an approved membership of ``network``, saved one by one
    with their signals, as members join."""
    members = UserFactory.create_batch(count)
    for member in members:
        NetworkMembership.objects.create(
            user=member, network=network, status=NetworkMembership.Status.APPROVED
        )
    return members


def network_manager(network, **fields):
    """A member who manages ``network`` (an approved membership in the manager's role); the
    admin needs ``with_second_factor`` on top. Bram Jansen unless ``fields`` say otherwise."""
    user = UserFactory(**{"first_name": "Bram", "last_name": "Jansen", **fields})
    NetworkMembership.objects.create(
        user=user,
        network=network,
        status=NetworkMembership.Status.APPROVED,
        role=NetworkMembership.Role.MANAGER,
    )
    return user
