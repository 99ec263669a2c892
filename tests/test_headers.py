"""Response headers: a strict Permissions-Policy everywhere, and no copy kept by a browser or a
proxy of the pages that carry personal data."""

import pytest
from django.urls import reverse

from tests.budget.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def permissions(response) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


@pytest.mark.parametrize(
    "path", ["/", "/idees/", "/recherche/", "/api/v1/ideas", "/page-inexistante/", "/robots.txt"]
)
def test_every_response_carries_a_strict_permissions_policy(client, path):
    policy = permissions(client.get(path))

    for feature in ("camera", "microphone", "payment", "usb", "browsing-topics"):
        assert policy[feature] == "()"
    assert policy["geolocation"] == "(self)"  # the idea form's "me localiser"


def test_the_policy_is_on_refusals_too(client, citizen):
    client.force_login(citizen)
    response = client.get("/recherche/", {"q": "\x00"})
    assert response.status_code == 400 and "Permissions-Policy" in response


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_personal_pages_are_not_stored(client, citizen):
    campaign = CampaignFactory()
    client.force_login(citizen)
    for url in (
        reverse("accounts:dashboard"),
        reverse("accounts:profile_edit"),
        reverse("account_email"),
        reverse("budget:ballot", args=[campaign.slug]),
        reverse("budget:receipt_check", args=[campaign.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url


def test_account_pages_are_not_stored_for_visitors_either(client):
    assert no_store(client.get(reverse("account_login")))
    assert no_store(client.get(reverse("account_signup")))


def test_public_pages_may_be_cached(client):
    campaign = CampaignFactory()
    assert not no_store(client.get("/idees/"))
    assert not no_store(client.get(reverse("budget:campaign_detail", args=[campaign.slug])))
