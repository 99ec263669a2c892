"""The dashboard's admin URL and menu entry, and the audit action of a report download."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from civic import hooks as civic

from .views import (
    FULL,
    MODERATION,
    DashboardView,
    ReportDownloadView,
    ReportFetchView,
    ReportRequestView,
)

admin_urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("rapport/", ReportDownloadView.as_view(), name="report"),
    path("rapports/", ReportRequestView.as_view(), name="report_request"),
    path("rapports/<int:pk>/", ReportFetchView.as_view(), name="report_fetch"),
]


@hooks.register("register_admin_urls")
def register_analytics_admin_urls():
    return [path("analytics/", include((admin_urlpatterns, "analytics")))]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(FULL) or request.user.has_perm(MODERATION)


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Statistiques"),
        reverse("analytics:dashboard"),
        name="analytics",
        icon_name="table",
        order=160,
    )


@hooks.register(civic.AUDIT_ACTIONS)
def register_analytics_actions(actions):
    civic.audit_actions_register(
        actions,
        "analytics.report",
        [
            ("download", _("Télécharger le rapport de participation"), _("Rapport téléchargé")),
            ("request", _("Demander le rapport de participation"), _("Rapport demandé")),
        ],
    )
