"""Ideas and comments for the moderation, comments and notifications tests."""

import factory
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from proposals.models import Idea, Theme
from tests.factories import CitizenFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idée numéro {n} pour la ville")
    body = "Planter des arbres le long de l'avenue."
    theme = factory.SubFactory(ThemeFactory)
    author = factory.SubFactory(CitizenFactory)
    status = Idea.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def comment_create(*, obj, user, text="Un commentaire.", parent=None, **extra) -> XtdComment:
    """A saved comment on `obj` by `user` (a reply when `parent` is given)."""
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        site=Site.objects.get_current(),
        user=user,
        user_name=str(user.public_name)[:50],
        user_email=user.email,
        comment=text,
        ip_address="203.0.113.7",
        parent_id=parent.pk if parent else 0,
        **extra,
    )
    comment.save()
    return comment


def flag_create(comment, *, users):
    for user in users:
        CommentFlag.objects.create(comment=comment, user=user, flag=CommentFlag.SUGGEST_REMOVAL)
