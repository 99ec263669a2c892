"""State changes of comments: flag, approve, remove; and who is told about a new comment.

Comments are django-comments-xtd's `XtdComment`. A comment is public while
`is_public and not is_removed`; `CIVIC_COMMENT_FLAGS_TO_HIDE` distinct flags ("signaler")
hide it until a moderator approves it (public again, flags cleared) or removes it for good.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from civic.audit import audit_log
from civic.notifications.services import notification_send

MODERATE_COMMENTS = "django_comments.can_moderate"


def _removal_flags(comment: XtdComment):
    return CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)


@transaction.atomic
def comment_flag(*, user, comment: XtdComment) -> bool:
    """`user` reports `comment` ("signaler"). Returns True if this is a new flag.

    One flag per user and comment (the table's unique constraint; a second click is a
    no-op). When the comment reaches `CIVIC_COMMENT_FLAGS_TO_HIDE` flags it is hidden
    pending review. Flagging one's own comment is refused.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Connectez-vous pour signaler un commentaire."))
    if comment.is_removed:
        raise ValidationError(_("Ce commentaire a déjà été retiré."))
    if comment.user_id == user.pk:
        raise ValidationError(_("Vous ne pouvez pas signaler votre propre commentaire."))
    comment = XtdComment.norel_objects.select_for_update().get(pk=comment.pk)
    _flag, created = CommentFlag.objects.get_or_create(
        comment=comment, user=user, flag=CommentFlag.SUGGEST_REMOVAL
    )
    if not created:
        return False
    audit_log(actor=user, action="moderation.comment.flag", instance=comment)
    flags = _removal_flags(comment).count()
    if comment.is_public and flags >= settings.CIVIC_COMMENT_FLAGS_TO_HIDE:
        comment.is_public = False
        comment.save(update_fields=["is_public"])
        audit_log(
            actor=None,
            action="moderation.comment.hide",
            instance=comment,
            data={"flags": flags},
        )
    return True


def _check_moderator(actor) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(MODERATE_COMMENTS):
        raise PermissionDenied(_("Vous n'avez pas le droit de modérer les commentaires."))


@transaction.atomic
def comment_approve(*, actor, comment: XtdComment, reason: str = "") -> XtdComment:
    """A moderator keeps `comment`: public again, its flags cleared (it can be reported anew).

    Replies that were hidden by their own flags stay hidden.
    """
    _check_moderator(actor)
    comment = XtdComment.norel_objects.select_for_update().get(pk=comment.pk)
    flags = _removal_flags(comment).count()
    _removal_flags(comment).delete()
    comment.is_public = True
    comment.is_removed = False
    comment.save()  # re-publishes the replies hidden with it (django-comments-xtd)
    _rehide_flagged_replies(comment)
    CommentFlag.objects.get_or_create(
        comment=comment, user=actor, flag=CommentFlag.MODERATOR_APPROVAL
    )
    audit_log(
        actor=actor,
        action="moderation.comment.approve",
        instance=comment,
        data={"reason": reason, "flags": flags},
    )
    return comment


def _rehide_flagged_replies(comment: XtdComment) -> None:
    replies = XtdComment.norel_objects.filter(thread_id=comment.thread_id, level__gt=comment.level)
    for reply in replies.exclude(pk=comment.pk):
        if (
            reply.is_removed
            or _removal_flags(reply).count() >= settings.CIVIC_COMMENT_FLAGS_TO_HIDE
        ):
            XtdComment.norel_objects.filter(pk=reply.pk).update(is_public=False)


@transaction.atomic
def comment_remove(*, actor, comment: XtdComment, reason: str = "") -> XtdComment:
    """A moderator removes `comment` for good (kept for the audit trail, never shown again).

    Its replies are hidden with it.
    """
    _check_moderator(actor)
    comment = XtdComment.norel_objects.select_for_update().get(pk=comment.pk)
    comment.is_public = False
    comment.is_removed = True
    comment.save()  # hides the replies too (django-comments-xtd)
    CommentFlag.objects.get_or_create(
        comment=comment, user=actor, flag=CommentFlag.MODERATOR_DELETION
    )
    audit_log(
        actor=actor,
        action="moderation.comment.remove",
        instance=comment,
        data={"reason": reason, "removed_at": timezone.now().isoformat()},
    )
    return comment


def comment_posted_notify(*, comment: XtdComment) -> None:
    """Tell the author of the commented object, and the author of the parent comment.

    Nobody is told about their own comment, and nobody twice about the same one.
    """
    obj = comment.content_object
    told = {comment.user_id}
    if comment.parent_id and comment.parent_id != comment.pk:
        parent = (
            XtdComment.norel_objects.select_related("user__profile")
            .filter(pk=comment.parent_id)
            .first()
        )
        if parent is not None and parent.user is not None and parent.user_id not in told:
            notification_send(
                recipient=parent.user,
                kind="comment_reply",
                context={"comment": comment, "parent": parent, "object": obj},
                obj=obj,
            )
            told.add(parent.user_id)
    author = getattr(obj, "author", None)
    if author is not None and author.pk not in told:
        notification_send(
            recipient=author,
            kind="comment_on_my_content",
            context={"comment": comment, "object": obj},
            obj=obj,
        )
