from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civic.moderation.comments import register_commentable

        from .models import ConsultationPage

        register_commentable(ConsultationPage)

        from wagtail.signals import page_published

        from .signals import announce_on_publish

        page_published.connect(announce_on_publish, sender=ConsultationPage)

        from django.db.models.signals import post_migrate

        from .workflow import workflow_ensure_on_migrate

        post_migrate.connect(workflow_ensure_on_migrate, sender=self)
