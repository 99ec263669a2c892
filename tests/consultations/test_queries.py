"""Query counts of the listings and the results, equal at two sizes."""

import pytest

from consultations.models import Answer, Response
from tests.factories import DistrictFactory
from tests.queries import LARGE, SMALL, ok, queries_at_sizes

from .factories import consultation, index_page

pytestmark = pytest.mark.django_db


def test_the_index_page(client, default_site):
    index = index_page(default_site)
    made = []

    def add(n):
        for _i in range(n):
            page = consultation(default_site, title=f"Consultation {len(made)}")
            Response.objects.create(consultation=page, channel="web")
            made.append(page)

    counts = queries_at_sizes(add=add, fetch=lambda: ok(client.get(index.url), "Consultation 0"))
    assert counts[SMALL] == counts[LARGE], counts


def test_the_results_page(client, default_site):
    page = consultation(default_site, results_visibility="live")
    questions = list(page.questions.all())
    by_label = {q.label: q for q in questions}

    def add(n):
        for i in range(n):
            response = Response.objects.create(
                consultation=page,
                channel="web",
                district=DistrictFactory(name=f"Quartier {Response.objects.count()}"),
                age_bracket="18-29",
            )
            Answer.objects.bulk_create(
                [
                    Answer(response=response, question=by_label["Fréquence"], choice="Souvent"),
                    Answer(response=response, question=by_label["Satisfaction"], value=1 + i % 5),
                    Answer(response=response, question=by_label["Esquisses"], choice="A", rank=1),
                    Answer(response=response, question=by_label["Esquisses"], choice="B", rank=2),
                    Answer(response=response, question=by_label["Esquisses"], choice="C", rank=3),
                    Answer(response=response, question=by_label["Remarque"], text=f"Texte {i}"),
                ]
            )

    url = page.url + "resultats/"
    counts = queries_at_sizes(add=add, fetch=lambda: ok(client.get(url), "participants"))
    assert counts[SMALL] == counts[LARGE], counts


def test_the_api_list(client, default_site):
    made = []

    def add(n):
        for _i in range(n):
            made.append(consultation(default_site, title=f"API {len(made)}"))

    counts = queries_at_sizes(add=add, fetch=lambda: ok(client.get("/api/v1/consultations")))
    assert counts[SMALL] == counts[LARGE], counts


def test_the_dashboard_section(client, default_site, citizen):
    made = []

    def add(n):
        for _i in range(n):
            page = consultation(default_site, title=f"Mes réponses {len(made)}")
            Response.objects.create(consultation=page, channel="web", user=citizen)
            made.append(page)

    client.force_login(citizen)
    counts = queries_at_sizes(
        add=add, fetch=lambda: ok(client.get("/mon-espace/"), "Mes réponses 0")
    )
    assert counts[SMALL] == counts[LARGE], counts
