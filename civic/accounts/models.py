"""Accounts: users (login by email), their public profile, and the city's districts."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class AgeBracket(models.TextChoices):
    """Age brackets: the platform never stores a birth date (RGPD proportionality)."""

    UNDER_11 = "0-10", _("10 ans et moins")
    FROM_11_TO_15 = "11-15", _("11 à 15 ans")
    FROM_16_TO_17 = "16-17", _("16 à 17 ans")
    FROM_18_TO_29 = "18-29", _("18 à 29 ans")
    FROM_30_TO_44 = "30-44", _("30 à 44 ans")
    FROM_45_TO_59 = "45-59", _("45 à 59 ans")
    FROM_60_TO_74 = "60-74", _("60 à 74 ans")
    FROM_75 = "75+", _("75 ans et plus")

    @classmethod
    def at_least(cls, minimum: str) -> list[str]:
        """The brackets whose people are all at least as old as `minimum`'s youngest."""
        values = cls.values
        return values[values.index(minimum) :]


class Language(models.TextChoices):
    """Languages the platform writes to citizens in (emails, notifications)."""

    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("English")


class CivicUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The email is the login; the public name is the profile's.

    A citizen registered at the counter (assisted participation) may have no email: then
    `email` is NULL (never ""), they have no usable password and cannot log in, and the agent
    finds them by name. Every non-empty email stays unique (NULLs do not collide).
    """

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True, null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = CivicUserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.email or self.get_full_name() or str(self.public_name)

    def clean(self):
        super().clean()
        # "" would be a second, colliding way of saying "no email".
        self.email = self.email or None

    @property
    def public_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.display_name if profile and profile.display_name else _("Anonyme")


class District(ClusterableModel):
    """A district (quartier) with its population, used for eligibility and representativeness."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    population = models.PositiveIntegerField(_("population"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def pyramid_error(self, bracket_populations: list[int]) -> str | None:
        """Why `bracket_populations` cannot be this district's age pyramid, or None if it can.

        An empty pyramid is allowed (not known yet); otherwise it must add up to the population.
        """
        total = sum(bracket_populations)
        if bracket_populations and total != self.population:
            return _(
                "La population du quartier (%(population)s) doit être égale à la somme des "
                "tranches d'âge (%(total)s). Corrigez l'une ou l'autre."
            ) % {"population": self.population, "total": total}
        return None


class DistrictAgeBracket(models.Model):
    """How many inhabitants of a district fall in one age bracket (the age pyramid)."""

    district = ParentalKey(District, on_delete=models.CASCADE, related_name="age_brackets")
    bracket = models.CharField(_("tranche d'âge"), max_length=8, choices=AgeBracket.choices)
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        verbose_name = _("tranche d'âge")
        verbose_name_plural = _("tranches d'âge")
        ordering = ["district", "bracket"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "bracket"], name="accounts_district_bracket_unique"
            )
        ]

    def __str__(self):
        return f"{self.district} {self.get_bracket_display()}: {self.population}"


class Profile(models.Model):
    """What a citizen chooses to tell the city. Only the display name is ever public."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("nom public (pseudonyme)"),
        max_length=60,
        blank=True,
        help_text=_(
            "Affiché à côté de vos contributions. Votre nom et votre e-mail ne le sont jamais."
        ),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("quartier de résidence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    age_bracket = models.CharField(
        _("tranche d'âge"), max_length=8, choices=AgeBracket.choices, blank=True
    )
    language = models.CharField(
        _("langue des messages"),
        max_length=8,
        choices=Language.choices,
        default=Language.FRENCH,
        help_text=_("La langue des e-mails que la plateforme vous envoie."),
    )
    notify_status_changes = models.BooleanField(
        _("m'écrire quand une de mes contributions change de statut"), default=True
    )
    notify_comments = models.BooleanField(
        _("m'écrire quand on commente mes contributions ou répond à mes commentaires"),
        default=True,
    )
    notify_followed = models.BooleanField(
        _("m'écrire des nouvelles de ce que je suis"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")
        permissions = [
            (
                "assist_citizen",
                _("Inscrire un habitant au guichet et compléter son quartier ou son âge"),
            )
        ]

    def __str__(self):
        return self.display_name or str(self.user)
