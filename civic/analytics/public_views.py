"""`/statistiques/`: the participation figures anyone may read (aggregates only, small cells
hidden), over the last twelve months. Tables first; the charts are an enhancement."""

from datetime import timedelta

from django.utils import timezone
from django.views.generic import TemplateView

from . import panels, selectors
from .selectors import Period


def public_period() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=364), today, "month")


class StatisticsView(TemplateView):
    template_name = "analytics/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = public_period()
        raw = selectors.participation_raw_cached(period)
        built = panels.dashboard_panels(raw, period)
        public_keys = {t["key"] for t in raw["tables"] if t["public"]}
        context.update(
            period=period,
            key_figures=built["key_figures"],
            series=built["series"],
            representativeness=built["representativeness"],
            tables=[t for t in built["tables"] if t.key in public_keys],
        )
        return context
