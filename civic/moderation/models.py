"""Reason templates moderators pick from when they decide (the author reads the reason)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationReason(models.Model):
    """An editable, reusable reason: "Propos injurieux", "Hors du champ de compétence"..."""

    class Kind(models.TextChoices):
        ALL = "all", _("Tous les contenus")
        IDEAS = "ideas", _("Idées")
        COMMENTS = "comments", _("Commentaires")
        PROJECTS = "projects", _("Projets du budget participatif")
        ANSWERS = "answers", _("Réponses aux consultations")

    title = models.CharField(_("titre"), max_length=120)
    text = models.TextField(
        _("texte"),
        max_length=2000,
        help_text=_("Ce que l'auteur lira, dans l'historique de sa contribution et par e-mail."),
    )
    kind = models.CharField(
        _("s'applique à"), max_length=20, choices=Kind.choices, default=Kind.ALL
    )

    class Meta:
        verbose_name = _("motif de modération")
        verbose_name_plural = _("motifs de modération")
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "title"], name="moderation_reason_unique_title")
        ]

    def __str__(self):
        return self.title
