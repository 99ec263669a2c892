"""How allauth behaves for Civic: where people land, and how and in which language we write."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import translation

from civic.identity import site_domain, site_identity

from .models import Profile


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Without a `next` page, people land on their dashboard."""
        return reverse("accounts:dashboard")

    def get_signup_redirect_url(self, request):
        """A new citizen lands on their dashboard once their address is confirmed."""
        return reverse("accounts:dashboard")

    def send_mail(self, template_prefix, email, context):
        """Write as the city (its name, its sender), in the citizen's language.

        allauth's templates name `current_site`: it is the city and its public domain here,
        never the sites framework's placeholder.
        """
        identity = site_identity(allauth_context.request)
        context = {
            **context,
            "current_site": Site(domain=site_domain(), name=identity.name),
            "site_name": identity.name,
        }
        with translation.override(self._recipient_language(email, context)):
            super().send_mail(template_prefix, email, context)

    def get_from_email(self):
        return site_identity(allauth_context.request).from_email

    def format_email_subject(self, subject):
        return site_identity(allauth_context.request).email_subject(subject)

    @staticmethod
    def _recipient_language(email: str, context: dict) -> str:
        user = context.get("user")
        profile = (
            Profile.objects.filter(user=user).first()
            if getattr(user, "pk", None)
            else Profile.objects.filter(user__email__iexact=email).first()
        )
        if profile is not None:
            return profile.language
        return translation.get_language() or "fr"
