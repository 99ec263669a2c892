"""Issue #8 point 24: a form sent with an expired security token gets the site's own page,
which says what happened and what to do, and shows back what was typed (never a password)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def csrf_client(default_site):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32  # the token of a session since renewed
    return client


def test_an_expired_token_shows_the_branded_page_with_the_typed_text(csrf_client, citizen):
    csrf_client.force_login(citizen)
    response = csrf_client.post(
        "/idees/nouvelle/",
        {
            "csrfmiddlewaretoken": "b" * 32,
            "title": "Des arceaux <script>alert(1)</script>",
            "body": "Devant la médiathèque,\nil n'y a rien pour attacher son vélo.",
            "theme": "3",
            "latitude": "47.08",
            "action": "preview",
        },
        headers={"referer": "http://testserver/idees/nouvelle/", "sec-fetch-site": "same-origin"},
    )

    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert '<html lang="fr"' in html and "Aller au contenu" in html  # base.html
    assert "Votre formulaire n'a pas pu être envoyé" in html
    assert "Ce que vous aviez saisi" in html
    assert "Des arceaux &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Devant la médiathèque,\nil n&#x27;y a rien pour attacher son vélo." in html
    assert 'readonly rows="' in html
    assert 'href="http://testserver/idees/nouvelle/">Revenir au formulaire' in html
    assert ">47.08<" not in html and ">preview<" not in html  # ids and machinery left out
    assert "b" * 32 not in html


def test_passwords_are_never_shown_back(csrf_client):
    response = csrf_client.post(
        "/compte/login/",
        {"login": "alice@example.org", "password": "Secret-horse-42", "csrfmiddlewaretoken": "x"},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Secret-horse-42" not in html
    assert "alice@example.org" in html  # what the person typed, to themselves


def test_the_back_button_never_leads_to_another_site(csrf_client, citizen):
    csrf_client.force_login(citizen)
    response = csrf_client.post(
        "/commentaires/post/",
        {"comment": "Bonne idée", "next": "https://evil.example/"},
        headers={"referer": "http://testserver/idees/3/", "sec-fetch-site": "same-origin"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "evil.example" not in html
    assert 'href="http://testserver/idees/3/">Revenir au formulaire' in html
    assert "Bonne idée" in html


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-fetch-site": "cross-site", "origin": "https://evil.example"},
        {"origin": "https://evil.example"},
        {"referer": "https://evil.example/phish"},
        {},
    ],
)
def test_another_sites_forged_post_is_not_echoed(csrf_client, headers):
    response = csrf_client.post(
        "/idees/nouvelle/", {"title": "Votre compte est bloqué : appelez le 0899"}, headers=headers
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "0899" not in html and "Ce que vous aviez saisi" not in html
    assert "Votre formulaire n'a pas pu être envoyé" in html


def test_a_comment_form_leads_back_to_its_page(csrf_client, citizen):
    csrf_client.force_login(citizen)
    response = csrf_client.post(
        "/commentaires/post/",
        {"comment": "Bonne idée", "next": "/idees/12/", "reply_to": "0"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert 'href="/idees/12/">Revenir au formulaire' in response.content.decode()


def test_nul_bytes_and_huge_fields_are_shown_safely(csrf_client):
    response = csrf_client.post(
        "/idees/nouvelle/",
        {"title": "a\0b" + "x" * 50_000},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "\0" not in html and "ab" + "x" * 19_998 in html and "x" * 20_001 not in html
