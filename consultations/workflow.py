"""The consultation workflow, kept after every `migrate` (migration 0002 creates it; a test
database flushed between tests gets it back from the post_migrate signal)."""

APPROVAL_TASK_NAME = "Approbation de la publication"


def workflow_ensure():
    """Create the workflow and its approval task (Administrateurs) if missing; idempotent.
    An administrator's later changes to the task's groups are kept."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowTask

    from civic.accounts.roles import ADMINISTRATORS

    from .models import WORKFLOW_NAME, ConsultationApprovalTask

    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not created and workflow.workflow_tasks.exists():
        return workflow
    task = ConsultationApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = ConsultationApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.groups.add(Group.objects.get_or_create(name=ADMINISTRATORS)[0])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def workflow_ensure_on_migrate(sender, **kwargs):
    workflow_ensure()
