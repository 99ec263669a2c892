from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budget participatif")

    def ready(self):
        from civic.moderation.comments import register_commentable

        from .models import Project

        register_commentable(Project)
