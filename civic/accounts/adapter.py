"""How allauth behaves for Civic: where people land, and in which language we write to them."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation

from .models import Profile


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Without a `next` page, people land on their dashboard."""
        return reverse("accounts:dashboard")

    def get_signup_redirect_url(self, request):
        """A new citizen lands on their dashboard once their address is confirmed."""
        return reverse("accounts:dashboard")

    def send_mail(self, template_prefix, email, context):
        """Write to the citizen in the language of their profile (the request's otherwise)."""
        with translation.override(self._recipient_language(email, context)):
            super().send_mail(template_prefix, email, context)

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
