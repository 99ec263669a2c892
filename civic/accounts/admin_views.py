"""The admin's site history (Rapports → Historique du site) with people shown by role.

Wagtail's report names each actor by their full name or login (an email address here), in the
page and in its CSV/XLSX export. Only administrators need that; every other staff role sees
the public name (pseudonym) of the actor, and of the person when the entry is about an account.
The view is served on Wagtail's own URL (see `civic.urls`), so menu and links are unchanged;
each export is logged.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import UserModelMultipleChoiceField
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet

from civic.audit import AuditedExportMixin
from civic.exports import FrenchSpreadsheetExportMixin

from .roles import user_is_administrator


class PublicNameUserField(UserModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj.public_name)


class PublicNameFilterSet(SiteHistoryReportFilterSet):
    """The "Utilisateur" filter lists public names for non-administrators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user_filter = self.filters.get("user")
        if user_filter is not None and not user_is_administrator(self.request.user):
            user_filter.field_class = PublicNameUserField
            user_filter.extra["queryset"] = user_filter.extra["queryset"].select_related("profile")


class SiteHistoryView(AuditedExportMixin, FrenchSpreadsheetExportMixin, LogEntriesView):
    filterset_class = PublicNameFilterSet
    results_template_name = "accounts/admin/site_history_results.html"
    export_what = "wagtailcore.modellogentry"
    page_title = _("Historique du site")  # Wagtail's French says "Historique du Site"
    export_filename = "historique-du-site"
    export_headings = {
        "object_id": _("N° de l'objet"),
        "label": _("Objet"),
        "content_type": _("Type"),
        "action": _("Action"),
        "user_display_name": _("Personne"),
        "timestamp": _("Date et heure"),
    }

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        self.shows_identities = user_is_administrator(self.request.user)
        if not self.shows_identities:
            self._show_public_names(entries)
        return entries

    def _show_public_names(self, entries) -> None:
        User = get_user_model()
        user_type = ContentType.objects.get_for_model(User)
        account_ids = {
            entry.object_id
            for entry in entries
            if entry.content_type_id == user_type.pk and entry.object_id.isdigit()
        }
        people_ids = {entry.user_id for entry in entries if entry.user_id}
        people_ids |= {int(pk) for pk in account_ids}
        people = User.objects.select_related("profile").in_bulk(people_ids)
        for entry in entries:
            # `user_display_name` is a cached property: what the page and the export show.
            actor = people.get(entry.user_id)
            if entry.user_id:
                entry.__dict__["user_display_name"] = (
                    str(actor.public_name) if actor else str(_("Compte supprimé"))
                )
            if entry.content_type_id == user_type.pk:
                person = people.get(int(entry.object_id)) if entry.object_id.isdigit() else None
                entry.label = str(person.public_name) if person else str(_("Compte"))


site_history = require_admin_access(SiteHistoryView.as_view())
site_history_results = require_admin_access(SiteHistoryView.as_view(results_only=True))

# Mounted before Wagtail's admin URLs (civic.urls): the same paths, reversed by Wagtail's names.
site_history_urlpatterns = [
    path("site-history/", site_history),
    path("site-history/results/", site_history_results),
]
