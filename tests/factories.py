"""factory_boy factories for the models of every app."""

import factory
from allauth.account.models import EmailAddress

from members.models import Network, Organisation, User


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified e-mail address and a complete name."""

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


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-voorbeeld-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")
