"""The admin home panel: what is waiting in the moderation queue."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from civic.moderation.sources import moderation_delay


class QueueSummaryPanel(Component):
    name = "moderation_queue"
    template_name = "moderation/panels/queue_summary.html"
    order = 50

    class Media:
        css = {"all": ["css/moderation.css"]}

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            {
                "rows": self.rows,
                "total": sum(row.count for row in self.rows),
                "overdue": sum(row.overdue for row in self.rows),
                "oldest_age": max((r.oldest_age for r in self.rows if r.oldest_age), default=None),
                "queue_url": reverse("moderation:queue"),
                "delay_hours": int(moderation_delay().total_seconds() // 3600),
            }
        )
        return context
