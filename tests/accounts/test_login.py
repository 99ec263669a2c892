"""The login page: our look, and FranceConnect only when the city has configured it."""

import pytest
from django.urls import reverse

FRANCECONNECT = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "franceconnect",
                "name": "FranceConnect",
                "client_id": "civic-test",
                "secret": "secret",
                "settings": {"server_url": "https://fcp.integ01.dev-franceconnect.fr/api/v2"},
            }
        ]
    }
}


@pytest.mark.django_db
def test_login_page_has_labelled_fields_and_no_franceconnect_by_default(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label class="field__label" for="id_login">' in html
    assert '<label class="field__label" for="id_password">' in html
    assert reverse("account_signup") in html
    assert "FranceConnect" not in html


@pytest.mark.django_db
def test_login_page_offers_franceconnect_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = FRANCECONNECT
    html = client.get(reverse("account_login")).content.decode()
    assert (
        "S&#x27;identifier avec FranceConnect" in html or "S'identifier avec FranceConnect" in html
    )
    assert "/compte/oidc/franceconnect/login/" in html


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client, citizen):
    response = client.post(
        reverse("account_login"), {"login": citizen.email, "password": "pas-le-bon"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert f'value="{citizen.email}"' in response.content.decode()
