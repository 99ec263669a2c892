"""A participation report someone asked for: what was downloaded, by whom, and the task's
progress when it runs in the background. It also carries the analytics permissions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationReport(models.Model):
    class Format(models.TextChoices):
        HTML = "html", _("Page HTML autonome")
        CSV = "csv", _("CSV (tableur)")
        XLSX = "xlsx", _("Classeur Excel")

    class Status(models.TextChoices):
        PENDING = "pending", _("En préparation")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    since = models.DateField(_("du"))
    until = models.DateField(_("au"))
    status = models.CharField(
        _("état"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    content = models.BinaryField(_("contenu"), blank=True, default=b"")
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport de participation")
        verbose_name_plural = _("rapports de participation")
        ordering = ["-created_at"]
        default_permissions = ()
        permissions = [
            ("view_dashboard", _("Consulter le tableau de bord de participation")),
            ("view_moderation_figures", _("Consulter les chiffres de la modération")),
            ("download_report", _("Télécharger le rapport de participation")),
        ]

    def __str__(self):
        return f"{self.get_format_display()} {self.since} – {self.until}"
