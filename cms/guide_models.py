"""The city's public places (facilities), their duty rota, its events and its alerts.

Facilities are snippets with a Django view at `/equipements/` rather than pages: a city loads
them by hundreds from its open-data file (`import_facilities`), filters and maps them in SQL,
serves them in the API, and they have no editorial body of their own (README, "Guide des
équipements"). Editors manage them in the Wagtail admin (`cms/wagtail_hooks.py`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from .opening_hours import MAX_LENGTH, Closure, hours_validate


class FacilityCategory(models.Model):
    """A kind of place (Mairie, Bibliothèque, Pharmacie…), with its icon, editable."""

    class Icon(models.TextChoices):
        TOWN_HALL = "mairie", _("Mairie, services municipaux")
        LIBRARY = "bibliotheque", _("Bibliothèque, médiathèque")
        SPORT = "sport", _("Sport")
        POOL = "piscine", _("Piscine")
        HEALTH = "sante", _("Santé")
        PHARMACY = "pharmacie", _("Pharmacie")
        PARK = "parc", _("Parc, jardin")
        WASTE = "dechets", _("Déchèterie, propreté")
        SCHOOL = "ecole", _("École, petite enfance")
        CULTURE = "culture", _("Culture")
        SOCIAL = "social", _("Social, associations")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    icon = models.CharField(_("icône"), max_length=20, choices=Icon.choices, default=Icon.OTHER)
    is_pharmacy = models.BooleanField(
        _("pharmacies"),
        default=False,
        help_text=_("Les lieux de cette catégorie peuvent figurer au tour de garde."),
    )

    class Meta:
        verbose_name = _("catégorie d'équipement")
        verbose_name_plural = _("catégories d'équipements")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Facility(ClusterableModel):
    """A public place of the city: where it is, how to reach it, when it is open."""

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=160, unique=True)
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Identifiant du fichier de données ouvertes (import CSV)."),
    )
    category = models.ForeignKey(
        FacilityCategory,
        verbose_name=_("catégorie"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    is_published = models.BooleanField(_("publié"), default=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=80, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opening_hours = models.CharField(
        _("horaires d'ouverture"),
        max_length=MAX_LENGTH,
        blank=True,
        validators=[hours_validate],
        help_text=_(
            "Syntaxe OpenStreetMap : jours en anglais abrégés, heures HH:MM, règles séparées "
            "par « ; ». Exemple : Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off "
            "(PH : jours fériés)."
        ),
    )
    wheelchair_access = models.BooleanField(_("accessible en fauteuil roulant"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    accessible_toilets = models.BooleanField(_("toilettes adaptées"), default=False)
    accessible_parking = models.BooleanField(_("stationnement réservé"), default=False)
    accessibility_notes = models.TextField(
        _("précisions sur l'accessibilité"), max_length=1000, blank=True
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    ACCESSIBILITY_FLAGS = (
        "wheelchair_access",
        "hearing_loop",
        "accessible_toilets",
        "accessible_parking",
    )

    class Meta:
        verbose_name = _("équipement")
        verbose_name_plural = _("équipements")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="cms_facility_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="cms_facility_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="cms_facility_location_complete",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")}
            )

    def get_absolute_url(self):
        return reverse("facility_detail", args=[self.slug])

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def closures_list(self) -> list[Closure]:
        """The exceptional closures (prefetched by the selectors) as the hours service reads
        them."""
        return [Closure(c.start_date, c.end_date, c.reason) for c in self.closures.all()]

    def accessibility_labels(self) -> list[str]:
        return [
            capfirst(self._meta.get_field(name).verbose_name)
            for name in self.ACCESSIBILITY_FLAGS
            if getattr(self, name)
        ]


class FacilityClosure(models.Model):
    """An exceptional closure of a facility, whole days (works, strike, inventory)."""

    facility = ParentalKey(Facility, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au (inclus)"))
    reason = models.CharField(_("motif"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("fermeture exceptionnelle")
        verbose_name_plural = _("fermetures exceptionnelles")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="cms_facilityclosure_dates_ordered",
            )
        ]

    def __str__(self):
        return f"{self.start_date} – {self.end_date}"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La fin précède le début.")})


class PharmacyDuty(models.Model):
    """One turn of the pharmacies' duty rota: this pharmacy is on duty from … to …."""

    pharmacy = models.ForeignKey(
        Facility,
        verbose_name=_("pharmacie"),
        on_delete=models.CASCADE,
        related_name="duties",
        limit_choices_to={"category__is_pharmacy": True},
    )
    starts_at = models.DateTimeField(_("début de la garde"))
    ends_at = models.DateTimeField(_("fin de la garde"))
    note = models.CharField(_("précision"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("garde de pharmacie")
        verbose_name_plural = _("gardes de pharmacie")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="cms_pharmacyduty_dates_ordered",
            )
        ]

    def __str__(self):
        return f"{self.pharmacy} ({timezone.localtime(self.starts_at):%d/%m %H:%M})"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin de la garde doit suivre son début.")})
        if self.pharmacy_id and not self.pharmacy.category.is_pharmacy:
            raise ValidationError({"pharmacy": _("Ce lieu n'est pas une pharmacie.")})


class EventCategory(models.Model):
    """A kind of event of the agenda (Culture, Sport…), with its own iCalendar feed."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("catégorie d'événement")
        verbose_name_plural = _("catégories d'événements")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Event(models.Model):
    """A public event of the agenda, at a facility or at an address."""

    title = models.CharField(_("titre"), max_length=150)
    slug = models.SlugField(_("identifiant d'adresse"), max_length=160, unique=True)
    category = models.ForeignKey(
        EventCategory, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="events"
    )
    organiser = models.CharField(_("organisateur"), max_length=150, blank=True)
    is_published = models.BooleanField(_("publié"), default=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("lieu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    address = models.CharField(
        _("adresse"), max_length=200, blank=True, help_text=_("Si l'événement n'a pas de lieu.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    link = models.URLField(_("lien"), blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="cms_event_dates_ordered",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("La fin précède le début.")})
        if not self.facility_id and not self.address.strip():
            raise ValidationError({"address": _("Choisissez un lieu ou indiquez une adresse.")})

    @property
    def place_name(self) -> str:
        return self.facility.name if self.facility_id else self.address

    @property
    def point(self) -> tuple[float, float] | None:
        """(latitude, longitude) of the event, or of its facility."""
        if self.latitude is not None and self.longitude is not None:
            return float(self.latitude), float(self.longitude)
        if self.facility_id and self.facility.is_located:
            return float(self.facility.latitude), float(self.facility.longitude)
        return None


class Alert(models.Model):
    """A site-wide banner (flood risk, heat wave, road works) shown while it is active."""

    class Level(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Vigilance")
        DANGER = "danger", _("Danger")

    title = models.CharField(_("titre"), max_length=120)
    text = models.TextField(_("texte"), max_length=600, blank=True)
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices, default="info")
    link = models.URLField(_("lien"), blank=True)
    link_label = models.CharField(_("texte du lien"), max_length=80, blank=True)
    starts_at = models.DateTimeField(_("début"), default=timezone.now)
    ends_at = models.DateTimeField(_("fin"))

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="cms_alert_dates_ordered",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin doit suivre le début.")})

    def is_active(self, at: datetime.datetime) -> bool:
        return self.starts_at <= at < self.ends_at
