"""Public comment views: posting and flagging, in front of django-comments-xtd's.

They say clearly, on the form, why a comment cannot be posted (not signed in, email not
verified, discussion closed, thread too deep, form expired) and keep what was typed;
django-comments-xtd would answer a bare 400 page.

A comment or an object the public may not read (a pending or rejected idea, a project not yet
studied, a removed or hidden comment) answers exactly as one that does not exist: the same
status, the same body, before anything else is checked (signed in or not).
"""

from urllib.parse import parse_qs, urlsplit

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_comments.views.comments import post_comment
from django_comments_xtd import get_form
from django_comments_xtd import views as xtd_views
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from civic.moderation import services
from civic.moderation.comments import comment_refusal, is_public_commentable


def _target(data):
    """The public commentable object the form names, or None (missing, hidden, not open)."""
    try:
        model = apps.get_model(*data.get("content_type", "").split(".", 1))
        target = model._default_manager.get(pk=data.get("object_pk"))
    except (LookupError, TypeError, ValueError, ValidationError, ObjectDoesNotExist):
        return None
    return target if is_public_commentable(target) else None


def _no_such_target():
    """The one answer for a missing, hidden or non-commentable object: nothing about it."""
    return HttpResponseBadRequest(_("Ce contenu ne reçoit pas de commentaires."))


def _visible_comment(comment_id) -> XtdComment | None:
    """A published, not removed comment on a public object, or None (as for a missing id)."""
    try:
        comment_id = int(comment_id)
    except (TypeError, ValueError):
        return None
    comment = XtdComment.objects.filter(pk=comment_id, is_public=True, is_removed=False).first()
    if comment is None or not is_public_commentable(comment.content_object):
        return None
    return comment


def _visible_comment_or_404(comment_id) -> XtdComment:
    comment = _visible_comment(comment_id)
    if comment is None:
        raise Http404
    return comment


def _form_again(request, target, data, error: str, status: int = 400):
    """The comment form again, with what was typed and the reason it was refused."""
    form = get_form()(
        target,
        initial={"comment": data.get("comment", ""), "reply_to": data.get("reply_to") or 0},
    )
    return render(
        request,
        "comments/preview.html",
        {"form": form, "comment": "", "target": target, "refusal": error, "next": data.get("next")},
        status=status,
    )


def _reply_refusal(target, data) -> str | None:
    """Why `reply_to` cannot be answered: another object's comment, hidden, or too deep."""
    try:
        parent_id = int(data.get("reply_to") or 0)
    except ValueError:
        return _("La réponse ne correspond à aucun commentaire.")
    if not parent_id:
        return None
    parent = XtdComment.norel_objects.filter(pk=parent_id).first()
    if (
        parent is None
        or parent.object_pk != str(target.pk)
        or parent.content_type.model_class() is not type(target)
        or not parent.is_public
        or parent.is_removed
    ):
        return _("Le commentaire auquel vous répondez n'est plus disponible.")
    if parent.level >= max_thread_level_for_content_type(parent.content_type):
        return _("On ne peut pas répondre à une réponse : répondez au commentaire d'origine.")
    return None


@csrf_protect
@require_POST
def comment_post(request):
    """Post a comment (or preview it), then go back to the object, at the new comment."""
    data = request.POST.copy()
    target = _target(data)
    if target is None:
        return _no_such_target()
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    refusal = comment_refusal(user=request.user, obj=target) or _reply_refusal(target, data)
    if refusal:
        return _form_again(request, target, data, refusal, status=403)
    form = get_form()(target, data=data)
    if form.security_errors():
        return _form_again(
            request,
            target,
            data,
            _(
                "Le formulaire a expiré. Votre texte est conservé : vérifiez-le et "
                "envoyez-le à nouveau."
            ),
        )
    # Only the pseudonym is kept with the comment; no website field, no follow-up emails
    # from django-comments-xtd (Civic's notifications tell people instead).
    data["name"] = str(request.user.public_name)[:50]
    data["email"] = request.user.email
    data["url"] = ""
    data.pop("followup", None)
    data["next"] = target.get_absolute_url()
    request.POST = data
    response = post_comment(request)
    if isinstance(response, HttpResponseRedirect):
        comment_pk = parse_qs(urlsplit(response["Location"]).query).get("c", [""])[0]
        messages.success(request, _("Votre commentaire est publié."))
        return redirect(f"{target.get_absolute_url()}#c{comment_pk}")
    return response


@csrf_protect
@login_required
def comment_flag(request, comment_id):
    """Report a comment ("signaler"): a confirmation page on GET, the flag on POST."""
    comment = _visible_comment_or_404(comment_id)
    target = comment.content_object
    if request.method == "POST":
        try:
            created = services.comment_flag(user=request.user, comment=comment)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            if created:
                messages.success(
                    request, _("Merci : le commentaire est signalé à l'équipe de modération.")
                )
            else:
                messages.info(request, _("Vous aviez déjà signalé ce commentaire."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = target.get_absolute_url() + "#comments"
        return redirect(next_url)
    return render(request, "comments/flag.html", {"comment": comment, "target": target})


def comment_reply(request, cid):
    """django-comments-xtd's reply page (a form without JavaScript), for visible comments only."""
    _visible_comment_or_404(cid)
    return xtd_views.reply(request, cid)


def comment_like(request, comment_id, **kwargs):
    """django-comments-xtd's like (confirmation on GET, toggle on POST), visible comments only."""
    _visible_comment_or_404(comment_id)
    return xtd_views.like(request, comment_id, **kwargs)


def comment_object_redirect(request, content_type_id, object_pk):
    """`/commentaires/cr/<ct>/<pk>/` (a comment's permalink): to the object if it is public,
    404 otherwise, the same for a hidden object as for a missing one."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        target = model._default_manager.get(pk=object_pk)
    except (
        AttributeError,
        ContentType.DoesNotExist,
        ObjectDoesNotExist,
        TypeError,
        ValueError,
        ValidationError,
    ):
        raise Http404 from None
    if not is_public_commentable(target):
        raise Http404
    return redirect(target.get_absolute_url())


def comment_liked(request):
    """After a like without `next`: a link back to the discussion, for a visible comment only."""
    comment = _visible_comment(request.GET.get("c"))
    return render(request, "django_comments_xtd/liked.html", {"comment": comment})


def comment_sent(request):
    """django-comments-xtd's "sent" address (`?c=<id>`): to the comment in its discussion;
    404 for a missing or hidden one (never the comment itself, which xtd would render)."""
    comment = _visible_comment_or_404(request.GET.get("c"))
    return redirect(f"{comment.content_object.get_absolute_url()}#c{comment.pk}")
