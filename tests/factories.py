"""Factories shared by every app's tests (factory_boy). App-specific ones live in
`tests/<app>/factories.py`."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils.text import slugify

from civic.accounts import roles
from civic.accounts.models import AgeBracket, District, Profile, User

DEFAULT_PASSWORD = "mot-de-passe-de-test"


def _join_groups(user: User, names: list[str]) -> None:
    user.save()  # persists the password set by the post-generation hook
    for name in names:
        group, _created = Group.objects.get_or_create(name=name)
        user.groups.add(group)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda d: slugify(d.name))
    population = 5000


class UserFactory(factory.django.DjangoModelFactory):
    """A bare account (no verified email, no profile, no group)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """`UserFactory(groups=[roles.MODERATORS])` puts the user in those role groups."""
        if create:
            _join_groups(self, extracted or [])


class CitizenFactory(UserFactory):
    """A citizen who can participate: verified email, a profile, in the Citoyens group.

    Profile fields can be set with `profile__display_name=...`, `profile__district=...`,
    `profile__age_bracket=...`.
    """

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """Citoyens unless `groups=[...]` names other role groups."""
        if create:
            _join_groups(self, extracted or [roles.CITIZENS])

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if not create:
            return
        EmailAddress.objects.update_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        defaults = {
            "display_name": kwargs.pop("display_name", None)
            or f"{self.first_name} {self.last_name[:1]}.",
            "district": kwargs.pop("district", None) or DistrictFactory(),
            "age_bracket": kwargs.pop("age_bracket", AgeBracket.FROM_30_TO_44),
            **kwargs,
        }
        Profile.objects.update_or_create(user=self, defaults=defaults)
