"""Information pages: FAQ as native <details>, contact block, sub-pages."""

import pytest

from .factories import information_page_create

pytestmark = pytest.mark.django_db


def test_information_page_renders_faq_and_contact(client, home):
    body = [
        ("paragraph", "<p>Ingeville compte 40 000 habitants.</p>"),
        (
            "faq",
            {
                "title": "Questions fréquentes",
                "items": [
                    {"question": "Où voter ?", "answer": "<p>Au bureau de votre quartier.</p>"},
                ],
            },
        ),
        (
            "contact",
            {
                "service_name": "État civil",
                "phone": "01 23 45 67 10",
                "email": "etat-civil@ingeville.fr",
                "address": "1 place de la Mairie",
                "hours": "Lundi au vendredi",
            },
        ),
    ]
    page = information_page_create(home, body=body, intro="Les chiffres clés.")
    information_page_create(page, title="Histoire", slug="histoire")

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ingeville compte 40 000 habitants." in html
    assert "<summary>Où voter ?</summary>" in html
    assert "Au bureau de votre quartier." in html
    assert 'href="tel:0123456710"' in html
    assert 'href="mailto:etat-civil@ingeville.fr"' in html
    assert "Dans cette rubrique" in html and "Histoire" in html
    assert 'aria-current="page">Votre ville en bref</span>' in html
