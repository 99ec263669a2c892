"""The Wagtail user admin (/admin/users/) as Civic's administrators use it (issue #8, point 8).

- a role is changed without inventing a first and last name (both optional, as at signup);
- an administrator corrects a citizen's district and age bracket (the profile's fields,
  recorded in the user's history with their values before and after);
- the "superuser" checkbox says what it is, and only a superuser sees it (an administrator
  cannot make anyone, themself included, a superuser);
- the listing shows which team members protect their account with a second factor.

Wagtail builds this admin from `WagtailUsersAppConfig.user_viewset`; `CivicUsersAppConfig`
(in `civic.accounts.users_app`, listed in INSTALLED_APPS instead of "wagtail.users") points it
to `CivicUserViewSet`.
"""

from django import forms
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_users

from civic.audit import AuditedEditAction, audit_changes, audit_snapshot, edit_action_name

from . import roles
from .models import AgeBracket, District, Profile, User

SUPERUSER_LABEL = _("Super-administrateur technique (tous les droits, sans passer par les groupes)")
SUPERUSER_HELP = _(
    "Réservé à l'équipe technique. Pour un administrateur de la plateforme, cochez plutôt le "
    "rôle « Administrateurs » ci-dessous : ses droits suivent ce rôle."
)
PROFILE_FIELDS = ("district", "age_bracket")


class _OptionalNamesMixin(forms.Form):
    """First and last names are optional: Civic asks only for a public name (pseudonym)."""

    first_name = forms.CharField(label=_("Prénom"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Nom"), required=False, max_length=150)

    def _relabel(self, *, for_user):
        if "groups" in self.fields:
            self.fields["groups"].label = _("Rôles")
            self.fields["groups"].help_text = _(
                "Les droits de la personne sont ceux de ses rôles (voir « Groupes »)."
            )
        if "is_superuser" in self.fields:
            if for_user is None or not for_user.is_superuser:
                del self.fields["is_superuser"]
            else:
                self.fields["is_superuser"].label = SUPERUSER_LABEL
                self.fields["is_superuser"].help_text = SUPERUSER_HELP


class CivicUserCreationForm(_OptionalNamesMixin, UserCreationForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel(for_user=for_user)


class CivicUserEditForm(_OptionalNamesMixin, UserEditForm):
    district = forms.ModelChoiceField(
        label=_("Quartier de résidence"),
        queryset=District.objects.order_by("name"),
        required=False,
        help_text=_("À corriger avec la personne (par exemple au guichet)."),
    )
    age_bracket = forms.ChoiceField(
        label=_("Tranche d'âge"),
        choices=[("", "—"), *AgeBracket.choices],
        required=False,
    )

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel(for_user=for_user)
        profile = Profile.objects.filter(user_id=self.instance.pk).first()
        if profile is not None:
            self.fields["district"].initial = profile.district_id
            self.fields["age_bracket"].initial = profile.age_bracket

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            self.save_profile(user)
        return user

    def save_profile(self, user):
        district = self.cleaned_data.get("district")
        age_bracket = self.cleaned_data.get("age_bracket") or ""
        profile = Profile.objects.select_for_update().filter(user=user).first()
        if profile is None:
            if district is None and not age_bracket:
                return
            profile = Profile(user=user)
        profile.district = district
        profile.age_bracket = age_bracket
        profile.full_clean(exclude=["user"])
        profile.save()


def _user_snapshot(user: User) -> dict:
    """The user's own fields and the profile fields an administrator may correct."""
    state = audit_snapshot(user)
    profile = Profile.objects.select_related("district").filter(user=user).first()
    for name in PROFILE_FIELDS:
        field = Profile._meta.get_field(name)
        if profile is None:
            value = None
        elif name == "district":
            value = str(profile.district) if profile.district else None
        else:
            value = str(profile.get_age_bracket_display()) if profile.age_bracket else None
        state[f"profile.{name}"] = {"label": str(field.verbose_name), "value": value}
    return state


class UserEditAction(AuditedEditAction):
    """A user's edit in the admin, logged with the fields (roles, profile) before and after."""

    def _edit(self, skip_permission_checks=False):
        action = edit_action_name(User)
        if not self.log_action:
            return super()._edit(skip_permission_checks=skip_permission_checks)
        with transaction.atomic():
            stored = User.objects.filter(pk=self.instance.pk).first()
            before = _user_snapshot(stored) if stored is not None else {}
            wagtail_action, self.log_action = self.log_action, None
            try:
                # AuditedEditAction without its own log entry: Wagtail's plain edit.
                instance = super(AuditedEditAction, self)._edit(
                    skip_permission_checks=skip_permission_checks
                )
            finally:
                self.log_action = wagtail_action
            after = _user_snapshot(User.objects.get(pk=instance.pk))
            log(
                instance=instance,
                action=action,
                user=self.user,
                content_changed=self.content_changed,
                data={"changes": audit_changes(before, after)},
            )
        return instance


def _team_filter() -> Q:
    return Q(is_superuser=True) | Q(groups__name__in=roles.ADMIN_ROLES)


class CivicUserIndexView(wagtail_users.IndexView):
    """Wagtail's listing with a "Double authentification" column, computed in the listing's
    own query (no query per row)."""

    def get_base_queryset(self):
        from allauth.mfa.models import Authenticator

        second_factors = Authenticator.objects.filter(
            user=OuterRef("pk"),
            type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN],
        )
        team = User.objects.filter(_team_filter(), pk=OuterRef("pk"))
        return (
            super()
            .get_base_queryset()
            .annotate(civic_has_mfa=Exists(second_factors), civic_is_team=Exists(team))
        )

    @property
    def columns(self):
        columns = list(super().columns)
        for index, column in enumerate(columns):
            if column.name == "is_superuser":
                columns[index] = Column(
                    "is_superuser",
                    accessor=lambda u: _("Super-admin technique") if u.is_superuser else None,
                    label=_("Accès technique"),
                    sort_key="is_superuser",
                    classname="level",
                    width="10%",
                )
        columns.insert(
            len(columns) - 1,
            Column(
                "civic_has_mfa",
                accessor=_mfa_display,
                label=_("Double authentification"),
                sort_key="civic_has_mfa",
                classname="mfa",
                width="12%",
            ),
        )
        return columns


def _mfa_display(user) -> str:
    if not getattr(user, "civic_is_team", False):
        return "—"
    return _("Oui") if user.civic_has_mfa else _("Non")


class CivicUserEditView(wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CivicUserCreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CivicUserViewSet(wagtail_users.UserViewSet):
    index_view_class = CivicUserIndexView
    edit_view_class = CivicUserEditView
    add_view_class = CivicUserCreateView

    def get_form_class(self, for_update=False):
        return CivicUserEditForm if for_update else CivicUserCreationForm
