"""Requests an attacker crafts: a NUL byte anywhere is a 400 (it was a 500 on PostgreSQL), the
API never answers in HTML, HEAD works where GET does.

Run once on PostgreSQL too (where NUL used to crash):
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/civic_<branch> pytest tests/test_security.py`.
"""

import pytest
from django.urls import reverse

from tests.budget.factories import CampaignFactory
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def campaign():
    return CampaignFactory(slug="bp-2027")


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/v1/ideas", {"q": f"vélo{NUL}"}),
        ("/api/v1/ideas", {"theme": NUL}),
        ("/api/v1/ideas", {"district": f"centre{NUL}"}),
        ("/api/v1/ideas/geojson", {"q": NUL}),
        ("/api/v1/campaigns/bp-2027/projects", {"district": NUL}),
        (f"/api/v1/campaigns/bp{NUL}2027", {}),
        (f"/api/v1/campaigns/bp-2027{NUL}/projects", {}),
        (f"/api/v1/campaigns/{NUL}/results", {}),
        (f"/api/v1/campaigns/{NUL}/ballots", {}),
    ],
)
def test_nul_in_the_api_is_a_400_in_its_json_error_format(client, campaign, path, params):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "bad_request")
    assert set(error) == {"status", "code", "message", "details"}


@pytest.mark.parametrize(
    "path, params",
    [
        ("/recherche/", {"q": f"vélo{NUL}"}),
        ("/idees/", {"q": NUL}),
        ("/idees/", {"theme": NUL, "district": NUL}),
        (f"/budget-participatif/bp-2027{NUL}/", {}),
        (f"/budget-participatif/bp-2027/{NUL}", {}),
        (f"/une-page{NUL}/", {}),
    ],
)
def test_nul_in_a_page_address_is_the_sites_400_page(client, campaign, path, params):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Requête invalide" in response.content.decode()


def test_nul_in_a_posted_form_is_refused_before_the_view(client, citizen):
    IdeaFactory()
    client.force_login(citizen)
    response = client.post(
        reverse("comments-post-comment"),
        "content_type=proposals.idea&object_pk=1&comment=Bonjour%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_nul_in_a_multipart_field_is_refused(client):
    response = client.post(reverse("account_login"), {"login": f"a{NUL}@example.org"})
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_a_login_form_without_nul_still_works(client):
    CitizenFactory(email="camille@example.org")
    response = client.post(
        reverse("account_login"), {"login": "camille@example.org", "password": "faux"}
    )
    assert response.status_code == 200  # the form again, with its error


def test_unknown_api_route_is_a_json_404(client):
    response = client.get("/api/v1/nulle-part")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_wrong_method_on_the_api_is_a_json_405(client):
    response = client.post("/api/v1/ideas")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_invalid_api_parameter_is_a_json_422(client):
    response = client.get("/api/v1/ideas", {"page": -1})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_the_schema_documents_the_errors_and_a_positive_page(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert "Error" in schema["components"]["schemas"]
    operation = schema["paths"]["/api/v1/ideas"]["get"]
    for status in ("400", "404", "405", "422"):
        content = operation["responses"][status]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/Error"}
    page = next(p for p in operation["parameters"] if p["name"] == "page")
    assert page["schema"]["minimum"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/ideas",
        "/api/v1/campaigns",
        "/api/v1/campaigns/bp-2027",
        "/api/v1/openapi.json",
        "/recherche/?q=v%C3%A9lo",
        "/robots.txt",
        "/idees/",
        "/budget-participatif/bp-2027/",
    ],
)
def test_head_answers_like_get_without_a_body(client, campaign, path):
    get = client.get(path)
    head = client.head(path)

    assert get.status_code == 200
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
