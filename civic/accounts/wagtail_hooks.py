"""Accounts in the Wagtail admin: districts, the strong-authentication notice, audit actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from civic import hooks as civic
from civic.admin_labels import FrenchLabels, FrenchLabelsMixin
from civic.audit import EXPORT_ACTION, edit_action_register

from . import demo, selectors
from .models import AgeBracket, District, User


class DistrictForm(WagtailAdminModelForm):
    """Checks the age pyramid against the population before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("age_brackets")
        if formset is None or not formset.is_valid():
            return cleaned_data
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        brackets = [row["bracket"] for row in rows]
        duplicates = sorted({b for b in brackets if brackets.count(b) > 1})
        if duplicates:
            labels = ", ".join(str(AgeBracket(b).label) for b in duplicates)
            self.add_error(
                None,
                _("Chaque tranche d'âge ne peut figurer qu'une fois (en double : %(labels)s).")
                % {"labels": labels},
            )
        population = cleaned_data.get("population")
        if population is not None:
            error = District(population=population).pyramid_error(
                [row["population"] for row in rows]
            )
            if error:
                self.add_error("population", error)
        return cleaned_data


class DistrictViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = District
    french_labels = FrenchLabels(
        add=_("Ajouter un quartier"),
        new=_("Nouveau quartier"),
        created=_("Quartier « %(object)s » créé."),
        updated=_("Quartier « %(object)s » enregistré."),
        deleted=_("Quartier « %(object)s » supprimé."),
        not_created=_("Le quartier n'a pas pu être créé : corrigez les erreurs signalées."),
        not_saved=_("Le quartier n'a pas pu être enregistré : corrigez les erreurs signalées."),
    )
    icon = "site"
    menu_label = _("Quartiers")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "population"]
    search_fields = ["name"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel(
                "population",
                help_text=_("Doit être égale à la somme des tranches d'âge ci-dessous."),
            ),
            FieldPanel("description"),
            InlinePanel(
                "age_brackets",
                heading=_("Pyramide des âges"),
                label=_("Tranche d'âge"),
                panels=[FieldPanel("bracket"), FieldPanel("population")],
                max_num=len(AgeBracket.choices),
            ),
        ],
        base_form_class=DistrictForm,
    )


register_snippet(DistrictViewSet)


class StrongAuthenticationPanel(Component):
    """Dashboard notice for admin users whose account is protected by a password only."""

    order = 10
    template_name = "accounts/admin/strong_authentication_panel.html"

    def __init__(self, mfa_url: str):
        self.mfa_url = mfa_url

    def get_context_data(self, parent_context):
        return {"mfa_url": self.mfa_url}


@hooks.register("construct_homepage_panels")
def add_strong_authentication_notice(request, panels):
    if selectors.user_is_privileged(request.user) and not selectors.user_has_totp(request.user):
        panels.append(StrongAuthenticationPanel(mfa_url=reverse("mfa_index")))


@hooks.register(civic.AUDIT_ACTIONS)
def register_account_actions(actions):
    actions.register_action(
        "accounts.profile.create", _("Création d'un profil"), _("Profil créé à l'inscription")
    )
    actions.register_action(
        "accounts.profile.update", _("Modification d'un profil"), _("Profil modifié")
    )
    actions.register_action(
        "accounts.district.create", _("Création d'un quartier"), _("Quartier créé")
    )
    actions.register_action(
        "accounts.district.update", _("Modification d'un quartier"), _("Quartier modifié")
    )
    actions.register_action(
        "accounts.profile.assisted_create",
        _("Inscription au guichet"),
        _("Habitant inscrit au guichet (sans adresse e-mail)"),
    )
    actions.register_action(
        "accounts.profile.assisted_update",
        _("Profil complété au guichet"),
        _("Quartier ou tranche d'âge complété au guichet"),
    )
    edit_action_register(
        actions, User, _("Modification d'un utilisateur (rôles)"), _("Utilisateur modifié")
    )
    civic.audit_actions_register(
        actions,
        "accounts.user",
        [
            ("login", _("Connexion"), _("Connexion réussie")),
            ("login_failed", _("Échec de connexion"), _("Échec de connexion")),
            (
                "mfa_add",
                _("Ajout d'une authentification forte"),
                _("Authentification forte ajoutée"),
            ),
            (
                "mfa_remove",
                _("Retrait d'une authentification forte"),
                _("Authentification forte retirée"),
            ),
        ],
    )
    actions.register_action(EXPORT_ACTION)(ExportLogFormatter)


class ExportLogFormatter(LogFormatter):
    label = _("Export de données")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Export %(format)s : %(what)s") % {
            "format": str(data.get("format", "")).upper(),
            "what": _export_label(data.get("export", "")),
        }


def _export_label(what: str) -> str:
    from django.apps import apps

    try:
        return str(apps.get_model(what)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return what


@hooks.register("register_actions")
def register_user_edit_action(actions):
    """Role changes (groups), profile corrections (district, age bracket) and other edits of a
    user record the fields before and after."""
    from .admin_forms import UserEditAction

    actions.register(User, UserEditAction)


@hooks.register(civic.DEMO_SEEDERS, order=10)
def accounts_demo():
    """Districts and the demo accounts first: every other part of the demo needs them."""
    return civic.DemoSeeder("accounts", demo.seed)


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    """The public-name search of the people picker, under /admin/comptes/."""
    from django.urls import include, path

    from . import widgets

    return [path("comptes/", include((widgets.admin_urlpatterns, "accounts_admin")))]


@hooks.register("construct_reports_menu")
def relabel_site_history(request, menu_items):
    """Wagtail's French menu says "Historique du Site"."""
    for item in menu_items:
        if item.name == "site-history":
            item.label = _("Historique du site")
