"""Notifications: emails to citizens, and follows.

`notification_send` is the one way the platform writes to a citizen. It never sends inside
the caller's transaction: the email is rendered and queued when the transaction commits (and
dropped if it rolls back), then sent by a django-tasks task, so no request waits for SMTP.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from civic.identity import site_identity
from civic.notifications.followables import is_followable
from civic.notifications.kinds import kinds_all
from civic.notifications.models import Follow
from civic.notifications.tasks import email_send

_sent_now: ContextVar[bool] = ContextVar("notifications_sent_now", default=False)


def absolute_url(path: str) -> str:
    """`path` on the public site (`WAGTAILADMIN_BASE_URL`), for links in emails."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def notification_wanted(*, recipient, kind: str) -> bool:
    """Whether `recipient` accepts emails of `kind` (their profile preferences).

    Kinds without a preference (the acknowledgement) always go; a recipient without a
    profile gets the defaults (everything on); inactive accounts and accounts without an
    email get nothing.
    """
    if recipient is None or not recipient.is_active or not recipient.email:
        return False
    preference = kinds_all()[kind].preference
    if preference is None:
        return True
    profile = getattr(recipient, "profile", None)
    return profile is None or bool(getattr(profile, preference))


def notification_send(
    *, recipient, kind: str, context: dict, obj: models.Model | None = None
) -> None:
    """Email `recipient` about `kind`, in their language, once the current transaction commits.

    Guarantees: nothing is sent if the transaction rolls back; nothing is sent against the
    recipient's preferences; the request never waits for the mail server (the email is
    queued as a django-tasks task). Raises ValueError for an unknown kind.
    """
    if kind not in kinds_all():
        raise ValueError(f"Unknown notification kind {kind!r}.")
    if not notification_wanted(recipient=recipient, kind=kind):
        return
    transaction.on_commit(
        functools.partial(
            _render_and_enqueue, recipient=recipient, kind=kind, context=context, obj=obj
        ),
        robust=True,
    )


def _render_and_enqueue(*, recipient, kind: str, context: dict, obj) -> None:
    target = obj if obj is not None else context.get("idea") or context.get("object")
    url = getattr(target, "get_absolute_url", None)
    profile = getattr(recipient, "profile", None)
    language = getattr(profile, "language", None) or settings.LANGUAGE_CODE
    identity = site_identity()
    full_context = {
        **context,
        "recipient": recipient,
        "recipient_name": recipient.public_name,
        "object": target,
        "object_url": absolute_url(url()) if url is not None else "",
        "preferences_url": absolute_url(reverse("accounts:profile_edit")),
        "site_name": identity.name,
        "moderation_delay_hours": settings.CIVIC_MODERATION_DELAY_HOURS,
        "kind": kind,
    }
    kept = getattr(target, "duplicate_of", None)
    if kept is not None:
        full_context["kept_url"] = absolute_url(kept.get_absolute_url())
    with translation.override(language):
        full_context["language"] = translation.get_language()
        subject = render_to_string(f"notifications/email/{kind}.subject.txt", full_context)
        subject = identity.email_subject(subject)
        text = render_to_string(f"notifications/email/{kind}.txt", full_context)
        html = render_to_string(f"notifications/email/{kind}.html", full_context)
    message = {
        "to": recipient.email,
        "subject": subject,
        "text": text,
        "html": html,
        "from_email": identity.from_email,
        "headers": {"List-Unsubscribe": f"<{full_context['preferences_url']}>"},
    }
    if _sent_now.get():
        email_send.call(**message)
    else:
        email_send.enqueue(**message)


@contextmanager
def notifications_sent_now():
    """Send notifications in this process instead of queueing them for the worker.

    For `seed_demo`: with the production database task backend, the demo's emails to fake
    addresses would otherwise wait in the queue; sent now, they reach the mail backend that
    the command holds them in.
    """
    token = _sent_now.set(True)
    try:
        yield
    finally:
        _sent_now.reset(token)


@transaction.atomic
def follow_toggle(*, user, obj: models.Model) -> bool:
    """Follow `obj` if `user` does not yet, else stop following. Returns True when following.

    Only signed-in users, only public followable objects. Idempotent under double clicks:
    the unique constraint decides, a concurrent duplicate is treated as "already following".
    """
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Connectez-vous pour suivre ce contenu."))
    if not is_followable(obj):
        raise ValidationError(_("Ce contenu ne peut pas être suivi."))
    content_type = ContentType.objects.get_for_model(obj)
    deleted, _details = Follow.objects.filter(
        user=user, content_type=content_type, object_id=obj.pk
    ).delete()
    if deleted:
        return False
    follow = Follow(user=user, content_type=content_type, object_id=obj.pk)
    follow.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:
        pass
    return True
