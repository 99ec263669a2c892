"""Admin forms of the moderation queue."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from civic.moderation.models import ModerationReason


class ReasonForm(forms.Form):
    """A reason taken from an editable template, or written freely (free text wins)."""

    reason_template = forms.ModelChoiceField(
        label=_("Motif type"),
        queryset=ModerationReason.objects.none(),
        required=False,
        empty_label=_("— Aucun, j'écris le motif —"),
        help_text=_("Son texte est envoyé à l'auteur si vous n'écrivez rien ci-dessous."),
    )
    reason = forms.CharField(
        label=_("Motif (lu par l'auteur)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(
        self, *args, reason_kind: str | None = None, reason_required: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required
        reasons = ModerationReason.objects.all()
        if reason_kind is not None:
            reasons = reasons.filter(Q(kind=ModerationReason.Kind.ALL) | Q(kind=reason_kind))
        self.fields["reason_template"].queryset = reasons

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("reason") or "").strip()
        template = cleaned.get("reason_template")
        if not text and template is not None:
            text = template.text
        if self.reason_required and not text:
            raise ValidationError(
                _("Choisissez un motif type ou écrivez le motif : l'auteur le lira.")
            )
        cleaned["reason"] = text
        return cleaned


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    district = forms.ChoiceField(label=_("Quartier"), required=False)
    theme = forms.ChoiceField(label=_("Thème"), required=False)
    overdue = forms.BooleanField(label=_("En retard seulement"), required=False)

    def __init__(self, *args, sources=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Tous"))] + [(s.name, s.label) for s in sources]
        self.fields["district"].choices = [("", _("Tous"))] + list(districts)
        themes = []
        for source in sources:
            themes.extend(c for c in source.theme_choices() if c not in themes)
        self.fields["theme"].choices = [("", _("Tous"))] + themes
        if not themes:
            del self.fields["theme"]


class CivicCommentForm(XtdCommentForm):
    """django-comments-xtd's form, as Civic shows it: one text field, in French first.

    The name and email are taken from the signed-in account by the posting view (the name is
    the pseudonym); no website field, no follow-up checkbox (Civic's notifications do that).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "email", "url", "followup", "honeypot"):
            self.fields[name].required = False
        comment = self.fields["comment"]
        comment.label = _("Votre commentaire")
        comment.help_text = _(
            "Publié sous votre pseudonyme. Restez courtois ; n'y mettez pas d'informations "
            "personnelles. %(max)s caractères au plus."
        ) % {"max": settings.COMMENT_MAX_LENGTH}
        comment.error_messages["required"] = _("Écrivez votre commentaire avant de l'envoyer.")
        comment.widget.attrs = {"rows": 5, "maxlength": settings.COMMENT_MAX_LENGTH}
