"""Reads about follows."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from civic.notifications.models import Follow


def followers_of(obj: models.Model):
    """The active users who follow `obj` (a queryset of users, with their profile)."""
    from django.contrib.auth import get_user_model

    content_type = ContentType.objects.get_for_model(obj)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            follows__content_type=content_type,
            follows__object_id=obj.pk,
        )
        .select_related("profile")
        .distinct()
    )


def is_following(*, user, obj: models.Model) -> bool:
    if user is None or not user.is_authenticated:
        return False
    content_type = ContentType.objects.get_for_model(obj)
    return Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).exists()


def follows_of_user(*, user, limit: int | None = None) -> list[Follow]:
    """`user`'s follows, newest first, with the followed object loaded (deleted ones skipped)."""
    follows = Follow.objects.filter(user=user).select_related("content_type")
    if limit:
        follows = follows[:limit]
    follows = list(follows)
    by_type: dict[int, list[Follow]] = {}
    for follow in follows:
        by_type.setdefault(follow.content_type_id, []).append(follow)
    for items in by_type.values():
        model = items[0].content_type.model_class()
        if model is None:
            continue
        objects = model._default_manager.in_bulk([f.object_id for f in items])
        for follow in items:
            follow.followed = objects.get(follow.object_id)
    return [f for f in follows if getattr(f, "followed", None) is not None]
