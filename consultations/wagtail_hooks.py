"""How consultations join the platform: only through `civic.hooks` (menu, home, dashboard,
moderation, demo, API, audit, notifications, search, page cache) and Wagtail's own admin
hooks (admin pages, the feedback viewset)."""

from django import forms
from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from civic import hooks as civic
from civic.notifications.kinds import NotificationKind
from civic.page_cache.memo import frame_memo

from . import admin_views, api, demo, selectors, services
from .admin_forms import FeedbackForm
from .models import Feedback
from .moderation import AnswerModerationSource


@hooks.register(civic.MAIN_MENU_ITEMS)
def consultations_menu_item(request):
    """The index's address, read once per version of the frame's tables (pages, sites and
    view restrictions among them: `civic.page_cache.memo`)."""

    def read():
        index = selectors.consultation_index_page()
        return (index.get_url(request) if index is not None else None) or ""

    url = frame_memo(request, ("consultations index url", get_language()), read)
    if not url:
        return None
    return civic.MenuItem(_("Consultations"), url, order=18)


@hooks.register(civic.HOME_SECTIONS)
def home_open_consultations(request):
    open_now = list(selectors.consultation_list_open()[:3])
    if not open_now:
        return None
    return civic.Section(
        "consultations/includes/home.html",
        {"items": open_now, "index": selectors.consultation_index()},
        order=25,
    )


@hooks.register(civic.DASHBOARD_SECTIONS)
def dashboard_my_answers(request):
    return civic.Section(
        "consultations/includes/dashboard.html",
        {
            "responses": list(selectors.answers_of(user=request.user)[:20]),
            "alert_on": selectors.opening_alert_on(user=request.user),
            "index": selectors.consultation_index(),
        },
        order=35,
    )


@hooks.register(civic.MODERATION_SOURCES)
def consultation_moderation_sources():
    return [AnswerModerationSource()]


@hooks.register(civic.DEMO_SEEDERS, order=50)  # after accounts (10), pages (20), budget (40)
def consultations_demo():
    return civic.DemoSeeder("consultations", demo.seed)


@hooks.register(civic.API_ROUTERS)
def consultations_api():
    return civic.ApiRouter("/consultations", api.router, tags=["consultations"])


@hooks.register(civic.AUDIT_ACTIONS)
def consultations_audit_actions(actions):
    civic.audit_actions_register(
        actions,
        "consultations.response",
        [
            ("submit", _("Répondre à une consultation"), _("Réponse déposée")),
            ("edit", _("Modifier sa réponse"), _("Réponse modifiée")),
            ("delete", _("Retirer sa réponse"), _("Réponse retirée")),
            ("export", _("Exporter les réponses"), _("Réponses exportées")),
            ("lookup", _("Rechercher un citoyen (saisie papier)"), _("Citoyen recherché")),
        ],
    )
    civic.audit_actions_register(
        actions,
        "consultations.answer",
        [
            ("flag", _("Signaler une réponse libre"), _("Réponse libre signalée")),
            ("hide", _("Masquer une réponse libre"), _("Réponse libre masquée")),
            ("keep", _("Garder une réponse libre"), _("Réponse libre gardée")),
        ],
    )
    civic.audit_actions_register(
        actions,
        "consultations.feedback",
        [
            ("save", _("Enregistrer le retour"), _("Retour enregistré (non publié)")),
            ("publish", _("Publier le retour"), _("« Ce que nous avons retenu » publié")),
        ],
    )
    civic.audit_actions_register(
        actions,
        "consultations.consultation",
        [("announce", _("Annoncer l'ouverture"), _("Ouverture annoncée aux habitants"))],
    )


@hooks.register(civic.NOTIFICATION_KINDS)
def consultations_notification_kinds():
    return [
        NotificationKind("consultation_feedback", "notify_followed"),
        # Sent only to those who asked for it (OpeningAlert): no profile preference on top.
        NotificationKind("consultation_opened", None),
    ]


@hooks.register(civic.SEARCH_SOURCES)
def consultations_search_source():
    def more_url(query):
        index = selectors.consultation_index()
        return f"{index.url}?{urlencode({'q': query})}" if index else ""

    return civic.SearchSource(
        name="consultations",
        label=_("Consultations"),
        search=lambda query: selectors.consultation_search_public(query=query),
        hit=lambda c: civic.SearchHit(c.title, c.url, c.intro),
        more_url=more_url,
        order=40,
    )


@hooks.register(civic.PAGE_CACHE_DEADLINES)
def consultations_next_change(now):
    """A consultation opening or closing changes its page and the lists with no write."""
    return selectors.consultation_next_date(after=now)


# Admin ------------------------------------------------------------------------------------

admin_urlpatterns = [
    path("", admin_views.ConsultationsAdminView.as_view(), name="index"),
    path("<int:pk>/papier/", admin_views.PaperEntryView.as_view(), name="paper_entry"),
    path(
        "<int:pk>/export.<str:file_format>",
        admin_views.ExportView.as_view(),
        name="export",
    ),
]


@hooks.register("register_admin_urls")
def register_consultations_admin_urls():
    return [
        path("consultations/", include((admin_urlpatterns, "consultations_admin"))),
    ]


class ConsultationsAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views._can_see(request.user)


@hooks.register("register_admin_menu_item")
def register_consultations_admin_menu():
    return ConsultationsAdminMenuItem(
        _("Réponses aux consultations"),
        reverse("consultations_admin:index"),
        icon_name="form",
        order=310,
    )


class _FeedbackSaveMixin:
    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.feedback_save(
            actor=self.request.user,
            feedback=instance,
            publish=self.form.cleaned_data.get("publish", False),
        )


class FeedbackCreateView(_FeedbackSaveMixin, CreateView):
    pass


class FeedbackEditView(_FeedbackSaveMixin, EditView):
    pass


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "openquote"
    menu_label = _("Ce que nous avons retenu")
    menu_order = 311
    add_to_admin_menu = True
    add_view_class = FeedbackCreateView
    edit_view_class = FeedbackEditView
    list_display = ["consultation", "status", "published_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("consultation", widget=forms.Select),
            FieldPanel("status"),
            FieldPanel("body"),
            FieldPanel("publish"),
        ],
        base_form_class=FeedbackForm,
    )


feedback_viewset = FeedbackViewSet("consultation_feedback")


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


@hooks.register(civic.ANALYTICS_FIGURES)
def consultations_analytics():
    return civic.AnalyticsSource(
        name="consultations",
        label=_("Consultations"),
        order=30,
        events=[
            civic.AnalyticsEvents(
                "consultation_response",
                _("Réponses aux consultations"),
                selectors.responses_submitted,
                user="user_id",
                moment="created_at",
                channel="channel",
                order=60,
            )
        ],
        tables=[
            civic.AnalyticsTable(
                key="consultation_completion",
                title=_("Réponses et taux de complétion par consultation"),
                columns=[
                    ("consultation", _("Consultation")),
                    ("responses", _("Réponses")),
                    ("completed", _("Réponses complètes")),
                    ("completion", _("Complétion (%)")),
                ],
                rows=selectors.analytics_completion,
                people=("responses", "completed"),
                derived=("completion",),
                panel="consultations",
            )
        ],
    )
