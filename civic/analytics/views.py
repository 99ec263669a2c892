"""`/admin/analytics/`: the participation dashboard, and the report's download.

Agents, Élus and Administrateurs (`analytics.view_dashboard`) see every panel; Modérateurs
(`analytics.view_moderation_figures` only) see the moderation panel; anyone else is refused.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import panels, report, selectors, services
from .forms import PeriodForm
from .models import ParticipationReport
from .selectors import Period

FULL = "analytics.view_dashboard"
MODERATION = "analytics.view_moderation_figures"


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "analytics/dashboard.html"
    page_title = gettext_lazy("Statistiques de participation")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.full = user.has_perm(FULL)
        if not (self.full or user.has_perm(MODERATION)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET or None)
        period = form.period()
        context.update(
            form=form.showing(period),
            period=period,
            full=self.full,
            can_download=self.request.user.has_perm(services.DOWNLOAD_PERMISSION),
            formats=ParticipationReport.Format.choices,
            moderation=panels.moderation_tables(selectors.moderation_figures(period)),
            reports=ParticipationReport.objects.filter(requested_by=self.request.user).defer(
                "content"
            )[:10],
        )
        if self.full:
            raw = selectors.participation_raw_cached(period)
            context.update(panels.dashboard_panels(raw, period))
        return context


class ReportDownloadView(View):
    """`/admin/analytics/rapport/?format=csv&du=…&au=…`: the report as a file, audited."""

    def get(self, request):
        if not request.user.has_perm(services.DOWNLOAD_PERMISSION):
            raise PermissionDenied
        form = PeriodForm(request.GET or None)
        format = request.GET.get("format", "html")
        if format not in report.CONTENT_TYPES or (request.GET and not form.is_valid()):
            return HttpResponse(
                _("Format ou période invalide : choisissez HTML, CSV ou Excel et deux dates."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        period = form.period()
        content = report.render(period, format)
        services.report_record(actor=request.user, period=period, format=format)
        response = HttpResponse(content, content_type=report.CONTENT_TYPES[format])
        response["Content-Disposition"] = (
            f'attachment; filename="{report.filename(period, format)}"'
        )
        return response


class ReportRequestView(View):
    """POST: build the report of the chosen period in the background (long periods)."""

    def post(self, request):
        form = PeriodForm(request.POST)
        format = request.POST.get("format", "html")
        if format not in report.CONTENT_TYPES or not form.is_valid():
            return HttpResponse(
                _("Format ou période invalide : choisissez HTML, CSV ou Excel et deux dates."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        services.report_request(actor=request.user, period=form.period(), format=format)
        messages.success(request, _("Le rapport est en préparation : il apparaît ci-dessous."))
        return redirect(f"{reverse('analytics:dashboard')}#rapports")


class ReportFetchView(View):
    """GET: a report built in the background, once ready (its requester only)."""

    def get(self, request, pk):
        found = get_object_or_404(
            ParticipationReport, pk=pk, status=ParticipationReport.Status.DONE
        )
        if found.requested_by_id != request.user.pk and not request.user.is_superuser:
            raise Http404
        content = services.report_fetch(actor=request.user, report=found)
        period = Period(found.since, found.until)
        response = HttpResponse(content, content_type=report.CONTENT_TYPES[found.format])
        response["Content-Disposition"] = (
            f'attachment; filename="{report.filename(period, found.format)}"'
        )
        return response
