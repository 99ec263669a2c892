"""Who may publish a consultation: administrators only, directly; everyone else submits it
to the consultation workflow, where someone else approves it (`ConsultationApprovalTask`)."""

from cms.page_permissions import CivicPagePermissionTester, is_administrator


class ConsultationPermissionTester(CivicPagePermissionTester):
    def can_publish(self):
        return super().can_publish() and is_administrator(self.user)

    def can_publish_subpage(self):
        return super().can_publish_subpage() and is_administrator(self.user)
