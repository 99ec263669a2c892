"""Ideas: what citizens propose for their city, the themes they are filed under, their
status history and the supports other citizens give them.

State changes never happen here: they go through `proposals.services`, which checks the
actor's permission, records an `IdeaStatusChange` and writes the audit log.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme ideas are filed under (Mobilité, Environnement…), managed by editors."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Idea(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("En attente de modération")
        PUBLISHED = "published", _("Publiée")
        REJECTED = "rejected", _("Refusée")
        UNDER_STUDY = "under_study", _("À l'étude")
        ACCEPTED = "accepted", _("Retenue")
        NOT_RETAINED = "not_retained", _("Non retenue")
        TRANSFERRED = "transferred", _("Transférée au budget participatif")
        IMPLEMENTED = "implemented", _("Réalisée")
        DUPLICATE = "duplicate", _("Doublon")
        # By its author, before moderation: kept (not deleted) for the history and the audit
        # log, out of the moderation queue (`SUBMITTED` only) and of every public listing.
        WITHDRAWN = "withdrawn", _("Retirée par son auteur")

    class Channel(models.TextChoices):
        WEB = "web", _("Site web")
        COUNTER = "counter", _("Guichet")
        PHONE = "phone", _("Téléphone")
        MAIL = "mail", _("Courrier")

    # Anyone may read an idea in these statuses.
    PUBLIC_STATUSES = (
        Status.PUBLISHED,
        Status.UNDER_STUDY,
        Status.ACCEPTED,
        Status.NOT_RETAINED,
        Status.TRANSFERRED,
        Status.IMPLEMENTED,
        Status.DUPLICATE,
    )
    # Shown in the public listing, the API list and the map (a duplicate points to its kept idea).
    LISTED_STATUSES = PUBLIC_STATUSES[:-1]
    # Still open to discussion: comments are accepted.
    OPEN_STATUSES = (Status.PUBLISHED, Status.UNDER_STUDY, Status.ACCEPTED)
    # Its author may still edit or withdraw it.
    AUTHOR_EDITABLE_STATUSES = (Status.SUBMITTED,)
    # Not decided yet: supports still weigh on the decision.
    SUPPORTABLE_STATUSES = (Status.PUBLISHED, Status.UNDER_STUDY)

    TITLE_MAX_LENGTH = 120
    BODY_MAX_LENGTH = 5000

    title = models.CharField(_("titre"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("description"), max_length=BODY_MAX_LENGTH)
    theme = models.ForeignKey(
        Theme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="ideas"
    )
    district = models.ForeignKey(
        "accounts.District",
        verbose_name=_("quartier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        help_text=_("Laisser vide si l'idée concerne toute la ville."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    photo = models.ImageField(_("photo"), upload_to="ideas/%Y/%m/", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="ideas",
    )
    channel = models.CharField(
        _("canal"), max_length=16, choices=Channel.choices, default=Channel.WEB
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisie par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas_entered",
        help_text=_("L'agent qui a saisi l'idée pour le compte de son auteur."),
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("doublon de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
    )
    transferred_to_url = models.CharField(
        _("projet de budget participatif"),
        max_length=300,
        blank=True,
        help_text=_("Lien vers le projet issu de cette idée."),
    )
    official_answer = models.TextField(_("réponse de la ville"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("réponse par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas_answered",
    )
    created_at = models.DateTimeField(_("déposée le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("idée")
        verbose_name_plural = _("idées")
        ordering = ["-created_at"]
        permissions = [
            ("moderate_idea", _("Modérer les idées (publier, refuser, doublons)")),
            ("answer_idea", _("Donner la réponse officielle à une idée")),
            ("change_idea_status", _("Faire avancer une idée (étude, décision, réalisation)")),
            ("submit_idea_on_behalf", _("Déposer une idée pour le compte d'un citoyen")),
            ("rewrite_idea", _("Corriger le titre et la description d'une idée")),
        ]
        # The public listing (`selectors.idea_list_public`): listed statuses, newest
        # published first. The moderation queue's oldest-submitted-first uses `created_at`'s.
        indexes = [
            models.Index(fields=["status", "-published_at"], name="proposals_status_published")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="proposals_idea_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="proposals_idea_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="proposals_idea_location_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="proposals_idea_duplicate_has_kept",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:idea_detail", kwargs={"pk": self.pk})

    def get_status_display(self) -> str:
        # Django's generated version rebuilds a dict of every choice at each call; the
        # listings ask it of every card (hundreds on a large campaign page).
        try:
            return str(self.Status(self.status).label)
        except ValueError:
            return self.status

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def accepts_comments(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def accepts_supports(self) -> bool:
        return self.status in self.SUPPORTABLE_STATUSES

    @property
    def awaits_moderation(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def author_public_name(self) -> str:
        if self.author_id is None:
            return _("Compte supprimé")
        return self.author.public_name

    @property
    def status_tone(self) -> str:
        """The badge modifier of the shared `.badge` component for this status."""
        return STATUS_TONES.get(self.status, "neutral")


STATUS_TONES = {
    Idea.Status.SUBMITTED: "warning",
    Idea.Status.PUBLISHED: "info",
    Idea.Status.REJECTED: "danger",
    Idea.Status.UNDER_STUDY: "warning",
    Idea.Status.ACCEPTED: "success",
    Idea.Status.NOT_RETAINED: "neutral",
    Idea.Status.TRANSFERRED: "success",
    Idea.Status.IMPLEMENTED: "success",
    Idea.Status.DUPLICATE: "neutral",
    Idea.Status.WITHDRAWN: "neutral",
}


class IdeaStatusChange(models.Model):
    """One step of an idea's life, with the reason the author and the public read."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("idée"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("statut précédent"), max_length=16, choices=Idea.Status.choices, blank=True
    )
    to_status = models.CharField(_("nouveau statut"), max_length=16, choices=Idea.Status.choices)
    reason = models.TextField(_("motif"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("changement de statut")
        verbose_name_plural = _("historique des statuts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.idea_id}: {self.from_status} → {self.to_status}"

    @property
    def to_status_label(self) -> str:
        return Idea.Status(self.to_status).label


class Support(models.Model):
    """A citizen's support for an idea: at most one per citizen and idea."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citoyen"),
        on_delete=models.CASCADE,
        related_name="idea_supports",
    )
    idea = models.ForeignKey(
        Idea, verbose_name=_("idée"), on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(_("soutenue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "idea"], name="proposals_support_unique")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"
