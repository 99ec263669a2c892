"""Factories of the ideas box."""

import factory
from django.utils import timezone

from proposals.models import Idea, IdeaStatusChange, Support, Theme
from tests.factories import CitizenFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class IdeaFactory(factory.django.DjangoModelFactory):
    """A published idea by default; `status=Idea.Status.SUBMITTED` for a pending one."""

    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idée numéro {n}")
    body = "Une description de l'idée, assez longue pour être lue."
    theme = factory.SubFactory(ThemeFactory)
    author = factory.SubFactory(CitizenFactory)
    status = Idea.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda idea: timezone.now() if idea.status in Idea.PUBLIC_STATUSES else None
    )


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaStatusChange

    idea = factory.SubFactory(IdeaFactory)
    to_status = Idea.Status.PUBLISHED


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    user = factory.SubFactory(CitizenFactory)
