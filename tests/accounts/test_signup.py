"""Signup → verification email → confirmation → logged in with a profile, as a citizen."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from civic.accounts import roles
from civic.accounts.models import AgeBracket, Profile, User
from tests.factories import DistrictFactory

PASSWORD = "un-mot-de-passe-solide-42"


def _signup_data(**overrides):
    data = {
        "email": "Jeanne.Martin@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Jeanne du Port",
        "district": "",
        "age_bracket": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signup_verification_then_login_creates_a_citizen_profile(client):
    district = DistrictFactory(name="Le Port")
    response = client.post(
        reverse("account_signup"),
        _signup_data(district=district.pk, age_bracket=AgeBracket.FROM_30_TO_44),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    verification_page = client.get(response.url)
    assert "Confirmez votre adresse e-mail" in verification_page.content.decode()

    # One email, to the address typed, with a confirmation link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jeanne.martin@example.org"]
    link = re.search(r"https?://[^\s]+/compte/confirm-email/[^\s]+/", message.body).group(0)

    # Before verification the account cannot log in (mandatory verification).
    client.logout()
    refused = client.post(
        reverse("account_login"), {"login": "jeanne.martin@example.org", "password": PASSWORD}
    )
    assert refused.status_code == 302
    assert refused.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    # Confirming logs in (same browser) and lands on the dashboard.
    confirm_url = link.split("://", 1)[1].split("/", 1)[1]
    confirm_page = client.get("/" + confirm_url)
    assert confirm_page.status_code == 200
    confirmed = client.post("/" + confirm_url)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="jeanne.martin@example.org").verified

    login = client.post(
        reverse("account_login"), {"login": "jeanne.martin@example.org", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert login.url == reverse("accounts:dashboard")
    dashboard = client.get(login.url)
    assert "Jeanne du Port" in dashboard.content.decode()

    user = User.objects.get(email="jeanne.martin@example.org")
    assert user.profile.display_name == "Jeanne du Port"
    assert user.profile.district == district
    assert user.profile.age_bracket == AgeBracket.FROM_30_TO_44
    assert user.profile.language == "fr"
    assert list(user.groups.values_list("name", flat=True)) == [roles.CITIZENS]
    assert user.public_name == "Jeanne du Port"


@pytest.mark.django_db
def test_signup_in_english_stores_english_as_the_email_language(client):
    client.post(reverse("account_signup"), _signup_data(), HTTP_ACCEPT_LANGUAGE="en")
    assert Profile.objects.get(user__email="jeanne.martin@example.org").language == "en"


@pytest.mark.django_db
def test_signup_errors_are_shown_on_their_fields_and_typed_values_kept(client):
    district = DistrictFactory(name="Bel-Air")
    response = client.post(
        reverse("account_signup"),
        _signup_data(
            display_name="jeanne@example.org",
            password2="autre-chose-encore",
            district=district.pk,
            age_bracket=AgeBracket.FROM_60_TO_74,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert not User.objects.exists()
    assert len(mail.outbox) == 0
    form = response.context["form"]
    assert "display_name" in form.errors
    assert "password2" in form.errors
    # Errors are tied to their inputs for screen readers.
    assert re.search(r'aria-describedby="[^"]*id_display_name_error[^"]*"', html)
    assert 'aria-invalid="true"' in html
    assert "ne doit pas être une adresse e-mail" in html
    # What was typed is still there (except passwords).
    assert 'value="Jeanne.Martin@Example.org"' in html
    assert 'value="jeanne@example.org"' in html
    assert f'<option value="{district.pk}" selected>' in html
    assert '<option value="60-74" selected>' in html


@pytest.mark.django_db
def test_signup_requires_a_public_name(client):
    response = client.post(reverse("account_signup"), _signup_data(display_name="  "))
    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_page_explains_what_is_public_and_what_refusing_implies(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert "Seul votre nom public est visible" in html
    assert "Je préfère ne pas le dire" in html
    assert "Sans cette information" in html
    assert "/confidentialite/" in html


@pytest.mark.django_db
def test_confirming_in_the_same_browser_logs_the_citizen_in(client):
    client.post(reverse("account_signup"), _signup_data())
    link = re.search(r"/compte/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    response = client.post(link)
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    user = User.objects.get(email="jeanne.martin@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
