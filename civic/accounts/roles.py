"""The five roles of DESIGN.md, as Django groups, and the permissions each one holds.

Groups are created by a data migration (0002). Permissions are attached here after every
`migrate`, because Django creates permission rows only once all migrations have run.
Permissions go to groups, never to individual users. A later module adds its permissions by
extending `ROLE_PERMISSIONS` with `app_label.codename` strings.
"""

from django.contrib.auth.models import Group, Permission

CITIZENS = "Citoyens"
MODERATORS = "Modérateurs"
ELECTED = "Élus"
STAFF = "Agents"
ADMINISTRATORS = "Administrateurs"

ALL_ROLES = [CITIZENS, MODERATORS, ELECTED, STAFF, ADMINISTRATORS]

# Roles that work in the Wagtail admin.
ADMIN_ROLES = [MODERATORS, ELECTED, STAFF, ADMINISTRATORS]

_PAGE_EDITING = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    CITIZENS: [],
    MODERATORS: ["wagtailadmin.access_admin"],
    ELECTED: ["wagtailadmin.access_admin", *_PAGE_EDITING],
    STAFF: ["wagtailadmin.access_admin", "accounts.view_district"],
    # Administrators hold every permission (see sync_group_permissions).
    ADMINISTRATORS: [],
}


def _permissions(names: list[str]) -> list[Permission]:
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def sync_group_permissions() -> None:
    """Give each role group exactly the permissions it should hold. Idempotent."""
    for name in ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        if name == ADMINISTRATORS:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set(_permissions(ROLE_PERMISSIONS[name]))


def sync_group_permissions_on_migrate(sender, **kwargs):
    sync_group_permissions()
