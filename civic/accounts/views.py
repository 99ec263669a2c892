"""The citizen's own space (/mon-espace/) and the login page in front of the Wagtail admin."""

from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, LoginStageController
from allauth.account.views import EmailVerificationSentView as AllauthEmailVerificationSentView
from allauth.account.views import LoginView as AllauthLoginView
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from civic.hooks import DASHBOARD_SECTIONS, sections_collect

from . import selectors, services
from .forms import ProfileForm


class DashboardView(LoginRequiredMixin, TemplateView):
    """The citizen's dashboard: their profile, then what each module has for them."""

    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            profile=services.profile_get_or_create(user=user),
            sections=sections_collect(DASHBOARD_SECTIONS, self.request),
            can_access_admin=selectors.user_can_access_admin(user),
            is_privileged=selectors.user_is_privileged(user),
            has_totp=selectors.user_has_totp(user),
            **kwargs,
        )


class ProfileEditView(LoginRequiredMixin, FormView):
    """Change the public name, district, age bracket, language and notification choices."""

    template_name = "accounts/profile_form.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:dashboard")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = services.profile_get_or_create(user=self.request.user)
        return kwargs

    def form_valid(self, form):
        services.profile_update(
            actor=self.request.user,
            profile=form.instance,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        messages.success(self.request, _("Votre profil est enregistré."))
        return redirect(self.get_success_url())


class LoginView(AllauthLoginView):
    """allauth's login, plus a clear answer for signed-in people sent here by the admin.

    Wagtail sends a signed-in user who may not use the admin back to the login page with
    `?next=/admin/`; allauth would bounce them back to the admin, forever. They get an
    explanation instead.
    """

    def dispatch(self, request, *args, **kwargs):
        next_url = request.GET.get("next", "")
        if (
            request.user.is_authenticated
            and next_url.startswith(reverse("wagtailadmin_home"))
            and not selectors.user_can_access_admin(request.user)
        ):
            return render(request, "accounts/admin_access_refused.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class EmailVerificationSentView(AllauthEmailVerificationSentView):
    """ "Confirm your address": why this account cannot sign in yet, and a way to resend.

    allauth sends here whoever signs up or tries to sign in with an unconfirmed address
    (mandatory verification), keeping that pending sign-in in the session. The page names
    the address and says why; its button resends the confirmation email to that address
    only (the session's pending sign-in, never an address typed here), within allauth's
    `confirm_email` rate limit (one email per address every few minutes).
    """

    def _pending_address(self) -> EmailAddress | None:
        stage = LoginStageController.enter(self.request, EmailVerificationStage.key)
        if stage is None or stage.login.user is None:
            return None
        addresses = EmailAddress.objects.filter(user=stage.login.user).order_by("-primary")
        if stage.login.email:
            addresses = addresses.filter(email__iexact=stage.login.email)
        self.after_login = not stage.login.signup
        return addresses.first()

    def get_context_data(self, **kwargs):
        address = self._pending_address()
        return super().get_context_data(
            pending_address=address,
            after_login=getattr(self, "after_login", False),
            expire_days=allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        address = self._pending_address()
        if address is None:
            messages.info(
                request,
                _(
                    "Connectez-vous avec votre adresse et votre mot de passe : nous vous "
                    "enverrons un nouvel e-mail de confirmation."
                ),
            )
            return redirect("account_login")
        if address.verified:
            messages.success(request, _("Votre adresse est déjà confirmée : connectez-vous."))
            return redirect("account_login")
        if not send_verification_email_to_address(request, address):
            messages.warning(
                request,
                _(
                    "Un e-mail de confirmation vient déjà de partir vers cette adresse. "
                    "Patientez quelques minutes avant d'en demander un autre, et regardez "
                    "dans vos courriers indésirables."
                ),
            )
        return redirect("account_email_verification_sent")
