"""The public pages of a consultation: the questionnaire (the page itself), its results,
withdrawing one's response, flagging a published answer. Thin: services and selectors do
the work. Wagtail serves these only for live pages the visitor may see (others are 404)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import selectors, services
from .forms import ResponseForm
from .models import Answer, ConsultationPage
from .results import consultation_results


def _feedback(page: ConsultationPage):
    try:
        feedback = page.feedback
    except ConsultationPage.feedback.RelatedObjectDoesNotExist:
        return None
    return feedback if feedback.published_at else None


def consultation_context(request, page: ConsultationPage, *, form=None) -> dict:
    """What the consultation's page shows: the state, the reason one cannot answer (with how
    to fix it), one's own response and the questionnaire."""
    questions = list(page.questions.all())
    refusal = services.answer_refusal(user=request.user, consultation=page)
    own = selectors.response_of(user=request.user, consultation=page)
    if form is None and refusal is None:
        form = ResponseForm(
            questions=questions, initial_answers=list(own.answers.all()) if own else []
        )
    return {
        "consultation": page,
        "phase": page.phase(),
        "refusal": refusal,
        "own_response": own,
        "form": form,
        "questions": questions,
        "results_visible": page.results_visible(),
        "feedback": _feedback(page),
        "target_districts": list(page.target_districts.all()),
        "age_range": services.age_range_label(page)
        if page.min_age_bracket or page.max_age_bracket
        else "",
    }


def _render(request, page, context, status=200):
    full = page.get_context(request)
    full.update(context)
    return TemplateResponse(request, page.get_template(request), full, status=status)


def answer_view(request, page: ConsultationPage):
    questions = list(page.questions.all())
    try:
        services.response_submit(actor=request.user, consultation=page, data=request.POST)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(page.url)
    except ValidationError as error:
        form = ResponseForm(request.POST, questions=questions)
        form.show_service_errors(error)
        return _render(request, page, consultation_context(request, page, form=form), 400)
    messages.success(
        request,
        _("Merci, votre réponse est enregistrée. Vous pouvez la modifier jusqu'à la clôture."),
    )
    return redirect(page.url)


def response_delete_view(request, page: ConsultationPage):
    own = selectors.response_of(user=request.user, consultation=page)
    if own is None:
        raise Http404
    if request.method == "POST":
        try:
            services.response_delete(actor=request.user, consultation=page)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(page.url)
        messages.success(request, _("Votre réponse a été supprimée."))
        return redirect(page.url)
    return TemplateResponse(
        request,
        "consultations/response_delete.html",
        {"page": page, "consultation": page, "self": page, "crumbs": _crumbs(page)},
    )


def _crumbs(page: ConsultationPage) -> list[dict]:
    index = page.get_parent()
    return [{"url": index.url, "title": index.title}]


def results_view(request, page: ConsultationPage):
    if not page.results_visible():
        return TemplateResponse(
            request,
            "consultations/results.html",
            {
                "page": page,
                "consultation": page,
                "self": page,
                "results": None,
                "crumbs": _crumbs(page),
            },
        )
    return TemplateResponse(
        request,
        "consultations/results.html",
        {
            "page": page,
            "self": page,
            "crumbs": _crumbs(page),
            "consultation": page,
            "results": consultation_results(page),
            "feedback": _feedback(page),
        },
    )


def answer_flag_view(request, page: ConsultationPage, answer_id: int):
    if request.method != "POST":
        raise Http404
    answer = (
        Answer.objects.filter(
            pk=answer_id,
            question__page=page,
            question__publish_text_answers=True,
            hidden=False,
        )
        .select_related("question")
        .first()
    )
    if answer is None or not page.results_visible():
        raise Http404
    try:
        services.answer_flag(actor=request.user, answer=answer)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Merci, la modération va examiner cette réponse."))
    return redirect(page.url + page.reverse_subpage("results"))


def alert_toggle_view(request):
    """Subscribe to (or unsubscribe from) opening notices, from the citizen's dashboard."""
    if request.method != "POST":
        raise Http404
    try:
        subscribed = services.opening_alert_toggle(user=request.user)
    except PermissionDenied:
        return redirect_to_login(request.get_full_path())
    if subscribed:
        messages.success(
            request,
            _(
                "C'est noté : nous vous écrirons quand une consultation ouvrira dans votre "
                "quartier."
            ),
        )
    else:
        messages.success(request, _("Vous ne serez plus prévenu des nouvelles consultations."))
    return redirect("accounts:dashboard")
