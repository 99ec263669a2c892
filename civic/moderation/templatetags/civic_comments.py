"""What the comment templates need: `{% comment_section_context object as cc %}` and filters."""

from django import template
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_comments_xtd import get_form
from django_comments_xtd.models import max_thread_level_for_content_type

from civic.moderation import selectors
from civic.moderation.comments import comment_refusal

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_section_context(context, obj):
    """The threads, the count, the form (or why there is none) for `obj`'s discussion."""
    request = context.get("request")
    user = getattr(request, "user", None)
    threads = selectors.comments_public_for(obj, user=user)
    refusal = comment_refusal(user=user, obj=obj)
    authenticated = bool(user and user.is_authenticated)
    return {
        "object": obj,
        "threads": threads,
        "count": sum(1 + len(thread["replies"]) for thread in threads),
        "refusal": refusal,
        "open": bool(getattr(obj, "accepts_comments", False)),
        "form": get_form()(obj) if refusal is None else None,
        "authenticated": authenticated,
        "user_id": user.pk if authenticated else None,
        "login_url": reverse("account_login")
        + "?"
        + urlencode({REDIRECT_FIELD_NAME: obj.get_absolute_url() + "#comments"}),
    }


@register.simple_tag(takes_context=True)
def comment_reply_refusal(context, comment):
    """Why the current user cannot answer `comment` now, or ''."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if comment.level >= max_thread_level_for_content_type(comment.content_type):
        return _("On ne peut pas répondre à une réponse : répondez au commentaire d'origine.")
    return comment_refusal(user=user, obj=comment.content_object) or ""


@register.filter
def comment_author(comment) -> str:
    """The pseudonym the public sees, never the name or the email."""
    if comment.user_id is None:
        return _("Compte supprimé")
    return str(comment.user.public_name)


@register.filter
def initial(name) -> str:
    name = str(name).strip()
    return name[:1].upper() if name else "?"
