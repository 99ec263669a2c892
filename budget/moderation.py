"""Budget projects in the moderation queue (civic.moderation): submitted projects that staff
have not looked at yet. Actions call `budget.services.project_review` (permission, audit log,
authors told of a decision)."""

from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from civic.moderation.sources import ModerationAction, ModerationSource, QueueItem

from . import selectors, services
from .models import Project


class ProjectReviewSource(ModerationSource):
    """Submitted projects: start their study (`in_review`) or declare them ineligible."""

    name = "budget_projects"
    order = 20
    label = _("Projets du budget participatif à instruire")
    reason_kind = "projects"
    permission = services.REVIEW_PERMISSION
    filters = frozenset({"district"})
    actions = [
        ModerationAction(
            "review",
            _("Mettre à l'étude"),
            bulk=True,
            help_text=_("Le projet passe « à l'étude » : instruisez-le ensuite (coût, décision)."),
        ),
        ModerationAction(
            "ineligible",
            _("Non recevable"),
            needs_reason=True,
            reason_required=True,
            destructive=True,
            help_text=_("La raison est publiée avec le projet et envoyée à ses porteurs."),
        ),
    ]

    def pending(self, *, district=None, theme=None):
        projects = (
            Project.objects.filter(status=Project.Status.SUBMITTED)
            .select_related("campaign", "envelope__district")
            .annotate(waiting_since=F("created_at"))
        )
        if district:
            projects = projects.filter(envelope__district_id=district)
        return projects

    def items_for(self, pks):
        # Each row names the project's first author, loaded with the page's rows.
        projects = selectors.with_first_author(self.pending()).in_bulk(pks)
        return {pk: self._item(project, project.author) for pk, project in projects.items()}

    def get_object(self, pk):
        try:
            return Project.objects.select_related("campaign", "envelope__district").get(pk=int(pk))
        except (ValueError, Project.DoesNotExist) as error:
            raise Http404 from error

    def item_for(self, obj):
        return self._item(obj, obj.author)

    def _item(self, obj, author):
        return QueueItem(
            source=self.name,
            pk=obj.pk,
            kind_label=str(_("Projet")),
            title=obj.title,
            waiting_since=obj.created_at,
            excerpt=Truncator(f"{obj.summary}\n\n{obj.description}").chars(400),
            author_name=str(author.public_name) if author else "",
            # Not public yet: the link opens the review form in the admin.
            url=reverse("wagtailsnippets_budget_project:review", args=[obj.pk]),
            context_label=str(obj.campaign),
            district=str(obj.envelope),
            detail=str(_("Coût estimé : %(cost)s €") % {"cost": obj.estimated_cost}),
        )

    @transaction.atomic
    def perform(self, *, actor, action, obj, data):
        if action == "review":
            services.project_review(actor=actor, project=obj, decision=Project.Status.IN_REVIEW)
            return str(_("Projet « %(title)s » mis à l'étude.") % {"title": obj.title})
        if action == "ineligible":
            services.project_review(
                actor=actor,
                project=obj,
                decision=Project.Status.INELIGIBLE,
                public_note=data.get("reason", ""),
            )
            return str(_("Projet « %(title)s » déclaré non recevable.") % {"title": obj.title})
        raise Http404(action)
