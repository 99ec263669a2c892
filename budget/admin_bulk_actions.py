"""Bulk actions of the project listing: put the selected eligible projects on the ballot, or
take them off it before the vote opens. The confirmation page lists what will move and, apart,
what cannot and why; the service moves all of them in one transaction, or none."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_list_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import services
from .models import Project


class _ProjectBallotBulkAction(SnippetBulkAction):
    models = [Project]
    template_name = "budget/admin/bulk_ballot.html"
    action_priority = 20
    confirm_label = ""
    refusal = None  # project -> why it cannot take this step now ("" if it can)
    service = None  # the service moving a list of projects

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Ids come from the query string: anything but a number is ignored, never a 500.
        ids = [int(pk) for pk in object_ids if str(pk).isdecimal() and len(str(pk)) < 19]
        projects = model.objects.select_related("campaign", "envelope__district")
        return get_list_or_404(projects, pk__in=ids)

    def check_perm(self, obj):
        return self.request.user.has_perm(services.REVIEW_PERMISSION)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        ready, refused = [], []
        for project in objects:
            reason = type(self).refusal(project=project)
            if reason:
                refused.append({"item": project, "reason": reason})
            else:
                ready.append(project)
        return ready, {**extra, "items_refused": refused}

    def intro(self, count: int) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            confirm_label=self.confirm_label, action_title=self.display_name, **kwargs
        )
        context["intro"] = self.intro(len(context["items"]))
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        cls.service(actor=user, projects=objects)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # Something changed since the confirmation page: nothing moved, say what.
            for message in error.messages:
                messages.error(self.request, message)
            return redirect(self.next_url)


class PutOnBallotBulkAction(_ProjectBallotBulkAction):
    display_name = _("Mettre au vote")
    action_type = "put_on_ballot"
    aria_label = _("Mettre au vote les projets sélectionnés")
    confirm_label = _("Oui, mettre au vote")
    refusal = staticmethod(services.project_ballot_refusal)
    service = staticmethod(services.projects_put_on_ballot)

    def intro(self, count):
        return ngettext(
            "Ce projet va être ajouté au bulletin :",
            "Ces %(count)d projets vont être ajoutés au bulletin :",
            count,
        ) % {"count": count}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d projet mis au vote.", "%(count)d projets mis au vote.", num_parent_objects
        ) % {"count": num_parent_objects}


class WithdrawFromBallotBulkAction(_ProjectBallotBulkAction):
    display_name = _("Retirer du bulletin")
    action_type = "withdraw_from_ballot"
    aria_label = _("Retirer du bulletin les projets sélectionnés")
    confirm_label = _("Oui, retirer du bulletin")
    action_priority = 25
    refusal = staticmethod(services.project_withdrawal_refusal)
    service = staticmethod(services.projects_withdraw_from_ballot)

    def intro(self, count):
        return ngettext(
            "Ce projet va être retiré du bulletin (il reste recevable) :",
            "Ces %(count)d projets vont être retirés du bulletin (ils restent recevables) :",
            count,
        ) % {"count": count}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d projet retiré du bulletin.",
            "%(count)d projets retirés du bulletin.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
