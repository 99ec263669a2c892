"""Ideas in the moderation queue (civic.moderation): the source of pending ideas, and the
source of public ideas still waiting for the city's official answer.

Both only call `proposals.services` (permission, transaction, status history, audit log,
author's email) and `proposals.selectors`.
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from civic.moderation.sources import ModerationAction, ModerationSource, QueueItem

from . import selectors, services
from .admin_forms import OfficialAnswerForm
from .models import Idea, Theme


class DuplicateForm(forms.Form):
    """Which idea is kept: one of the similar ideas found, or any public idea by number."""

    kept_suggestion = forms.TypedChoiceField(
        label=_("Idées semblables"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        empty_value=None,
    )
    kept_number = forms.IntegerField(
        label=_("Ou numéro de l'idée conservée"),
        required=False,
        min_value=1,
        help_text=_("Le numéro figure dans l'adresse de l'idée : /idees/<numéro>/."),
    )
    reason = forms.CharField(
        label=_("Message à l'auteur (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Par défaut : « Cette idée rejoint l'idée … »."),
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.idea = idea
        similar = selectors.idea_similar(title=idea.title, exclude_pk=idea.pk, limit=8)
        self.fields["kept_suggestion"].choices = [
            (s.pk, f"n° {s.pk} · {s.title} ({s.get_status_display()})") for s in similar
        ]
        if not similar:
            del self.fields["kept_suggestion"]

    def clean(self):
        cleaned = super().clean()
        pk = cleaned.get("kept_number") or cleaned.get("kept_suggestion")
        if not pk:
            raise ValidationError(_("Choisissez l'idée conservée."))
        kept = Idea.objects.filter(pk=pk, status__in=Idea.LISTED_STATUSES).first()
        if kept is None or kept.pk == self.idea.pk:
            raise ValidationError(
                _("L'idée n° %(pk)s n'existe pas ou n'est pas publique.") % {"pk": pk}
            )
        cleaned["kept"] = kept
        return cleaned


def _idea_item(source: str, idea: Idea, waiting_since, detail: str = "") -> QueueItem:
    return QueueItem(
        source=source,
        pk=idea.pk,
        kind_label=str(_("Idée")),
        title=idea.title,
        excerpt=Truncator(idea.body).chars(400),
        author_name=str(idea.author_public_name),
        waiting_since=waiting_since,
        url=idea.get_absolute_url(),
        district=idea.district.name if idea.district_id else str(_("Toute la ville")),
        theme=idea.theme.name if idea.theme_id else "",
        detail=detail,
    )


class _IdeaSourceMixin:
    filters = frozenset({"district", "theme"})

    def get_object(self, pk):
        try:
            return Idea.objects.select_related("theme", "district", "author__profile").get(
                pk=int(pk)
            )
        except (ValueError, Idea.DoesNotExist) as error:
            raise Http404 from error

    def theme_choices(self):
        return [(str(t.pk), t.name) for t in Theme.objects.order_by("name")]

    @staticmethod
    def _filter(queryset, *, district=None, theme=None):
        if district:
            queryset = queryset.filter(district_id=district)
        if theme:
            queryset = queryset.filter(theme_id=theme)
        return queryset


class IdeaModerationSource(_IdeaSourceMixin, ModerationSource):
    """Submitted ideas: publish, refuse with a reason, close as a duplicate."""

    name = "ideas"
    order = 10
    label = _("Idées à modérer")
    reason_kind = "ideas"
    permission = "proposals.moderate_idea"
    actions = [
        ModerationAction("approve", _("Publier"), bulk=True),
        ModerationAction(
            "reject",
            _("Refuser"),
            needs_reason=True,
            reason_required=True,
            bulk=True,
            destructive=True,
            help_text=_("L'idée reste privée ; son auteur lit le motif et le reçoit par e-mail."),
        ),
        ModerationAction(
            "duplicate",
            _("Doublon"),
            form_class=DuplicateForm,
            help_text=_(
                "L'idée est fermée comme doublon de l'idée conservée ; ses soutiens y sont "
                "reportés et son auteur est prévenu."
            ),
        ),
    ]

    def pending(self, *, district=None, theme=None):
        ideas = selectors.idea_pending_moderation().annotate(waiting_since=F("created_at"))
        return self._filter(ideas, district=district, theme=theme)

    def item_for(self, obj):
        channel = "" if obj.channel == Idea.Channel.WEB else str(obj.get_channel_display())
        return _idea_item(self.name, obj, obj.created_at, detail=channel)

    def form_kwargs(self, action, obj):
        return {"idea": obj}

    def perform(self, *, actor, action, obj, data):
        if action == "approve":
            services.idea_publish(actor=actor, idea=obj)
            return str(_("Idée « %(title)s » publiée.") % {"title": obj.title})
        if action == "reject":
            services.idea_reject(actor=actor, idea=obj, reason=data.get("reason", ""))
            return str(_("Idée « %(title)s » refusée.") % {"title": obj.title})
        if action == "duplicate":
            kept = data["kept"]
            services.idea_mark_duplicate(
                actor=actor, idea=obj, kept=kept, reason=data.get("reason", "")
            )
            return str(
                _("Idée « %(title)s » fermée comme doublon de « %(kept)s ».")
                % {"title": obj.title, "kept": kept.title}
            )
        raise Http404(action)


class IdeaAnswerSource(_IdeaSourceMixin, ModerationSource):
    """Ideas under study or retained, still without the city's official answer; overdue
    `CIVIC_ANSWER_DELAY_DAYS` after their last status change."""

    name = "idea_answers"
    order = 30
    label = _("Réponses officielles attendues")
    reason_kind = "ideas"
    permission = "proposals.answer_idea"
    actions = [ModerationAction("answer", _("Répondre"), form_class=OfficialAnswerForm)]

    def delay(self):
        return timedelta(days=settings.CIVIC_ANSWER_DELAY_DAYS)

    def pending(self, *, district=None, theme=None):
        # Ideas the city is studying or has retained, still without its official answer,
        # waiting since their last status change.
        statuses = [Idea.Status.UNDER_STUDY, Idea.Status.ACCEPTED]
        ideas = (
            Idea.objects.filter(status__in=statuses, official_answer="")
            .select_related("theme", "district", "author__profile")
            .annotate(
                waiting_since=Coalesce(
                    Max("status_changes__created_at"), "published_at", "created_at"
                )
            )
        )
        return self._filter(ideas, district=district, theme=theme)

    def item_for(self, obj):
        since = getattr(obj, "waiting_since", None) or obj.published_at or obj.created_at
        return _idea_item(self.name, obj, since, detail=str(obj.get_status_display()))

    def form_kwargs(self, action, obj):
        return {"idea": obj}

    def perform(self, *, actor, action, obj, data):
        if action == "answer":
            services.idea_answer(actor=actor, idea=obj, text=data["text"])
            return str(_("Réponse officielle publiée sur « %(title)s ».") % {"title": obj.title})
        raise Http404(action)
