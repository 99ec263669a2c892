"""The participatory budget in the Wagtail admin: campaigns (with envelopes), projects and
their review, and the audit actions of every budget service."""

from django import forms
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import BaseButton, HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from civic import formats
from civic import hooks as civic
from civic.accounts.widgets import PseudonymAutocomplete
from civic.admin_labels import FrenchLabels, FrenchLabelsMixin
from civic.audit import audited_edit_register, edit_action_register
from civic.notifications.kinds import NotificationKind

from . import admin_ballot, admin_views, demo, fairness, kiosk_views, selectors, services
from .admin_ballot import ProjectReviewView
from .admin_bulk_actions import PutOnBallotBulkAction, WithdrawFromBallotBulkAction
from .admin_views import CampaignForm, ProjectForm, ProjectReviewForm
from .api import router as budget_router
from .models import Campaign, Project
from .moderation import ProjectReviewSource


class EurosColumn(Column):
    """An amount in euros, grouped as the language writes it ("850 000 €")."""

    def get_value(self, instance):
        return formats.euros(super().get_value(instance))


class AmountColumnsMixin:
    """List columns named in `amount_fields` show euros, not a raw integer."""

    amount_fields: tuple[str, ...] = ()

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if field_name in self.amount_fields and column_class is Column:
            column_class = EurosColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)


def _correction_button(user, url_name: str, instance, campaign, cls=MenuItem):
    """ "Corriger pendant le vote", for administrators once the vote has opened."""
    if not (user.has_perm(services.CORRECT_PERMISSION) and services.vote_has_opened(campaign)):
        return []
    url = reverse(f"budget_admin:{url_name}", args=[instance.pk])
    return [cls(_("Corriger pendant le vote"), url=url, icon_name="warning", priority=30)]


class EnvelopesPanel(InlinePanel):
    """The campaign's envelopes; once the vote has opened, shown read-only (no add or delete
    buttons, disabled fields: see `CampaignForm`)."""

    class BoundPanel(InlinePanel.BoundPanel):
        @property
        def template_name(self):
            if getattr(self.form, "vote_frozen", False):
                return "budget/admin/envelopes_frozen.html"
            return "wagtailadmin/panels/inline_panel.html"


class CampaignEditView(EditView):
    @cached_property
    def header_buttons(self):
        user, campaign = self.request.user, self.object
        return _correction_button(user, "campaign_correct", campaign, campaign, HeaderButton)


class ProjectEditView(EditView):
    @cached_property
    def header_buttons(self):
        user, project = self.request.user, self.object
        return [
            *admin_ballot.ballot_buttons(user, project, cls=HeaderButton),
            *_correction_button(user, "project_correct", project, project.campaign, HeaderButton),
        ]


class CampaignIndexView(AmountColumnsMixin, IndexView):
    """Each campaign's row links to its counter, import and results pages; the counter, used
    every day of the vote, is a visible button of its row."""

    amount_fields = ("total_amount",)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if user.has_perm("budget.record_paper_ballot"):
            buttons.append(
                BaseButton(
                    _("Guichet"),
                    url=reverse("budget_admin:paper_ballot", args=[instance.pk]),
                    icon_name="form",
                    classname="button button-small button-secondary",
                    attrs={"aria-label": _("Guichet (bulletins papier) : %s") % instance},
                    priority=5,
                )
            )
        buttons += _correction_button(user, "campaign_correct", instance, instance)
        for label, url_name, icon, permission in [
            (
                _("Importer des bulletins papier"),
                "paper_import",
                "upload",
                "budget.record_paper_ballot",
            ),
            (_("Résultats"), "results", "table", "budget.preview_results"),
        ]:
            if user.has_perm(permission):
                buttons.append(
                    MenuItem(
                        label,
                        url=reverse(f"budget_admin:{url_name}", args=[instance.pk]),
                        icon_name=icon,
                        priority=20,
                    )
                )
        return buttons


class CampaignViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Campaign
    icon = "calendar-alt"
    index_view_class = CampaignIndexView
    edit_view_class = CampaignEditView
    menu_label = _("Campagnes")
    french_labels = FrenchLabels(
        add=_("Ajouter une campagne"),
        new=_("Nouvelle campagne"),
        created=_("Campagne « %(object)s » créée."),
        updated=_("Campagne « %(object)s » enregistrée."),
        deleted=_("Campagne « %(object)s » supprimée."),
        not_created=_("La campagne n'a pas pu être créée : corrigez les erreurs signalées."),
        not_saved=_("La campagne n'a pas pu être enregistrée : corrigez les erreurs signalées."),
    )
    list_display = ["title", "vote_start", "vote_end", "total_amount"]
    search_fields = ["title"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("total_amount"),
            EnvelopesPanel(
                "envelopes",
                heading=_("Enveloppes"),
                label=_("Enveloppe"),
                panels=[FieldPanel("district"), FieldPanel("amount")],
                min_num=1,
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("submission_start"), FieldPanel("submission_end")]),
                    FieldPanel("review_end"),
                    FieldRowPanel([FieldPanel("vote_start"), FieldPanel("vote_end")]),
                    FieldRowPanel([FieldPanel("results_date"), FieldPanel("followup_start")]),
                ],
                heading=_("Calendrier"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("min_age_bracket"),
                    FieldPanel("requires_district"),
                    FieldPanel("requires_verified_account"),
                ],
                heading=_("Qui peut voter"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("vote_rule"),
                    FieldRowPanel([FieldPanel("min_choices"), FieldPanel("max_choices")]),
                    FieldPanel("tally_rule"),
                    FieldPanel("tally_threshold"),
                    FieldPanel("equal_shares_completion", widget=forms.RadioSelect),
                    FieldPanel("greedy_completion"),
                ],
                heading=_("Règles du vote et du dépouillement"),
            ),
        ],
        base_form_class=CampaignForm,
    )


class ProjectIndexView(AmountColumnsMixin, IndexView):
    review_url_name = None
    amount_fields = ("estimated_cost", "validated_cost")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("budget.review_project"):
            buttons.append(
                MenuItem(
                    _("Instruire"),
                    url=reverse(self.review_url_name, args=[instance.pk]),
                    icon_name="tasks",
                    priority=15,
                )
            )
        # Inline on the row (a ListingButton is never folded into the "more" menu).
        buttons += admin_ballot.ballot_buttons(
            self.request.user, instance, cls=ListingButton, classname="budget-row-action"
        )
        buttons += _correction_button(
            self.request.user, "project_correct", instance, instance.campaign
        )
        if instance.status == Project.Status.SELECTED and self.request.user.has_perm(
            "budget.update_project_followup"
        ):
            buttons.append(
                MenuItem(
                    _("Suivi et étapes"),
                    url=reverse("budget_admin:followup", args=[instance.pk]),
                    icon_name="date",
                    priority=16,
                )
            )
        return buttons


class ProjectViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Project
    icon = "tasks"
    menu_label = _("Projets")
    french_labels = FrenchLabels(
        add=_("Ajouter un projet"),
        new=_("Nouveau projet"),
        created=_("Projet « %(object)s » créé."),
        updated=_("Projet « %(object)s » enregistré."),
        deleted=_("Projet « %(object)s » supprimé."),
        not_created=_("Le projet n'a pas pu être créé : corrigez les erreurs signalées."),
        not_saved=_("Le projet n'a pas pu être enregistré : corrigez les erreurs signalées."),
    )
    index_view_class = ProjectIndexView
    edit_view_class = ProjectEditView
    list_display = ["title", "campaign", "envelope", "status", "estimated_cost", "validated_cost"]
    list_filter = ["campaign", "status", "envelope", "followup_status"]
    search_fields = ["title", "summary"]
    copy_view_enabled = False
    # What staff may correct directly; statuses change only through the services.
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldPanel("envelope"),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            FieldPanel("estimated_cost"),
            FieldPanel("authors", widget=PseudonymAutocomplete),  # no list of every email
        ],
        base_form_class=ProjectForm,
    )

    def get_queryset(self, request):
        # Each row shows its campaign and envelope and asks the campaign for its ballot actions.
        return Project.objects.select_related("campaign", "envelope__district")

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(review_url_name=self.get_url_name("review"), **kwargs)

    @property
    def review_view(self):
        return self.construct_view(
            ProjectReviewView,
            panel=ObjectList(
                [
                    FieldPanel("decision"),
                    FieldPanel("feasibility"),
                    FieldPanel("validated_cost"),
                    FieldPanel("public_note"),
                    FieldPanel("internal_note"),
                ]
            ).bind_to_model(Project),
            form_class=ProjectReviewForm,
            edit_url_name=self.get_url_name("review"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<str:pk>/", self.review_view, name="review"),
        ]


class BudgetViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Budget participatif")
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (CampaignViewSet, ProjectViewSet)


register_snippet(BudgetViewSetGroup)

admin_urlpatterns = [
    path("campagnes/<int:pk>/guichet/", admin_views.PaperBallotView.as_view(), name="paper_ballot"),
    path("campagnes/<int:pk>/isoloir/", kiosk_views.KioskBallotView.as_view(), name="kiosk"),
    path(
        "campagnes/<int:pk>/import-papier/",
        admin_views.PaperImportView.as_view(),
        name="paper_import",
    ),
    path("campagnes/<int:pk>/resultats/", admin_views.ResultsAdminView.as_view(), name="results"),
    path(
        "campagnes/<int:pk>/resultats/publier/",
        admin_views.ResultsPublishView.as_view(),
        name="results_publish",
    ),
    path(
        "campagnes/<int:pk>/resultats/retirer/",
        admin_views.ResultsWithdrawView.as_view(),
        name="results_withdraw",
    ),
    path("projets/<int:pk>/suivi/", admin_views.FollowUpView.as_view(), name="followup"),
    path(
        "projets/<int:pk>/mettre-au-vote/",
        admin_ballot.ProjectPutOnBallotView.as_view(),
        name="project_put_on_ballot",
    ),
    path(
        "projets/<int:pk>/retirer-du-bulletin/",
        admin_ballot.ProjectWithdrawFromBallotView.as_view(),
        name="project_withdraw_from_ballot",
    ),
    path(
        "projets/<int:pk>/corriger/",
        admin_ballot.ProjectCorrectView.as_view(),
        name="project_correct",
    ),
    path(
        "campagnes/<int:pk>/corriger/",
        admin_ballot.CampaignCorrectView.as_view(),
        name="campaign_correct",
    ),
]

hooks.register("register_bulk_action", PutOnBallotBulkAction)
hooks.register("register_bulk_action", WithdrawFromBallotBulkAction)


@hooks.register("register_admin_urls")
def register_budget_admin_urls():
    """The counter, counting and follow-up pages, under /admin/budget/."""
    return [path("budget/", include((admin_urlpatterns, "budget_admin")))]


@hooks.register("insert_global_admin_css")
def budget_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/budget-admin.css"))


@hooks.register(civic.MODERATION_SOURCES)
def budget_moderation_sources():
    """Submitted projects awaiting a first look by staff, in the moderation queue."""
    return ProjectReviewSource()


@hooks.register(civic.AUDIT_ACTIONS)
def register_budget_actions(actions):
    for name, label, message in [
        ("budget.project.submit", _("Dépôt d'un projet"), _("Projet déposé")),
        ("budget.project.photo_add", _("Photo d'un projet"), _("Photo ajoutée au projet")),
        ("budget.project.review", _("Instruction d'un projet"), _("Projet instruit")),
        (
            "budget.project.put_on_ballot",
            _("Projet soumis au vote"),
            _("Projet ajouté au bulletin"),
        ),
        (
            "budget.project.withdraw_from_ballot",
            _("Projet retiré du vote"),
            _("Projet retiré du bulletin"),
        ),
        (
            "budget.project.correct",
            _("Correction d'un projet pendant le vote"),
            _("Projet corrigé pendant le vote"),
        ),
        (
            "budget.campaign.correct",
            _("Correction d'une campagne pendant le vote"),
            _("Campagne corrigée pendant le vote"),
        ),
        (
            "budget.project.transfer_from_idea",
            _("Idée transférée en projet"),
            _("Projet créé à partir d'une idée"),
        ),
        (
            "budget.project.followup_update",
            _("Suivi d'un projet lauréat"),
            _("Avancement du projet mis à jour"),
        ),
        ("budget.project.milestone_add", _("Étape d'un projet"), _("Étape ajoutée")),
        (
            "budget.campaign.update",
            _("Modification d'une campagne"),
            _("Réglages de la campagne modifiés"),
        ),
        ("budget.voterrecord.cast", _("Vote"), _("Vote enregistré (émargement)")),
        (
            "budget.campaign.paper_import",
            _("Import de bulletins papier"),
            _("Bulletins papier importés"),
        ),
        (
            "budget.campaign.results_preview",
            _("Aperçu des résultats"),
            _("Résultats calculés (aperçu)"),
        ),
        ("budget.campaign.results_publish", _("Publication des résultats"), _("Résultats publiés")),
        ("budget.campaign.results_withdraw", _("Retrait des résultats"), _("Résultats retirés")),
        (
            "budget.campaign.pabulib_import",
            _("Import d'un fichier Pabulib"),
            _("Campagne importée d'un fichier Pabulib"),
        ),
    ]:
        actions.register_action(name, label, message)


@hooks.register(civic.NOTIFICATION_KINDS)
def budget_notification_kinds():
    return [NotificationKind("project_review_decision", "notify_status_changes")]


@hooks.register(civic.DEMO_SEEDERS, order=40)
def budget_demo():
    return civic.DemoSeeder("budget", demo.seed)


@hooks.register(civic.API_ROUTERS, order=40)
def budget_api():
    return civic.ApiRouter("/campaigns", budget_router, tags=["budget"])


# Public site: main menu, home page, citizen dashboard ---------------------------------------


@hooks.register(civic.MAIN_MENU_ITEMS)
def budget_menu_item(request):
    return civic.MenuItem(_("Budget participatif"), reverse("budget:campaign_list"), order=17)


@hooks.register(civic.HOME_SECTIONS)
def home_current_campaign(request):
    campaign = selectors.campaign_for_home()
    if campaign is None:
        return None
    return civic.Section(
        template="budget/includes/home_current.html",
        context={"campaign": campaign, "phase": campaign.current_phase()},
        order=20,
    )


@hooks.register(civic.PRIMARY_ACTIONS)
def home_primary_action(request):
    campaign = selectors.campaign_for_home()
    if campaign is None:
        return None
    phase = campaign.current_phase()
    if phase == campaign.Phase.VOTE:
        title = _("Voter : %(campaign)s") % {"campaign": campaign.title}
        return civic.PrimaryAction(title, reverse("budget:ballot", args=[campaign.slug]), 10)
    if phase == campaign.Phase.SUBMISSION:
        title = _("Proposer un projet : %(campaign)s") % {"campaign": campaign.title}
        return civic.PrimaryAction(
            title, reverse("budget:project_submit", args=[campaign.slug]), 30
        )
    return None


@hooks.register(civic.DASHBOARD_SECTIONS)
def dashboard_my_projects(request):
    projects = list(selectors.projects_of(user=request.user)[:50])
    if not projects:
        return None
    return civic.Section(
        template="budget/includes/dashboard_projects.html",
        context={"projects": projects},
        order=25,
    )


@hooks.register(civic.DASHBOARD_SECTIONS)
def dashboard_my_votes(request):
    return civic.Section(
        template="budget/includes/dashboard_votes.html",
        context={"records": list(selectors.voter_records_of(user=request.user)[:20])},
        order=30,
    )


@hooks.register("register_actions")
def register_budget_edit_actions(actions):
    """Edits of a campaign or a project in the admin record the fields before and after."""
    audited_edit_register(actions, [Campaign, Project])


@hooks.register(civic.AUDIT_ACTIONS)
def register_budget_edit_log_actions(actions):
    edit_action_register(
        actions, Campaign, _("Modification d'une campagne (admin)"), _("Campagne modifiée")
    )
    edit_action_register(actions, Project, _("Modification d'un projet"), _("Projet modifié"))
    civic.audit_actions_register(
        actions,
        "budget.campaign",
        [
            (
                "counter_lookup",
                _("Recherche d'un votant au guichet"),
                _("Votant recherché au guichet"),
            ),
            (
                "counter_identity_check",
                _("Vérification d'identité au guichet"),
                _("Identité d'un votant attestée au guichet"),
            ),
            (
                "kiosk_open",
                _("Ouverture de l'isoloir au guichet"),
                _("Isoloir ouvert pour un votant"),
            ),
            (
                "ballots_download",
                _("Téléchargement des bulletins"),
                _("Bulletins anonymes téléchargés"),
            ),
        ],
    )


# Site search ------------------------------------------------------------------------------


def _project_search_hit(project):
    meta = f"{project.get_status_display()} · {project.campaign.title}"
    return civic.SearchHit(project.title, project.get_absolute_url(), project.summary, meta)


@hooks.register(civic.SEARCH_SOURCES)
def projects_search_source():
    """Projects citizens may see, in the site search (no listing across campaigns filters by
    text: the search page itself lists them all)."""
    return civic.SearchSource(
        name="projets",
        label=_("Projets du budget participatif"),
        search=lambda query: selectors.project_search_public(query=query),
        hit=_project_search_hit,
        order=40,
    )


@hooks.register(civic.PAGE_CACHE_DEADLINES)
def budget_next_phase_change(now):
    return selectors.campaign_next_date(after=now)


# Participation analytics ------------------------------------------------------------------


def _campaign_tables(campaign):
    """The dashboard's tables of one campaign: live turnout by district and channel, projects
    by status. Rows are computed for the campaign, whatever the period."""
    name = campaign.title
    return [
        civic.AnalyticsTable(
            key=f"turnout-{campaign.pk}",
            title=_("%(campaign)s : participation au vote par quartier") % {"campaign": name},
            columns=[
                ("district", _("Quartier")),
                ("voters", _("Votants")),
                ("population", _("Population")),
                ("percent", _("Participation (% de la population)")),
            ],
            rows=lambda since, until: selectors.campaign_turnout_rows(campaign),
            people=("voters",),
            derived=("percent",),
            panel="budget",
            public=True,
        ),
        civic.AnalyticsTable(
            key=f"channels-{campaign.pk}",
            title=_("%(campaign)s : votants par canal") % {"campaign": name},
            columns=[("channel", _("Canal")), ("voters", _("Votants"))],
            rows=lambda since, until: selectors.campaign_channel_rows(campaign),
            people=("voters",),
            panel="budget",
        ),
        civic.AnalyticsTable(
            key=f"projects-{campaign.pk}",
            title=_("%(campaign)s : projets par statut") % {"campaign": name},
            columns=[("status", _("Statut")), ("projects", _("Projets"))],
            rows=lambda since, until: selectors.campaign_project_status_rows(campaign),
            panel="budget",
        ),
    ]


def _fairness_tables():
    """The fairness of the latest published outcome (rule used and alternatives)."""
    result = selectors.result_latest_published()
    if result is None:
        return []
    specs = fairness.fairness_tables(result.campaign, result.data)
    return [
        civic.AnalyticsTable(
            key=spec["key"],
            title=spec["title"],
            columns=spec["columns"],
            rows=lambda since, until, rows=spec["rows"]: rows,
            people=tuple(spec["people"]),
            derived=tuple(spec["derived"]),
            chart="",
            panel="budget",
            order=200,
        )
        for spec in specs
    ]


def _campaigns_tables(since, until):
    """Per campaign whose vote overlaps the period, its tables; then the fairness of the
    latest published outcome."""
    return [
        table
        for campaign in selectors.campaigns_for_analytics(since, until)
        for table in _campaign_tables(campaign)
    ] + _fairness_tables()


@hooks.register(civic.ANALYTICS_FIGURES)
def budget_analytics():
    return civic.AnalyticsSource(
        name="budget",
        label=_("Budget participatif"),
        order=20,
        events=[
            civic.AnalyticsEvents(
                "project",
                _("Projets déposés"),
                selectors.project_submission_events,
                moment="project__created_at",
                order=40,
            ),
            civic.AnalyticsEvents(
                "ballot",
                _("Votes"),
                selectors.voter_record_events,
                moment="cast_at",
                channel="channel",
                order=50,
            ),
        ],
        tables=_campaigns_tables,
    )
