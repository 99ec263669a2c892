"""Who may publish a consultation: administrators directly; anyone else only as the approver
of the consultation workflow's current task, someone other than the one who asked
(`ConsultationApprovalTask`). An Élu who writes a consultation submits it for approval."""

from contextvars import ContextVar

from civic.page_permissions import CivicPagePermissionTester, is_administrator

# (user pk, page pk) while `ConsultationApprovalTask` performs an approval: the workflow,
# finishing, publishes the page as the approver, whom the check below then lets through.
approving: ContextVar[tuple[int, int] | None] = ContextVar("consultation_approving", default=None)


class ConsultationPermissionTester(CivicPagePermissionTester):
    def can_publish(self):
        if not super().can_publish():
            return False
        return is_administrator(self.user) or self._approves_current_task()

    def can_publish_subpage(self):
        return super().can_publish_subpage() and is_administrator(self.user)

    def _approves_current_task(self) -> bool:
        if approving.get() == (self.user.pk, self.page.pk):
            return True
        state = getattr(self.page, "current_workflow_state", None)
        if state is None or state.requested_by_id == self.user.pk:
            return False
        task = state.current_task_state.task.specific if state.current_task_state else None
        return bool(task and task.get_actions(self.page, self.user))
