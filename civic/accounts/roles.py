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

ROLE_PERMISSIONS: dict[str, list[str]] = {
    CITIZENS: [],
    MODERATORS: ["wagtailadmin.access_admin"],
    ELECTED: ["wagtailadmin.access_admin"],
    STAFF: ["wagtailadmin.access_admin", "accounts.view_district"],
    # Administrators hold every permission (see sync_group_permissions).
    ADMINISTRATORS: [],
}

# Moderation queue (civic.moderation): comments and the reason templates moderators reuse.
ROLE_PERMISSIONS[MODERATORS] += [
    "django_comments.can_moderate",
    "moderation.add_moderationreason",
    "moderation.change_moderationreason",
    "moderation.delete_moderationreason",
    "moderation.view_moderationreason",
]

# Ideas (proposals): moderators curate (publish, reject with a reason, close duplicates,
# re-file an idea under its theme and district) but take none of the city's decisions and
# never rewrite a citizen's words: the author edits, and only administrators correct a text
# (`proposals.rewrite_idea`). Elected officials and staff decide and answer; staff enter
# ideas received at the counter, on the phone or by mail; elected officials manage themes.
ROLE_PERMISSIONS[MODERATORS] += [
    "proposals.view_idea",
    "proposals.change_idea",
    "proposals.moderate_idea",
]
ROLE_PERMISSIONS[ELECTED] += [
    "proposals.view_idea",
    "proposals.answer_idea",
    "proposals.change_idea_status",
    "proposals.add_theme",
    "proposals.change_theme",
    "proposals.view_theme",
]
ROLE_PERMISSIONS[STAFF] += [
    "proposals.view_idea",
    "proposals.answer_idea",
    "proposals.change_idea_status",
    "proposals.submit_idea_on_behalf",
]

# Participatory budget (budget): staff run campaigns, review projects, enter paper ballots,
# count and publish; only administrators withdraw published results (they hold everything).
ROLE_PERMISSIONS[STAFF] += [
    "budget.add_campaign",
    "budget.change_campaign",
    "budget.view_campaign",
    "budget.add_project",
    "budget.change_project",
    "budget.view_project",
    "budget.review_project",
    "budget.update_project_followup",
    "budget.record_paper_ballot",
    "budget.preview_results",
    "budget.publish_results",
]
ROLE_PERMISSIONS[ELECTED] += ["budget.view_campaign", "budget.view_project"]

# Consultations: elected officials write them (publication goes through the consultation
# workflow) and publish the city's feedback; staff enter paper and counter questionnaires and
# export the answers (without identities); moderators review flagged free-text answers.
ROLE_PERMISSIONS[ELECTED] += [
    "consultations.publish_feedback",
    "consultations.export_responses",
    "consultations.add_feedback",
    "consultations.change_feedback",
    "consultations.view_feedback",
]
ROLE_PERMISSIONS[STAFF] += [
    "consultations.record_paper_response",
    "consultations.export_responses",
]
ROLE_PERMISSIONS[MODERATORS] += ["consultations.moderate_answer"]

# Assisted participation: at the counter, staff register a citizen who has no email and
# complete a missing district or age bracket with them (civic.accounts.services).
ROLE_PERMISSIONS[STAFF] += ["accounts.assist_citizen"]

# Facilities guide, agenda and alerts (cms): elected officials and staff keep the city's
# places, opening hours, duty rota, events and alert banners.
_GUIDE_PERMISSIONS = [
    f"cms.{verb}_{model}"
    for model in (
        "facility",
        "facilitycategory",
        "pharmacyduty",
        "event",
        "eventcategory",
        "alert",
    )
    for verb in ("add", "change", "delete", "view")
]
ROLE_PERMISSIONS[ELECTED] += _GUIDE_PERMISSIONS
ROLE_PERMISSIONS[STAFF] += _GUIDE_PERMISSIONS

# Participation analytics (civic.analytics): staff and elected officials read the whole
# dashboard and download the report; moderators see the moderation figures only.
ROLE_PERMISSIONS[STAFF] += [
    "analytics.view_dashboard",
    "analytics.view_moderation_figures",
    "analytics.download_report",
]
ROLE_PERMISSIONS[ELECTED] += [
    "analytics.view_dashboard",
    "analytics.view_moderation_figures",
    "analytics.download_report",
]
ROLE_PERMISSIONS[MODERATORS] += ["analytics.view_moderation_figures"]

# Wagtail checks page permissions per page tree (GroupPagePermission) and image/document
# permissions per collection (GroupCollectionPermission), not through `group.permissions`.
# Both are given on the root page / root collection, so they hold for the whole site.
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    ELECTED: ["add_page", "change_page", "publish_page"],
    ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}
_MEDIA_EDITING = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ROLE_COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    ELECTED: _MEDIA_EDITING,
    ADMINISTRATORS: [
        *_MEDIA_EDITING,
        "wagtailimages.delete_image",
        "wagtaildocs.delete_document",
    ],
}


def user_is_administrator(user) -> bool:
    """Administrators (the group, or a superuser): the only role that sees people's emails
    and names in the admin's history; everyone else sees public names."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=ADMINISTRATORS).exists()


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
    """Give each role group exactly the permissions it should hold. Idempotent.

    Model permissions, page permissions on the root page and media permissions on the root
    collection are set to exactly what the tables above say (extra ones are removed);
    permissions an administrator gives on a sub-tree or a sub-collection are left alone.
    """
    for name in ALL_ROLES:
        group, _created = Group.objects.get_or_create(name=name)
        if name == ADMINISTRATORS:
            group.permissions.set(Permission.objects.all())
        else:
            group.permissions.set(_permissions(ROLE_PERMISSIONS[name]))
        _sync_page_permissions(group, ROLE_PAGE_PERMISSIONS.get(name, []))
        _sync_collection_permissions(group, ROLE_COLLECTION_PERMISSIONS.get(name, []))


def _sync_page_permissions(group: Group, codenames: list[str]) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    wanted = _permissions([f"wagtailcore.{codename}" for codename in codenames])
    GroupPagePermission.objects.filter(group=group, page=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def _sync_collection_permissions(group: Group, names: list[str]) -> None:
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    wanted = _permissions(names)
    GroupCollectionPermission.objects.filter(group=group, collection=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def sync_group_permissions_on_migrate(sender, **kwargs):
    # post_migrate reaches this app (listed first) before Django has created the permission
    # rows of the apps listed after it: create them all first (idempotent).
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=kwargs.get("using", "default"))
    sync_group_permissions()
