from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    label = "proposals"
    verbose_name = _("Boîte à idées")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        try:
            from civic.moderation.comments import register_commentable
        except ImportError:  # the moderation app is not installed (yet)
            return
        from .models import Idea

        register_commentable(Idea)
