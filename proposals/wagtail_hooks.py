"""Ideas in the Wagtail admin (themes as snippets, ideas browsable by staff), their audit
actions, and the blocks they add to the home page and the citizen dashboard."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from civic import hooks as civic
from civic.admin_labels import FrenchLabels, FrenchLabelsMixin
from civic.audit import AuditedExportMixin, audited_edit_register, edit_action_register
from civic.exports import FrenchSpreadsheetExportMixin
from civic.notifications.kinds import NotificationKind

from . import demo, selectors
from .admin_views import IdeaAnswerView, IdeaInspectView, IdeaStatusView
from .api import router as ideas_router
from .models import Idea, Theme
from .moderation import IdeaAnswerSource, IdeaModerationSource

# Audit log --------------------------------------------------------------------------------

AUDIT_ACTIONS = [
    ("submit", _("Déposer une idée"), _("Idée déposée")),
    ("author_update", _("Modifier son idée en attente"), _("Idée modifiée par son auteur")),
    ("withdraw", _("Retirer son idée en attente"), _("Idée retirée par son auteur")),
    ("publish", _("Publier une idée"), _("Idée publiée")),
    ("reject", _("Refuser une idée"), _("Idée refusée")),
    ("study", _("Mettre une idée à l'étude"), _("Idée mise à l'étude")),
    ("accept", _("Retenir une idée"), _("Idée retenue")),
    ("not_retain", _("Ne pas retenir une idée"), _("Idée non retenue")),
    ("transfer", _("Transférer une idée au budget participatif"), _("Idée transférée")),
    ("implement", _("Marquer une idée réalisée"), _("Idée réalisée")),
    ("mark_duplicate", _("Marquer une idée comme doublon"), _("Idée fermée comme doublon")),
    ("answer", _("Répondre officiellement à une idée"), _("Réponse officielle publiée")),
]


@hooks.register(civic.AUDIT_ACTIONS)
def register_idea_actions(actions):
    civic.audit_actions_register(actions, "proposals.idea", AUDIT_ACTIONS)


# Admin ------------------------------------------------------------------------------------


class ThemeViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Theme
    french_labels = FrenchLabels(
        add=_("Ajouter un thème"),
        new=_("Nouveau thème"),
        created=_("Thème « %(object)s » créé."),
        updated=_("Thème « %(object)s » enregistré."),
        deleted=_("Thème « %(object)s » supprimé."),
        not_created=_("Le thème n'a pas pu être créé : corrigez les erreurs signalées."),
        not_saved=_("Le thème n'a pas pu être enregistré : corrigez les erreurs signalées."),
    )
    icon = "tag"
    menu_label = _("Thèmes des idées")
    menu_order = 310
    add_to_admin_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]


register_snippet(ThemeViewSet)


class IdeaIndexView(AuditedExportMixin, FrenchSpreadsheetExportMixin, IndexView):
    """The ideas listing; each CSV/XLSX export is logged, with French headings and labels."""


class CitizenTextPanel(FieldPanel):
    """A citizen's own words: editable only with `permission` (administrators correcting an
    obvious slip); everyone else who may edit the idea sees the text read-only, and a value
    they post for it is dropped by the form (Wagtail's field permissions)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is not None and self.bound_field is None:
                self.read_only = True
                self.heading = self.panel.heading or capfirst(self.panel.db_field.verbose_name)
                self.help_text = _(
                    "Le texte d'un citoyen n'est modifié que par son auteur. S'il ne respecte "
                    "pas la charte, refusez l'idée ou masquez-la avec un motif."
                )

        def is_shown(self):
            return self.read_only or super().is_shown()


class IdeaViewSet(FrenchLabelsMixin, ModelViewSet):
    """Every idea, whatever its status, for moderators, officials and staff. Editing is
    limited to filing (theme, district) and, for administrators, correcting the text; status
    changes go through the services (the moderation queue and its actions)."""

    model = Idea
    icon = "pick"
    menu_label = _("Idées")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "idees"
    index_view_class = IdeaIndexView
    # No admin "add" form: ideas come from the public form or, for Agents, the on-behalf form
    # (the services record the author, the channel and the history). Wagtail 8 has no
    # `add_view_enabled`: the URL and the button are removed below.
    french_labels = FrenchLabels(
        add=_("Ajouter une idée"),
        new=_("Nouvelle idée"),
        created=_("Idée « %(object)s » déposée."),
        updated=_("Idée « %(object)s » enregistrée."),
        deleted=_("Idée « %(object)s » supprimée."),
        not_created=_("L'idée n'a pas pu être déposée : corrigez les erreurs signalées."),
        not_saved=_("L'idée n'a pas pu être enregistrée : corrigez les erreurs signalées."),
    )
    inspect_view_enabled = True
    inspect_view_class = IdeaInspectView
    copy_view_enabled = False
    list_display = [
        "title",
        Column("status", label=_("Statut"), accessor="get_status_display"),
        "theme",
        "district",
        Column("channel", label=_("Canal"), accessor="get_channel_display"),
        DateColumn("created_at", label=_("Déposée le")),
    ]
    list_filter = ["status", "theme", "district", "channel"]
    list_export = [
        "pk",
        "title",
        "get_status_display",
        "theme",
        "district",
        "get_channel_display",
        "created_at",
    ]
    export_filename = "idees"
    search_fields = ["title", "body"]
    ordering = ["-created_at"]
    inspect_view_fields = [
        "title",
        "author",
        "submitted_by",
        "body",
        "status",
        "theme",
        "district",
        "latitude",
        "longitude",
        "photo",
        "channel",
        "duplicate_of",
        "transferred_to_url",
        "official_answer",
        "answered_at",
        "created_at",
        "published_at",
    ]
    # Moderators re-file an idea (theme, district); they never rewrite it (DESIGN.md roles).
    panels = [
        CitizenTextPanel("title", permission="proposals.rewrite_idea"),
        CitizenTextPanel("body", permission="proposals.rewrite_idea"),
        FieldPanel("theme"),
        FieldPanel("district"),
    ]

    def get_queryset(self, request):
        return Idea.objects.select_related("theme", "district")

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "add"),
            path("<int:pk>/etape/", IdeaStatusView.as_view(), name="advance"),
            path("<int:pk>/reponse/", IdeaAnswerView.as_view(), name="answer"),
        ]


idea_viewset = IdeaViewSet("ideas")


@hooks.register("register_admin_viewset")
def register_idea_viewset():
    return idea_viewset


class IdeaSearchArea(SearchArea):
    """The admin's search box for staff who see ideas: moderators and agents have no page
    permission, so Wagtail's only area (pages) would send them to "no permission"."""

    def is_shown(self, request):
        return request.user.has_perm("proposals.view_idea")


@hooks.register("register_admin_search_area")
def register_idea_search_area():
    return IdeaSearchArea(
        _("Idées"), reverse("ideas:index"), name="ideas", icon_name="pick", order=150
    )


@hooks.register(civic.MODERATION_SOURCES)
def idea_moderation_sources():
    """Pending ideas, and public ideas awaiting the city's answer, in the moderation queue."""
    return [IdeaModerationSource(), IdeaAnswerSource()]


@hooks.register(civic.NOTIFICATION_KINDS)
def idea_notification_kinds():
    return [
        NotificationKind("idea_received", None),
        NotificationKind("idea_status_changed", "notify_status_changes"),
        NotificationKind("idea_official_answer", "notify_status_changes"),
        NotificationKind("idea_duplicate", "notify_status_changes"),
    ]


@hooks.register(civic.DEMO_SEEDERS, order=30)
def ideas_demo():
    return civic.DemoSeeder("proposals", demo.seed)


@hooks.register(civic.API_ROUTERS, order=30)
def ideas_api():
    return civic.ApiRouter("/ideas", ideas_router, tags=["ideas"])


# Public site: main menu, home page, citizen dashboard ---------------------------------------


@hooks.register(civic.MAIN_MENU_ITEMS)
def ideas_menu_item(request):
    return civic.MenuItem(_("Idées"), reverse("proposals:idea_list"), order=15)


@hooks.register(civic.PRIMARY_ACTIONS)
def ideas_primary_action(request):
    return civic.PrimaryAction(_("Proposer une idée"), reverse("proposals:idea_create"), order=50)


@hooks.register(civic.HOME_SECTIONS)
def home_latest_ideas(request):
    ideas = list(selectors.idea_list_latest(limit=3))
    if not ideas:
        return None
    return civic.Section("proposals/includes/home_latest.html", {"ideas": ideas}, order=30)


@hooks.register(civic.DASHBOARD_SECTIONS)
def dashboard_my_ideas(request):
    ideas = list(selectors.idea_list_by_author(user=request.user))
    return civic.Section("proposals/includes/dashboard_my_ideas.html", {"ideas": ideas}, order=10)


@hooks.register(civic.DASHBOARD_SECTIONS)
def dashboard_my_supports(request):
    ideas = list(selectors.idea_list_supported_by(user=request.user)[:20])
    return civic.Section(
        "proposals/includes/dashboard_my_supports.html", {"ideas": ideas}, order=20
    )


@hooks.register("register_actions")
def register_idea_edit_action(actions):
    """Corrections of an idea in the admin record the fields before and after."""
    audited_edit_register(actions, [Idea])


@hooks.register(civic.AUDIT_ACTIONS)
def register_idea_edit_log_action(actions):
    edit_action_register(actions, Idea, _("Modification d'une idée"), _("Idée modifiée"))


# Site search ------------------------------------------------------------------------------


def _idea_search_hit(idea):
    meta = idea.get_status_display()
    if idea.theme_id:
        meta = f"{meta} · {idea.theme.name}"
    return civic.SearchHit(idea.title, idea.get_absolute_url(), idea.body, meta)


@hooks.register(civic.SEARCH_SOURCES)
def ideas_search_source():
    """Listed ideas in the site search; "voir toutes" opens `/idees/?q=`, same matching."""
    return civic.SearchSource(
        name="idees",
        label=_("Idées"),
        search=lambda query: selectors.idea_search_public(query=query),
        hit=_idea_search_hit,
        more_url=lambda query: f"{reverse('proposals:idea_list')}?{urlencode({'q': query})}",
        order=30,
    )


# Participation analytics ------------------------------------------------------------------


@hooks.register(civic.ANALYTICS_FIGURES)
def ideas_analytics():
    return civic.AnalyticsSource(
        name="ideas",
        label=_("Idées"),
        order=10,
        events=[
            civic.AnalyticsEvents(
                "idea",
                _("Idées"),
                selectors.idea_events,
                user="author_id",
                channel="channel",
                order=10,
            ),
            civic.AnalyticsEvents("support", _("Soutiens"), selectors.support_events, order=20),
        ],
        tables=[
            civic.AnalyticsTable(
                key="status",
                title=_("Idées déposées sur la période, par statut"),
                columns=[("status", _("Statut")), ("ideas", _("Idées"))],
                rows=selectors.idea_counts_by_status,
                panel="ideas",
                public=True,
            ),
            civic.AnalyticsTable(
                key="theme",
                title=_("Idées déposées sur la période, par thème"),
                columns=[("theme", _("Thème")), ("ideas", _("Idées")), ("public", _("Publiées"))],
                rows=selectors.idea_counts_by_theme,
                panel="ideas",
                public=True,
            ),
        ],
        decisions=[
            civic.AnalyticsDecisions(
                _("Idées"),
                selectors.idea_decisions,
                submitted="idea__created_at",
                decided="created_at",
            )
        ],
    )
