"""The consultation workflow: an Élu submits, an administrator (never the one who asked)
approves, and only then is the consultation published."""

from django.db import migrations

WORKFLOW_NAME = "Publication des consultations"
TASK_NAME = "Approbation de la publication"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("consultations", "ConsultationApprovalTask")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="consultations", model="consultationapprovaltask"
    )
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = Task.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    administrators, _created = Group.objects.get_or_create(name="Administrateurs")
    task.groups.add(administrators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("consultations", "ConsultationApprovalTask").objects.filter(
        name=TASK_NAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
