"""Consultations as Wagtail pages, their typed questions, and the responses to them.

Questions are typed models (an orderable inline of the page) rather than Wagtail's form
builder: a scale, a ranking or a capped multiple choice need typed answers to be counted in
SQL (a mean, a Borda score, a GROUP BY per option), which the form builder's one JSON blob
per submission cannot give; and a response must be tied to one account (one per person) and
carry the district and age bracket of the moment, which the builder does not model.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page, Workflow
from wagtail.search import index

from civic.accounts.models import AgeBracket, District
from civic.page_permissions import RemovalRestrictedPageMixin

from .admin_forms import ConsultationPageForm
from .blocks import ContextBlock, stream_has_map

TEXT_ANSWER_MAX = 2000
SCALE_VALUES = (1, 2, 3, 4, 5)
WORKFLOW_NAME = "Publication des consultations"


class ConsultationIndexPage(RemovalRestrictedPageMixin, RoutablePageMixin, Page):
    """`/consultations/`: open, upcoming and closed consultations."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("index des consultations")
        verbose_name_plural = _("index des consultations")

    def get_workflow(self):
        return super().get_workflow() or consultation_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def permissions_for_user(self, user):
        from .permissions import ConsultationPermissionTester

        return ConsultationPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from civic.pagination import paginate

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        context["query"] = query
        context["consultations_page"] = paginate(
            request, selectors.consultation_list_public(query=query, index=self), 10
        )
        return context

    @path("alerte/", name="alert_toggle")
    def alert_toggle_route(self, request):
        from .views import alert_toggle_view

        return alert_toggle_view(request)


def consultation_workflow():
    """The workflow every consultation goes through (created by migration 0002 and kept by
    `workflow_ensure` after each migrate), unless an administrator assigned another one to
    the index page in the admin."""
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("En direct, pendant la consultation")
    AFTER_CLOSING = "after_closing", _("Après la clôture")


class FeedbackStatus(models.TextChoices):
    ANALYSIS = "analysis", _("En cours d'analyse")
    DECISION = "decision", _("Décision prise")
    ABANDONED = "abandoned", _("Projet abandonné")


class ConsultationPage(RemovalRestrictedPageMixin, RoutablePageMixin, Page):
    """One consultation: its context, dates, target and questions (`questions`)."""

    intro = models.TextField(
        _("introduction"), max_length=600, help_text=_("Résumé affiché dans les listes.")
    )
    context = StreamField(ContextBlock(), verbose_name=_("contexte"), blank=True)
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"))
    target_districts = ParentalManyToManyField(
        District,
        verbose_name=_("quartiers concernés"),
        blank=True,
        help_text=_("Aucun coché : toute la ville est consultée."),
    )
    min_age_bracket = models.CharField(
        _("à partir de la tranche d'âge"),
        max_length=8,
        choices=AgeBracket.choices,
        blank=True,
        help_text=_("Vide : tous les âges."),
    )
    max_age_bracket = models.CharField(
        _("jusqu'à la tranche d'âge"),
        max_length=8,
        choices=AgeBracket.choices,
        blank=True,
        help_text=_("Vide : sans limite d'âge."),
    )
    results_visibility = models.CharField(
        _("résultats visibles"),
        max_length=16,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSING,
    )
    comments_enabled = models.BooleanField(_("commentaires ouverts"), default=False)
    opening_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("context"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates de la consultation")
        ),
        MultiFieldPanel(
            [
                FieldPanel("target_districts", widget=forms.CheckboxSelectMultiple),
                FieldPanel("min_age_bracket"),
                FieldPanel("max_age_bracket"),
            ],
            heading=_("Public consulté"),
        ),
        MultiFieldPanel(
            [FieldPanel("results_visibility"), FieldPanel("comments_enabled")],
            heading=_("Résultats et commentaires"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("Question"), min_num=1),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("context"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [
            ("record_paper_response", _("Saisir une réponse papier ou reçue au guichet")),
            ("export_responses", _("Exporter les réponses d'une consultation")),
            ("publish_feedback", _("Publier « Ce que nous avons retenu »")),
            ("moderate_answer", _("Modérer les réponses libres signalées")),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        """Anyone may read it (comments and follows ask)."""
        return self.live and not self.get_view_restrictions().exists()

    @property
    def accepts_comments(self) -> bool:
        """Comments, when the editors opened them, from the opening on."""
        return self.comments_enabled and self.phase() != "upcoming"

    def get_absolute_url(self):
        """What emails link to (notifications) and comments go back to."""
        return self.url

    # Workflow: an Élu never publishes alone (see ConsultationApprovalTask).
    def get_workflow(self):
        return super().get_workflow() or consultation_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def permissions_for_user(self, user):
        from .permissions import ConsultationPermissionTester

        return ConsultationPermissionTester(user, self)

    # Dates --------------------------------------------------------------------------
    def phase(self, at=None) -> str:
        now = at or timezone.now()
        if now < self.opens_at:
            return "upcoming"
        if now >= self.closes_at:
            return "closed"
        return "open"

    def is_open(self, at=None) -> bool:
        return self.phase(at) == "open"

    def days_left(self, at=None) -> int:
        """Whole days until the closing (0 on the last day)."""
        return max(0, (self.closes_at - (at or timezone.now())).days)

    def results_visible(self, at=None) -> bool:
        if self.results_visibility == ResultsVisibility.LIVE:
            return self.phase(at) != "upcoming"
        return self.phase(at) == "closed"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("La clôture doit suivre l'ouverture.")})
        brackets = AgeBracket.values
        if (
            self.min_age_bracket
            and self.max_age_bracket
            and brackets.index(self.max_age_bracket) < brackets.index(self.min_age_bracket)
        ):
            raise ValidationError(
                {"max_age_bracket": _("La tranche maximale doit suivre la tranche minimale.")}
            )

    def get_context(self, request, *args, **kwargs):
        from .views import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(request, self))
        feedback = context.get("feedback")
        context["has_map"] = stream_has_map(self.context) or (
            feedback is not None and stream_has_map(feedback.body)
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import answer_view

            return answer_view(request, self)
        return super().index_route(request, *args, **kwargs)

    @path("resultats/", name="results")
    def results_route(self, request):
        from .views import results_view

        return results_view(request, self)

    @path("ma-reponse/supprimer/", name="response_delete")
    def response_delete_route(self, request):
        from .views import response_delete_view

        return response_delete_view(request, self)

    @path("signaler/<int:answer_id>/", name="answer_flag")
    def answer_flag_route(self, request, answer_id):
        from .views import answer_flag_view

        return answer_flag_view(request, self, answer_id)


class Question(Orderable):
    """A question of a consultation. Options are one per line (choices and rankings)."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Choix unique")
        MULTIPLE = "multiple", _("Choix multiple")
        TEXT = "text", _("Texte libre")
        SCALE = "scale", _("Échelle de 1 à 5")
        RANKING = "ranking", _("Classement")
        YES_NO = "yes_no", _("Oui / non")

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    required = models.BooleanField(_("réponse obligatoire"), default=True)
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("Choix ou classement : une option par ligne."),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("nombre de choix maximum"),
        null=True,
        blank=True,
        help_text=_("Choix multiple : vide = sans limite."),
    )
    scale_min_label = models.CharField(_("libellé de 1"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("libellé de 5"), max_length=60, blank=True)
    publish_text_answers = models.BooleanField(
        _("publier les réponses libres"),
        default=False,
        help_text=_("Texte libre : les réponses sont publiées avec les résultats (modérées)."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("options"),
        FieldPanel("max_choices"),
        FieldPanel("scale_min_label"),
        FieldPanel("scale_max_label"),
        FieldPanel("publish_text_answers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    @property
    def option_list(self) -> list[str]:
        if self.kind == self.Kind.YES_NO:
            return [str(_("Oui")), str(_("Non"))]
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def has_options(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE, self.Kind.RANKING)

    def clean(self):
        super().clean()
        options = self.option_list
        if self.has_options and len(options) < 2:
            raise ValidationError({"options": _("Donnez au moins deux options, une par ligne.")})
        if len(set(options)) != len(options):
            raise ValidationError({"options": _("Deux options portent le même libellé.")})
        if any(len(option) > 200 for option in options):
            raise ValidationError({"options": _("Une option dépasse 200 caractères.")})
        if (
            self.kind == self.Kind.MULTIPLE
            and self.max_choices is not None
            and not 1 <= self.max_choices <= len(options)
        ):
            raise ValidationError(
                {"max_choices": _("Le maximum doit être compris entre 1 et le nombre d'options.")}
            )


class Channel(models.TextChoices):
    WEB = "web", _("En ligne")
    COUNTER = "counter", _("Au guichet")
    PHONE = "phone", _("Par téléphone")
    MAIL = "mail", _("Par courrier")


class Response(models.Model):
    """One person's response to a consultation.

    `user` exists only to enforce one response per person and to let its author see, edit or
    delete it; staff views and exports never show it. District and age bracket are copied at
    answer time so that results do not move when a profile changes.
    """

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_responses",
    )
    channel = models.CharField(_("canal"), max_length=16, choices=Channel.choices)
    district = models.ForeignKey(
        District, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    age_bracket = models.CharField(
        _("tranche d'âge"), max_length=8, choices=AgeBracket.choices, blank=True
    )
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), default=timezone.now)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"],
                condition=Q(user__isnull=False),
                name="consultations_one_response_per_user",
            )
        ]
        indexes = [models.Index(fields=["consultation", "created_at"])]

    def __str__(self):
        return f"{_('Réponse')} {self.pk}"


class Answer(models.Model):
    """One value of a response: a chosen option (one row per option chosen), a ranked
    option (`rank`, 1 = first), a scale value or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=TEXT_ANSWER_MAX, blank=True)
    hidden = models.BooleanField(_("masquée par la modération"), default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses aux questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="consultations_scale_1_to_5",
            )
        ]

    def __str__(self):
        return self.text[:60] or self.choice or str(self.value)


class AnswerFlag(models.Model):
    """A reader's report that a published free-text answer breaks the rules."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "user"], name="consultations_flag_once")
        ]

    def __str__(self):
        return f"{self.answer_id}"


class Feedback(models.Model):
    """ "Ce que nous avons retenu": the city's answer once the consultation is closed."""

    consultation = models.OneToOneField(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    status = models.CharField(_("statut"), max_length=16, choices=FeedbackStatus.choices)
    body = StreamField(ContextBlock(), verbose_name=_("ce que nous avons retenu"))
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now)

    class Meta:
        verbose_name = _("retour de la ville")
        verbose_name_plural = _("retours de la ville")

    def __str__(self):
        return str(self.consultation)


class OpeningAlert(models.Model):
    """A citizen's wish to be told when a consultation opens in their district."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_alert"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id}"


class ConsultationApprovalTask(AbstractGroupApprovalTask):
    """Group approval in which nobody approves their own request.

    Approvers are the task's groups (Administrateurs, set by migration 0002); with
    `CIVIC_CONSULTATION_SECOND_ELU_APPROVAL` on, any other Élu may approve as well.
    """

    def _user_in_groups(self, user):
        if super()._user_in_groups(user):
            return True
        if getattr(settings, "CIVIC_CONSULTATION_SECOND_ELU_APPROVAL", False):
            from civic.accounts.roles import ELECTED

            return user.groups.filter(name=ELECTED).exists()
        return False

    def _is_requester(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._is_requester(obj, user) and not user.is_superuser:
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name == "approve" and not self.get_actions(obj, user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied(_("Vous ne pouvez pas approuver votre propre demande."))
        from .permissions import approving

        token = approving.set((user.pk, obj.pk)) if action_name == "approve" else None
        try:
            return super().on_action(task_state, user, action_name, **kwargs)
        finally:
            if token is not None:
                approving.reset(token)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis approuvent la publication ; personne n'approuve "
            "sa propre demande."
        )

    class Meta:
        verbose_name = _("approbation d'une consultation")
        verbose_name_plural = _("approbations de consultations")
