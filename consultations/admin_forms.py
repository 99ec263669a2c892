"""The consultation's page editor form: once a consultation has opened, a question that has
answers can no longer be changed or removed (its answers would no longer say what was asked)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

# What gives a question its meaning; help text and the publication of free texts may change.
LOCKED_QUESTION_FIELDS = (
    "kind",
    "label",
    "options",
    "max_choices",
    "scale_min_label",
    "scale_max_label",
    "required",
)

LOCKED_MESSAGE = _(
    "Des personnes ont déjà répondu à cette question : elle ne peut plus être modifiée. "
    "Ajoutez plutôt une nouvelle question, ou annulez cette modification."
)
DELETE_MESSAGE = _(
    "Des personnes ont déjà répondu à cette question : elle ne peut plus être supprimée."
)


class ConsultationPageForm(WagtailAdminPageForm):
    def is_valid(self):
        # The questions' formset is validated after the page's own fields: check it then.
        valid = super().is_valid()
        return self._answered_questions_unchanged() and valid

    def _answered_questions_unchanged(self) -> bool:
        page = self.instance
        if not page.pk or page.opens_at is None or page.opens_at > timezone.now():
            return True
        from .models import Answer

        answered = set(
            Answer.objects.filter(question__page_id=page.pk)
            .values_list("question_id", flat=True)
            .distinct()
        )
        if not answered:
            return True
        formset = self.formsets.get("questions")
        if formset is None:
            return True
        refused = False
        for form in formset.forms:
            if form.instance.pk not in answered:
                continue
            if formset.can_delete and form.data.get(f"{form.prefix}-DELETE") not in (
                None,
                "",
                "false",
            ):
                form.add_error(None, DELETE_MESSAGE)
                refused = True
                continue
            for name in set(form.changed_data) & set(LOCKED_QUESTION_FIELDS):
                form.add_error(name, LOCKED_MESSAGE)
                refused = True
        if refused:
            self.add_error(
                None,
                _(
                    "La consultation est ouverte et des questions ont déjà des réponses : "
                    "les modifications de ces questions sont refusées (voir ci-dessous)."
                ),
            )
        return not refused


class FeedbackForm(WagtailAdminModelForm):
    publish = forms.BooleanField(
        label=_("Publier ce retour"),
        required=False,
        help_text=_(
            "Publié, le retour apparaît sur la consultation et les participants sont prévenus "
            "par e-mail (une seule fois)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ConsultationPage

        self.fields["consultation"].queryset = ConsultationPage.objects.filter(
            closes_at__lte=timezone.now()
        ).order_by("-closes_at")
        self.fields["publish"].initial = bool(self.instance.published_at)

    def clean_consultation(self):
        consultation = self.cleaned_data["consultation"]
        if consultation.phase() != "closed":
            raise ValidationError(_("Le retour se publie une fois la consultation close."))
        return consultation
