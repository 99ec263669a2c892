"""The five roles of DESIGN.md as groups, and only them.

Wagtail's first migrations create "Moderators" and "Editors" groups; Civic replaces them by its
own roles, so they are deleted here (their page permissions go with them). The permissions of
each role are attached after every migrate by `civic.accounts.roles.sync_group_permissions`.
"""

from django.db import migrations

ROLES = ["Citoyens", "Modérateurs", "Élus", "Agents", "Administrateurs"]
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The migrations that create Wagtail's default groups or give them permissions.
        ("wagtailcore", "0005_add_page_lock_permission_to_moderators"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
