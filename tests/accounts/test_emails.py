"""Emails go out in the citizen's language; FranceConnect signups also choose a pseudonym."""

import pytest
from allauth.socialaccount.forms import SignupForm as SocialSignupForm
from django.core import mail
from django.urls import reverse

from civic.accounts.models import Language


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [(Language.FRENCH, "mot de passe"), (Language.ENGLISH, "Password")]
)
def test_password_reset_email_is_in_the_profile_language(client, citizen, language, expected):
    citizen.profile.language = language
    citizen.profile.save()
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert len(mail.outbox) == 1
    assert expected.lower() in mail.outbox[0].subject.lower()


def test_franceconnect_signup_asks_for_the_public_name_too():
    assert {"display_name", "district", "age_bracket"} <= set(SocialSignupForm.base_fields)
