"""Wagtail admin views of one idea: move it along its lifecycle, give the official answer.

Both are thin: they call `proposals.services`, which check the permission, record the
history and write the audit log. (Pending ideas are handled in the moderation queue.)
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets.button import Button, HeaderButton

from civic.forms import form_add_service_error

from . import services
from .admin_forms import OfficialAnswerForm
from .models import Idea

VERB_LABELS = {
    "publish": _("Publier"),
    "reject": _("Refuser"),
    "study": _("Mettre à l'étude"),
    "accept": _("Retenir"),
    "not_retain": _("Ne pas retenir"),
    "transfer": _("Transférer au budget participatif"),
    "implement": _("Marquer réalisée"),
    "mark_duplicate": _("Fermer comme doublon"),
}


class IdeaStatusForm(forms.Form):
    transition = forms.ChoiceField(label=_("Nouvelle étape"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public : l'auteur et les personnes qui suivent l'idée le lisent."),
    )
    kept = forms.ModelChoiceField(
        label=_("Idée conservée (pour un doublon)"),
        queryset=Idea.objects.filter(status__in=Idea.LISTED_STATUSES),
        required=False,
    )
    project_url = forms.CharField(
        label=_("Lien du projet de budget participatif (pour un transfert)"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, transitions, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].choices = [(t.verb, VERB_LABELS[t.verb]) for t in transitions]
        verbs = {t.verb for t in transitions}
        if "mark_duplicate" in verbs:
            self.fields["kept"].queryset = self.fields["kept"].queryset.exclude(pk=idea.pk)
        else:
            del self.fields["kept"]
        if "transfer" not in verbs:
            del self.fields["project_url"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("transition") == "mark_duplicate" and not cleaned.get("kept"):
            self.add_error("kept", _("Choisissez l'idée que l'on conserve."))
        return cleaned


class _IdeaActionView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "pick"
    viewset = None

    def dispatch(self, request, pk):
        self.idea = get_object_or_404(Idea, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.idea.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ideas:index"), "label": _("Idées")},
            {"url": reverse("ideas:inspect", args=[self.idea.pk]), "label": self.idea.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
        )
        return context

    def done(self, message):
        messages.success(self.request, message)
        return redirect("ideas:inspect", self.idea.pk)

    def fail(self, form, exc):
        if isinstance(exc, PermissionDenied):
            form.add_error(None, str(exc) or _("Action non autorisée."))
        else:
            form_add_service_error(form, exc)
        return self.form_invalid(form)


class IdeaStatusView(_IdeaActionView):
    form_class = IdeaStatusForm
    page_title = _("Faire avancer l'idée")
    submit_button_label = _("Enregistrer l'étape")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["transitions"] = services.transitions_available(
            actor=self.request.user, idea=self.idea
        )
        kwargs["idea"] = self.idea
        return kwargs

    def form_valid(self, form):
        verb = form.cleaned_data["transition"]
        reason = form.cleaned_data["reason"]
        actor, idea = self.request.user, self.idea
        try:
            if verb == "mark_duplicate":
                services.idea_mark_duplicate(
                    actor=actor, idea=idea, kept=form.cleaned_data.get("kept"), reason=reason
                )
            elif verb == "transfer":
                services.idea_transfer(
                    actor=actor,
                    idea=idea,
                    reason=reason,
                    project_url=form.cleaned_data.get("project_url", ""),
                )
            elif verb == "publish":
                services.idea_publish(actor=actor, idea=idea)
            else:
                getattr(services, f"idea_{verb}")(actor=actor, idea=idea, reason=reason)
        except (PermissionDenied, ValidationError) as exc:
            return self.fail(form, exc)
        return self.done(
            _("Statut de l'idée mis à jour : %(status)s.") % {"status": idea.get_status_display()}
        )


class IdeaAnswerView(_IdeaActionView):
    form_class = OfficialAnswerForm
    page_title = _("Réponse officielle")
    submit_button_label = _("Publier la réponse")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "idea": self.idea}

    def form_valid(self, form):
        try:
            services.idea_answer(
                actor=self.request.user, idea=self.idea, text=form.cleaned_data["text"]
            )
        except (PermissionDenied, ValidationError) as exc:
            return self.fail(form, exc)
        return self.done(_("La réponse officielle est publiée."))


class IdeaInspectView(InspectView):
    """The admin page of one idea: only the fields that hold something, the author's public
    name (never their email), and the lifecycle actions as header buttons."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.fields = [
            name for name in self.fields if getattr(self.object, name, None) not in (None, "")
        ]

    def get_author_display_value(self):
        return self.object.author_public_name

    def get_submitted_by_display_value(self):
        return self.object.submitted_by.public_name if self.object.submitted_by else ""

    @cached_property
    def header_buttons(self):
        buttons = []
        user, idea = self.request.user, self.object
        if services.transitions_available(actor=user, idea=idea):
            buttons.append(
                HeaderButton(
                    _("Faire avancer l'idée"),
                    url=reverse("ideas:advance", args=[idea.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        if idea.is_public and user.has_perm("proposals.answer_idea"):
            buttons.append(
                HeaderButton(
                    _("Réponse officielle"),
                    url=reverse("ideas:answer", args=[idea.pk]),
                    icon_name="comment",
                    priority=6,
                )
            )
        return buttons

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Voir sur le site"),
                url=self.object.get_absolute_url(),
                icon_name="view",
                priority=30,
            ),
        ]
