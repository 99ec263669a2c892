"""An account whose address is not confirmed: told why it cannot sign in, able to get the
confirmation email again (within allauth's rate limit), and a confirm page that reads well."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.accounts.test_signup import PASSWORD, _signup_data

pytestmark = pytest.mark.django_db

EMAIL = "jeanne.martin@example.org"
RESEND = "Renvoyer l'e-mail de confirmation"


def _login(client):
    return client.post(reverse("account_login"), {"login": EMAIL, "password": PASSWORD})


def test_signing_in_before_confirming_says_why_and_offers_to_resend(client):
    client.post(reverse("account_signup"), _signup_data())
    client.logout()
    response = _login(client)
    assert response.url == reverse("account_email_verification_sent")
    html = client.get(response.url).content.decode()
    assert "Vous ne pouvez pas encore vous connecter." in html
    assert f"L'adresse {EMAIL} n'a pas encore été confirmée" in html
    assert RESEND in html


def test_right_after_signup_the_page_names_the_address_without_the_refusal(client):
    client.post(reverse("account_signup"), _signup_data())
    html = client.get(reverse("account_email_verification_sent")).content.decode()
    assert f"<strong>{EMAIL}</strong>" in html
    assert "Vous ne pouvez pas encore vous connecter." not in html
    assert RESEND in html


def test_resend_sends_a_new_working_confirmation_email(client):
    client.post(reverse("account_signup"), _signup_data())
    sent = len(mail.outbox)
    response = client.post(reverse("account_email_verification_sent"))
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == sent + 1
    assert mail.outbox[-1].to == [EMAIL]
    link = re.search(r"/compte/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    assert client.post(link).status_code == 302
    assert "_auth_user_id" in client.session


def test_resend_is_rate_limited_by_allauth(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's defaults: one email per address per 3 min
    cache.clear()
    client.post(reverse("account_signup"), _signup_data())
    assert len(mail.outbox) == 1
    response = client.post(reverse("account_email_verification_sent"), follow=True)
    assert len(mail.outbox) == 1
    assert "vient déjà de partir" in response.content.decode()


def test_without_a_pending_sign_in_the_button_sends_nothing_and_says_how(client):
    response = client.post(reverse("account_email_verification_sent"), follow=True)
    assert mail.outbox == []
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "nous vous enverrons un nouvel e-mail de confirmation" in response.content.decode()
    page = client.get(reverse("account_email_verification_sent")).content.decode()
    assert RESEND not in page
    assert reverse("account_login") in page


def test_confirm_page_asks_whether_the_address_is_yours(client):
    client.post(reverse("account_signup"), _signup_data())
    link = re.search(r"/compte/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    html = client.get(link).content.decode()
    assert f"Confirmez que <strong>{EMAIL}</strong> est bien votre adresse e-mail." in html
    assert "est l'adresse e-mail de" not in html.replace("&#x27;", "'")
    assert "Confirmer mon adresse" in html


def test_an_expired_link_explains_how_to_get_a_new_one(client):
    html = client.get("/compte/confirm-email/not-a-key/").content.decode()
    assert "a expiré ou n'est plus valable" in html
    assert f'href="{reverse("account_login")}"' in html
