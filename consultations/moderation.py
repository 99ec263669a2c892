"""Flagged free-text answers in the moderation queue: answers published with the results
that a reader reported. The moderator hides them from the results, or keeps them. The
queue shows the text and the consultation, never who wrote it."""

from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from civic.moderation.sources import ModerationAction, ModerationSource, QueueItem

from . import services
from .models import Answer


class AnswerModerationSource(ModerationSource):
    name = "consultation_answers"
    label = _("Réponses libres signalées (consultations)")
    reason_kind = "answers"
    permission = services.MODERATE_PERMISSION
    order = 60
    actions = [
        ModerationAction("hide", _("Masquer la réponse"), needs_reason=True, destructive=True),
        ModerationAction("keep", _("Garder la réponse"), bulk=True),
    ]

    def _base(self):
        return Answer.objects.filter(
            question__kind="text", question__publish_text_answers=True
        ).select_related("question__page")

    def pending(self, *, district=None, theme=None):
        return (
            self._base()
            .filter(hidden=False, reviewed_at__isnull=True)
            .annotate(flags_count=Count("flags"), waiting_since=Max("flags__created_at"))
            .filter(flags_count__gt=0)
        )

    def get_object(self, pk):
        answer = self._base().filter(pk=pk).annotate(flags_count=Count("flags")).first()
        if answer is None:
            raise Http404
        return answer

    def item_for(self, obj):
        page = obj.question.page
        return QueueItem(
            source=self.name,
            pk=obj.pk,
            kind_label=str(_("Réponse à une consultation")),
            title=Truncator(obj.text).chars(80),
            waiting_since=getattr(obj, "waiting_since", None) or timezone.now(),
            excerpt=obj.text,
            url=page.url + page.reverse_subpage("results") if page.url else "",
            context_label=f"{page.title} — {obj.question.label}",
            detail=str(_("%(n)s signalement(s)") % {"n": getattr(obj, "flags_count", 0)}),
            actions=self.actions,
        )

    def perform(self, *, actor, action, obj, data):
        services.answer_moderate(
            actor=actor, answer=obj, hide=action == "hide", reason=data.get("reason", "")
        )
        if action == "hide":
            return str(_("La réponse est masquée des résultats."))
        return str(_("La réponse reste publiée."))
