from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    label = "proposals"
    verbose_name = _("Boîte à idées")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civic.moderation.comments import register_commentable

        from .models import Idea

        register_commentable(Idea)
