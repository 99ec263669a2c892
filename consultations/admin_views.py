"""Wagtail admin pages of consultations: the list of consultations with their number of
responses and exports, the entry of a paper (counter, phone, mail) questionnaire by an agent,
and the exports. Every write goes through a service; nothing here names who answered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.accounts import selectors as account_selectors
from civic.audit import audit_log
from civic.forms import form_add_service_error

from . import exports, services
from .forms import CitizenLookupForm, PaperEntryForm, ResponseForm
from .models import ConsultationPage
from .services import EXPORT_PERMISSION, PAPER_PERMISSION


def _can_see(user) -> bool:
    return user.has_perm(PAPER_PERMISSION) or user.has_perm(EXPORT_PERMISSION)


class ConsultationsAdminView(WagtailAdminTemplateMixin, TemplateView):
    """Every consultation (drafts included), its number of responses and what staff may do."""

    page_title = _("Réponses aux consultations")
    header_icon = "form"
    template_name = "consultations/admin/index.html"

    def dispatch(self, request, *args, **kwargs):
        if not _can_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        consultations = ConsultationPage.objects.annotate(
            responses_count=Count("responses")
        ).order_by("-opens_at", "pk")
        return super().get_context_data(
            consultations=consultations,
            can_enter=self.request.user.has_perm(PAPER_PERMISSION),
            can_export=self.request.user.has_perm(EXPORT_PERMISSION),
            **kwargs,
        )


class PaperEntryView(WagtailAdminTemplateMixin, TemplateView):
    """An agent types in a questionnaire received on paper, at the counter or by phone, with
    the same questions and checks as online; the channel is recorded."""

    page_title = _("Saisir un questionnaire papier")
    header_icon = "form"
    template_name = "consultations/admin/paper_entry.html"

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm(PAPER_PERMISSION):
            raise PermissionDenied
        self.consultation = get_object_or_404(ConsultationPage, pk=pk)
        self.questions = list(self.consultation.questions.all())
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.consultation.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("consultations_admin:index"), "label": _("Réponses aux consultations")},
            {"url": "", "label": f"{self.get_page_title()} : {self.consultation.title}"},
        ]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("lookup", CitizenLookupForm())
        kwargs.setdefault("entry_form", PaperEntryForm())
        if "citizen" not in kwargs and kwargs["entry_form"].is_bound:
            # A refused entry still says whose questionnaire it is (the hidden field is kept).
            kwargs["citizen"] = self._citizen_from(kwargs["entry_form"].data.get("citizen"))
        kwargs.setdefault("form", ResponseForm(questions=self.questions))
        return super().get_context_data(consultation=self.consultation, **kwargs)

    def _citizen_from(self, value):
        """The active account whose pk is `value` (a string or int), or None."""
        try:
            pk = int(str(value or "").strip())
        except ValueError:
            return None
        return account_selectors.citizen_get(pk=pk) if 0 < pk < 2**63 else None

    def get(self, request, *args, **kwargs):
        """`?q=` searches the person (by name or email, as the budget counter does), `?citizen=`
        chooses one: the entry form then records the questionnaire as theirs."""
        context = {}
        if "citizen" in request.GET:
            citizen = self._citizen_from(request.GET.get("citizen"))
            if citizen is None:
                messages.error(request, _("Personne introuvable : recherchez-la à nouveau."))
                return redirect(self.request.path)
            context["citizen"] = citizen
            context["entry_form"] = PaperEntryForm(initial={"citizen": citizen.pk})
        elif "q" in request.GET:
            lookup = CitizenLookupForm(request.GET)
            context["lookup"] = lookup
            if lookup.is_valid():
                found = account_selectors.citizen_search(query=lookup.cleaned_data["q"])
                # Who was looked up, by whom: the people found, never what was typed.
                audit_log(
                    actor=request.user,
                    action="consultations.response.lookup",
                    instance=self.consultation,
                    data={"citizens": [person.pk for person in found], "found": bool(found)},
                )
                if not found:
                    lookup.add_error(
                        "q",
                        _(
                            "Personne ne correspond. Vérifiez l'orthographe, ou enregistrez "
                            "le questionnaire sans compte."
                        ),
                    )
                elif len(found) == 1:
                    context["citizen"] = found[0]
                    context["entry_form"] = PaperEntryForm(initial={"citizen": found[0].pk})
                else:
                    context["matches"] = found
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        entry_form = PaperEntryForm(request.POST)
        form = ResponseForm(request.POST, questions=self.questions)
        if not entry_form.is_valid():
            return self.render_to_response(
                self.get_context_data(entry_form=entry_form, form=form), status=400
            )
        citizen = None
        if entry_form.cleaned_data["citizen"]:
            citizen = self._citizen_from(entry_form.cleaned_data["citizen"])
            if citizen is None:
                entry_form.add_error(
                    None, _("Personne introuvable : recherchez-la à nouveau, rien n'est perdu.")
                )
                return self.render_to_response(
                    self.get_context_data(entry_form=entry_form, form=form), status=400
                )
        try:
            services.response_submit(
                actor=request.user,
                consultation=self.consultation,
                data=request.POST,
                channel=entry_form.cleaned_data["channel"],
                citizen=citizen,
                district=entry_form.cleaned_data["district"],
                age_bracket=entry_form.cleaned_data["age_bracket"],
            )
        except PermissionDenied as error:
            entry_form.add_error(None, str(error))
            return self.render_to_response(
                self.get_context_data(entry_form=entry_form, form=form, citizen=citizen),
                status=403,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.show_service_errors(error)
            else:
                form_add_service_error(entry_form, error)
            return self.render_to_response(
                self.get_context_data(entry_form=entry_form, form=form, citizen=citizen),
                status=400,
            )
        messages.success(request, _("Questionnaire enregistré. Vous pouvez saisir le suivant."))
        return redirect(reverse("consultations_admin:paper_entry", args=[self.consultation.pk]))


class ExportView(View):
    """The answers of a consultation as CSV or XLSX, without identities (audited)."""

    def get(self, request, pk, file_format):
        consultation = get_object_or_404(ConsultationPage, pk=pk)
        content = exports.answers_export(
            actor=request.user, consultation=consultation, file_format=file_format
        )
        if file_format == "csv":
            response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                content,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        filename = f"reponses-{consultation.slug}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
