"""Participatory budgeting: campaigns, envelopes, projects, secret ballots and results.

The ballot is secret by construction. A vote writes two unrelated things in one transaction:

* a `VoterRecord` — *who* voted, when and through which channel (one per citizen and
  campaign, a database constraint);
* one anonymous `Ballot` per envelope — *what* was chosen, with the SHA-256 hash of a receipt
  code only the voter knows.

A `Ballot` has no foreign key to a user or a voter record, shares no identifier with them
(random UUID primary key) and carries no time at all, so no query can join a ballot to the
person who cast it. The residual risks (physical row order, database logs) are described in
`budget/receipts.py`.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from civic.accounts.models import AgeBracket, District


class Campaign(ClusterableModel):
    """One edition of the participatory budget ("Budget participatif 2027")."""

    class Phase(models.TextChoices):
        UPCOMING = "upcoming", _("À venir")
        SUBMISSION = "submission", _("Dépôt des projets")
        REVIEW = "review", _("Étude des projets")
        VOTE = "vote", _("Vote")
        COUNTING = "counting", _("Dépouillement")
        RESULTS = "results", _("Résultats")
        FOLLOW_UP = "follow_up", _("Suivi des projets")

    class VoteRule(models.TextChoices):
        APPROVAL = "approval", _("Approbation : au plus K projets par enveloppe")
        KNAPSACK = "knapsack", _("Sac à dos : coût total dans la limite de l'enveloppe")

    class TallyRule(models.TextChoices):
        # Named as Pabulib names them (see the `budget.rules` package).
        GREEDY = "greedy", _("Glouton (les plus soutenus d'abord, on saute ce qui dépasse)")
        GREEDY_THRESHOLD = "greedy-threshold", _("Glouton avec seuil minimal de voix")
        GREEDY_NO_SKIP = "greedy-no-skip", _("Glouton sans saut (arrêt au premier dépassement)")
        EQUAL_SHARES = "equalshares", _("Méthode des parts égales")

    class EqualSharesCompletion(models.TextChoices):
        # With `TallyRule.EQUAL_SHARES`, the rule as Pabulib names it: "equalshares/<value>"
        # ("none": "equalshares"). See `Campaign.pabulib_rule` and the README.
        NONE = "none", _("Aucune : les parts égales seules")
        ADD1 = "add1", _("Add1 : parts de chacun augmentées d'un euro à la fois")
        ADD1_COMPARISON = (
            "add1-comparison",
            _("Add1 puis comparaison avec la règle gloutonne (recommandé)"),
        )

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    total_amount = models.PositiveBigIntegerField(
        _("montant total (€)"),
        help_text=_("La somme des enveloppes ne peut pas le dépasser."),
    )

    submission_start = models.DateTimeField(_("début du dépôt des projets"))
    submission_end = models.DateTimeField(_("fin du dépôt des projets"))
    review_end = models.DateTimeField(_("fin de l'étude des projets"))
    vote_start = models.DateTimeField(_("début du vote"))
    vote_end = models.DateTimeField(_("fin du vote"))
    results_date = models.DateTimeField(_("date annoncée des résultats"))
    followup_start = models.DateTimeField(
        _("début du suivi des projets lauréats"), null=True, blank=True
    )

    min_age_bracket = models.CharField(
        _("tranche d'âge minimale pour voter"),
        max_length=8,
        choices=AgeBracket.choices,
        blank=True,
        help_text=_("Vide : pas de condition d'âge."),
    )
    requires_district = models.BooleanField(
        _("quartier de résidence obligatoire pour voter"), default=True
    )
    requires_verified_account = models.BooleanField(
        _("adresse e-mail vérifiée obligatoire pour voter"), default=True
    )

    vote_rule = models.CharField(
        _("règle de vote"), max_length=16, choices=VoteRule.choices, default=VoteRule.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("nombre maximal de projets par enveloppe"),
        null=True,
        blank=True,
        help_text=_("Obligatoire pour le vote par approbation."),
    )
    min_choices = models.PositiveSmallIntegerField(
        _("nombre minimal de projets par enveloppe"), default=0
    )
    tally_rule = models.CharField(
        _("règle de dépouillement"),
        max_length=20,
        choices=TallyRule.choices,
        default=TallyRule.GREEDY,
    )
    tally_threshold = models.PositiveIntegerField(
        _("seuil minimal de voix"),
        default=0,
        help_text=_("Règle « glouton avec seuil » : un projet sous ce nombre de voix est écarté."),
    )
    equal_shares_completion = models.CharField(
        _("complément des parts égales"),
        max_length=20,
        choices=EqualSharesCompletion.choices,
        default=EqualSharesCompletion.ADD1_COMPARISON,
        help_text=_(
            "Méthode des parts égales seulement. « Aucune » : chaque votant reçoit sa part de "
            "l'enveloppe (enveloppe ÷ votants) et une partie de l'argent reste souvent "
            "inutilisée. « Add1 » : on refait le calcul en donnant un euro de plus à chaque "
            "votant, tant que les projets retenus tiennent dans l'enveloppe, et on s'arrête "
            "dès qu'aucun autre projet ne rentre (Assen, Świecie). « Add1 puis comparaison » : "
            "même principe, poussé tant que la sélection tient dans l'enveloppe ; puis on la "
            "compare avec celle de la règle gloutonne (les plus soutenus d'abord) et l'on garde "
            "celle que préfèrent le plus de votants, ceux dont elle retient le plus de projets "
            "choisis (Wieliczka)."
        ),
    )
    greedy_completion = models.BooleanField(
        _("compléter de façon gloutonne"),
        default=False,
        help_text=_(
            "Méthode des parts égales seulement : s'il reste de l'argent à la fin, ajouter les "
            "projets les plus soutenus qui tiennent encore dans l'enveloppe (avant la "
            "comparaison, si elle a lieu). Plus de budget est dépensé, mais ces projets-là "
            "ne suivent plus la règle des parts égales."
        ),
    )

    # When the ballot box was last mixed (see budget/receipts.py); None: needs mixing.
    ballots_mixed_at = models.DateTimeField(
        _("bulletins mélangés le"), null=True, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("campagne de budget participatif")
        verbose_name_plural = _("campagnes de budget participatif")
        ordering = ["-vote_start"]
        permissions = [
            ("record_paper_ballot", _("Saisir des bulletins papier")),
            ("preview_results", _("Calculer un aperçu des résultats")),
            ("publish_results", _("Publier les résultats")),
            ("withdraw_results", _("Retirer des résultats publiés")),
            ("correct_during_vote", _("Corriger le bulletin pendant le vote (avec une raison)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(submission_start__lt=F("submission_end"))
                & Q(submission_end__lte=F("review_end"))
                & Q(review_end__lte=F("vote_start"))
                & Q(vote_start__lt=F("vote_end"))
                & Q(vote_end__lte=F("results_date")),
                name="budget_campaign_phases_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(vote_rule="approval")
                | Q(max_choices__isnull=False, max_choices__gte=1),
                name="budget_campaign_approval_has_max",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(min_choices__lte=F("max_choices")),
                name="budget_campaign_min_le_max",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def pabulib_rule(self) -> str:
        """The counting rule as Pabulib names it (`budget.rules.RULES`): the tally rule, with
        the Equal Shares completion ("equalshares/add1-comparison")."""
        completion = self.equal_shares_completion
        if self.tally_rule == self.TallyRule.EQUAL_SHARES and completion != "none":
            return f"{self.tally_rule}/{completion}"
        return self.tally_rule

    def clean(self):
        dates = [
            ("submission_start", self.submission_start),
            ("submission_end", self.submission_end),
            ("review_end", self.review_end),
            ("vote_start", self.vote_start),
            ("vote_end", self.vote_end),
            ("results_date", self.results_date),
        ]
        for (_name, before), (later, after) in zip(dates, dates[1:], strict=False):
            if before and after and after < before:
                raise ValidationError(
                    {later: _("Les phases doivent se suivre : cette date précède la précédente.")}
                )
        if self.vote_start and self.vote_end and self.vote_end == self.vote_start:
            raise ValidationError({"vote_end": _("Le vote doit durer un moment.")})
        if self.followup_start and self.results_date and self.followup_start < self.results_date:
            raise ValidationError(
                {"followup_start": _("Le suivi commence après la publication des résultats.")}
            )
        if self.vote_rule == self.VoteRule.APPROVAL and not self.max_choices:
            raise ValidationError(
                {"max_choices": _("Indiquez combien de projets chaque votant peut choisir.")}
            )
        if self.max_choices and self.min_choices > self.max_choices:
            raise ValidationError({"min_choices": _("Le minimum ne peut pas dépasser le maximum.")})

    def current_phase(self, at=None) -> "Campaign.Phase":
        """The phase at `at` (now by default), derived only from the dates."""
        at = at or timezone.now()
        if at < self.submission_start:
            return self.Phase.UPCOMING
        if at < self.submission_end:
            return self.Phase.SUBMISSION
        if at < self.vote_start:
            return self.Phase.REVIEW
        if at < self.vote_end:
            return self.Phase.VOTE
        if at < self.results_date:
            return self.Phase.COUNTING
        if self.followup_start is None or at < self.followup_start:
            return self.Phase.RESULTS
        return self.Phase.FOLLOW_UP

    def is_voting_open(self, at=None) -> bool:
        return self.current_phase(at) == self.Phase.VOTE

    def vote_has_ended(self, at=None) -> bool:
        return (at or timezone.now()) >= self.vote_end


class Envelope(models.Model):
    """An amount of the campaign for the whole city (no district) or for one district."""

    campaign = ParentalKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="envelopes"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("quartier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_envelopes",
        help_text=_("Vide : enveloppe pour toute la ville."),
    )
    amount = models.PositiveBigIntegerField(_("montant (€)"))

    class Meta:
        verbose_name = _("enveloppe")
        verbose_name_plural = _("enveloppes")
        ordering = ["campaign", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "district"], name="budget_envelope_one_per_district"
            ),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(district__isnull=True),
                name="budget_envelope_one_citywide",
            ),
        ]

    def __str__(self):
        return str(self.district) if self.district_id else str(_("Toute la ville"))

    @property
    def is_citywide(self) -> bool:
        return self.district_id is None


class Project(models.Model):
    """A project proposed by citizens, studied by staff, put to the vote, then followed up."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Déposé")
        IN_REVIEW = "in_review", _("À l'étude")
        ELIGIBLE = "eligible", _("Recevable")
        INELIGIBLE = "ineligible", _("Non recevable")
        ON_BALLOT = "on_ballot", _("Soumis au vote")
        SELECTED = "selected", _("Lauréat")
        NOT_SELECTED = "not_selected", _("Non retenu")

    class Feasibility(models.TextChoices):
        FEASIBLE = "feasible", _("Réalisable")
        FEASIBLE_WITH_CHANGES = "feasible_with_changes", _("Réalisable avec adaptations")
        NOT_FEASIBLE = "not_feasible", _("Non réalisable")

    class FollowUp(models.TextChoices):
        PLANNED = "planned", _("Programmé")
        IN_PROGRESS = "in_progress", _("En cours")
        DELIVERED = "delivered", _("Livré")
        ABANDONED = "abandoned", _("Abandonné")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="projects"
    )
    envelope = models.ForeignKey(
        Envelope, verbose_name=_("enveloppe"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("titre"), max_length=200)
    summary = models.CharField(_("résumé"), max_length=400)
    description = models.TextField(_("description"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    estimated_cost = models.PositiveBigIntegerField(_("coût estimé par les porteurs (€)"))
    validated_cost = models.PositiveBigIntegerField(
        _("coût validé par les services (€)"), null=True, blank=True
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("porteurs"), related_name="budget_projects"
    )
    from_idea = models.ForeignKey(
        "proposals.Idea",
        verbose_name=_("idée d'origine"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_projects",
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    feasibility = models.CharField(
        _("faisabilité"), max_length=24, choices=Feasibility.choices, blank=True
    )
    public_note = models.TextField(
        _("avis public"),
        blank=True,
        help_text=_("Publié avec le projet ; obligatoire pour motiver une non-recevabilité."),
    )
    internal_note = models.TextField(_("note interne (services)"), blank=True)
    reviewed_at = models.DateTimeField(_("étudié le"), null=True, blank=True)

    followup_status = models.CharField(
        _("avancement"), max_length=16, choices=FollowUp.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    abandon_reason = models.TextField(_("raison de l'abandon"), blank=True)

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("projet")
        verbose_name_plural = _("projets")
        ordering = ["campaign", "title"]
        permissions = [
            ("review_project", _("Instruire les projets (faisabilité, coût, recevabilité)")),
            ("update_project_followup", _("Mettre à jour le suivi des projets lauréats")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ineligible") | ~Q(public_note=""),
                name="budget_project_ineligible_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["eligible", "on_ballot", "selected", "not_selected"])
                | Q(validated_cost__isnull=False),
                name="budget_project_eligible_has_cost",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="budget_project_progress_le_100"
            ),
            models.CheckConstraint(
                condition=~Q(followup_status="abandoned") | ~Q(abandon_reason=""),
                name="budget_project_abandoned_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budget:project_detail", args=[self.campaign.slug, self.pk])

    def get_status_display(self) -> str:
        # Django's generated version rebuilds a dict of every choice at each call; the
        # listings ask it of every card (hundreds on a large campaign page).
        try:
            return str(self.Status(self.status).label)
        except ValueError:
            return self.status

    def clean(self):
        if self.envelope_id and self.campaign_id and self.envelope.campaign_id != self.campaign_id:
            raise ValidationError(
                {"envelope": _("Cette enveloppe appartient à une autre campagne.")}
            )

    # Statuses in which a project is discussed in comments (public and still open).
    DISCUSSED_STATUSES = ("eligible", "on_ballot", "selected")

    @property
    def is_public(self) -> bool:
        """Citizens see the project: staff have studied it."""
        return self.status not in (self.Status.SUBMITTED, self.Status.IN_REVIEW)

    @property
    def accepts_comments(self) -> bool:
        """Open to comments while eligible, on the ballot or selected (not once closed)."""
        return self.status in self.DISCUSSED_STATUSES

    @property
    def author(self):
        """The first author (who submitted it): told about comments on the project.

        One query, or none for a project read through `budget.selectors.with_first_author`
        (listings: the first author's id annotated, the authors prefetched).
        """
        if hasattr(self, "first_author_id") and "authors" in getattr(
            self, "_prefetched_objects_cache", {}
        ):
            return next((u for u in self.authors.all() if u.pk == self.first_author_id), None)
        link = (
            Project.authors.through.objects.filter(project_id=self.pk)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return link.user if link else None

    @property
    def cost(self) -> int:
        """The cost that counts: the validated one once staff set it."""
        return self.validated_cost if self.validated_cost is not None else self.estimated_cost


class ProjectPhoto(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("description de l'image"), max_length=250)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("photo du projet")
        verbose_name_plural = _("photos du projet")
        ordering = ["project", "sort_order", "pk"]

    def __str__(self):
        return self.alt_text


class Milestone(models.Model):
    """A dated step of a winning project's delivery, shown publicly."""

    project = models.ForeignKey(
        Project, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("texte"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")
        ordering = ["project", "date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.text[:40]}"


class Channel(models.TextChoices):
    WEB = "web", _("En ligne")
    COUNTER = "counter", _("Au guichet (bulletin papier)")


class VoterRecord(models.Model):
    """That a citizen voted in a campaign (never what they chose). One per citizen and campaign.

    `district` is the district the citizen voted for, kept for turnout per district.
    """

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="voter_records",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("votant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="budget_voter_records",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("quartier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("canal"), max_length=16, choices=Channel.choices)
    cast_at = models.DateTimeField(_("a voté le"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saisi par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("émargement")
        verbose_name_plural = _("émargements")
        ordering = ["campaign", "cast_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="budget_one_vote_per_user")
        ]

    def __str__(self):
        return f"{self.campaign} — {self.get_channel_display()}"


class Ballot(models.Model):
    """An anonymous ballot in one envelope: the chosen projects and the hash of the receipt.

    Deliberately no link to anyone: random UUID key, no time, no channel. `choices` is the
    sorted list of project ids. `receipt_hash` is `budget.receipts.receipt_hash(code, envelope)`.
    """

    id = models.UUIDField(_("n°"), primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="ballots"
    )
    envelope = models.ForeignKey(
        Envelope, verbose_name=_("enveloppe"), on_delete=models.CASCADE, related_name="ballots"
    )
    choices = models.JSONField(_("projets choisis"), default=list)
    receipt_hash = models.CharField(_("empreinte du reçu"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        # Never by insertion: the receipt hash is random, so this order says nothing.
        ordering = ["receipt_hash"]

    def __str__(self):
        return self.receipt_hash[:12]


class PendingBallot(models.Model):
    """A ballot cast but not yet released into the box: sealed, beside its voter record.

    Written in the voter's transaction (one per envelope the voter may vote in, abstentions
    included), deleted when `budget.ballots` releases its envelope's pending ballots in a
    shuffled batch. `sealed` is `budget.sealing.ballot_seal`'s output (AES-GCM, key outside
    the database, fixed length): it says nothing of the choices nor of the released ballot.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campagne"),
        on_delete=models.CASCADE,
        related_name="pending_ballots",
    )
    envelope = models.ForeignKey(
        Envelope,
        verbose_name=_("enveloppe"),
        on_delete=models.CASCADE,
        related_name="pending_ballots",
    )
    sealed = models.BinaryField(_("bulletin scellé"))

    class Meta:
        verbose_name = _("bulletin en attente")
        verbose_name_plural = _("bulletins en attente")

    def __str__(self):
        return str(self.pk)[:8]


class Result(models.Model):
    """A published outcome of a campaign: a frozen snapshot, withdrawn but never deleted."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), on_delete=models.CASCADE, related_name="results"
    )
    rule = models.CharField(_("règle"), max_length=40)
    data = models.JSONField(_("résultats"))
    published_at = models.DateTimeField(_("publié le"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publié par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retiré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdraw_reason = models.TextField(_("raison du retrait"), blank=True)

    class Meta:
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")
        ordering = ["campaign", "-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(withdrawn_at__isnull=True),
                name="budget_one_published_result",
            )
        ]

    def __str__(self):
        return f"{self.campaign} ({self.published_at:%Y-%m-%d})"
