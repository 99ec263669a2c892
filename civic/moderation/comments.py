"""Comments on any model, with django-comments-xtd.

An app makes its model commentable once, in its AppConfig.ready()::

    from civic.moderation.comments import register_commentable
    register_commentable(Idea)

The model then needs `is_public` (bool: anyone may read the object; a hidden object and its
comments answer exactly as if they did not exist), `accepts_comments` (bool: the discussion is
open), `get_absolute_url()` and, to be told about new comments, an `author` (a user).
Posting goes through `civic.moderation.comment_views.comment_post`, which refuses clearly (on
the form) what this moderator would refuse; the moderator is the last line for any other way
in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.moderation import XtdCommentModerator, moderator

from civic.accounts.selectors import user_has_verified_email
from civic.notifications.followables import followable_register

_COMMENTABLE: set[type[models.Model]] = set()


def is_commentable_model(model) -> bool:
    return model in _COMMENTABLE


def is_public_commentable(obj) -> bool:
    """`obj` is of a commentable model and its model says anyone may read it."""
    return obj is not None and type(obj) in _COMMENTABLE and bool(getattr(obj, "is_public", False))


def comment_refusal(*, user, obj) -> str | None:
    """Why `user` may not comment on `obj` now, or None when they may."""
    if not is_public_commentable(obj):
        return str(_("Ce contenu ne reçoit pas de commentaires."))
    if not getattr(obj, "accepts_comments", False):
        return str(_("Les commentaires sont fermés pour ce contenu."))
    if user is None or not user.is_authenticated:
        return str(_("Connectez-vous pour commenter."))
    if not user.is_active:
        return str(_("Votre compte est désactivé."))
    if not user_has_verified_email(user):
        return str(
            _("Confirmez votre adresse e-mail pour commenter (voyez le lien reçu par e-mail).")
        )
    return None


class CivicCommentModerator(XtdCommentModerator):
    """Lets only verified users comment while the object is open; tells the people concerned."""

    def allow(self, comment, content_object, request):
        return comment_refusal(user=comment.user, obj=content_object) is None

    def moderate(self, comment, content_object, request):
        return False  # published at once; flags hide it later (services.comment_flag)

    def email(self, comment, content_object, request):
        # `comment` is django-comments-xtd's temporary comment; the saved one is xtd_comment.
        from civic.moderation.services import comment_posted_notify

        saved = getattr(comment, "xtd_comment", None) or comment
        if getattr(saved, "pk", None):
            comment_posted_notify(comment=saved)


def register_commentable(model: type[models.Model]) -> None:
    """Open `model` to comments (idempotent); commentable objects can also be followed."""
    if model in _COMMENTABLE:
        return
    _COMMENTABLE.add(model)
    followable_register(model)
    moderator.register(model, CivicCommentModerator)
