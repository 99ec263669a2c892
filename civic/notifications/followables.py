"""Which models citizens may follow. Commentable models are registered automatically
(`civic.moderation.comments.register_commentable`); others call `followable_register`."""

from django.db import models

_FOLLOWABLE: set[type[models.Model]] = set()


def followable_register(model: type[models.Model]) -> None:
    _FOLLOWABLE.add(model)


def is_followable(obj: models.Model) -> bool:
    """True when `obj`'s model is registered and the object is public (`is_public`, if any)."""
    return type(obj) in _FOLLOWABLE and bool(getattr(obj, "is_public", True))
