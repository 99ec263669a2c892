"""Public comment views: posting and flagging, in front of django-comments-xtd's.

They say clearly, on the form, why a comment cannot be posted (not signed in, email not
verified, discussion closed, thread too deep, form expired) and keep what was typed;
django-comments-xtd would answer a bare 400 page.
"""

from urllib.parse import parse_qs, urlsplit

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django_comments.views.comments import post_comment
from django_comments_xtd import get_form
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from civic.moderation import services
from civic.moderation.comments import comment_refusal, is_commentable_model


def _target(data):
    try:
        model = apps.get_model(*data.get("content_type", "").split(".", 1))
        return model._default_manager.get(pk=data.get("object_pk"))
    except (LookupError, TypeError, ValueError, ValidationError, ObjectDoesNotExist):
        return None


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
    if target is None or not is_commentable_model(type(target)):
        return HttpResponseBadRequest(_("Ce contenu ne reçoit pas de commentaires."))
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
    comment = get_object_or_404(XtdComment, pk=comment_id, is_public=True, is_removed=False)
    target = comment.content_object
    if target is None:
        raise Http404
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
