from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Contenus du site")

    def ready(self):
        from django.db.models.signals import post_save

        from civic.identity import sites_sync

        from .models import SiteSettings

        # The sites framework carries the city's name too (allauth, comment links).
        post_save.connect(sites_sync, sender=SiteSettings, dispatch_uid="cms_sites_sync")
