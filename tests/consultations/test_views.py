"""The consultation's public pages: the questionnaire without JavaScript, refusals, results,
drafts and attacks."""

import re

import pytest
import time_machine
from django.utils import timezone

from consultations.models import Response
from tests.factories import UserFactory

from .factories import consultation, full_answers, index_page

pytestmark = pytest.mark.django_db


def test_the_questionnaire_has_one_fieldset_per_question(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    html = client.get(page.url).content.decode()
    assert html.count("<fieldset") == 6
    assert "Envoyer ma réponse" in html
    assert "1 — Pas du tout" in html and "5 — Tout à fait" in html


def test_answering_by_the_form_and_editing_it(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    response = client.post(page.url, full_answers(page), follow=True)
    assert response.status_code == 200
    assert "Merci, votre réponse est enregistrée" in response.content.decode()
    html = client.get(page.url).content.decode()
    assert "Enregistrer ma réponse modifiée" in html
    assert re.search(r'value="Souvent"[^>]*checked', html)
    assert "Plus d&#x27;ombre" in html


def test_errors_are_beside_their_question_and_nothing_typed_is_lost(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    frequency = page.questions.get(label="Fréquence")
    data = full_answers(page, **{f"q{frequency.pk}": ""})
    data[f"q{page.questions.get(label='Remarque').pk}"] = "Mon long texte à garder"
    response = client.post(page.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_q{frequency.pk}_error"' in html
    assert "Cette question demande une réponse." in html
    assert "Mon long texte à garder" in html
    assert "Rien de ce que vous avez saisi n'est perdu" in html
    assert not Response.objects.exists()


def test_a_ranking_error_is_tied_to_its_fieldset(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    ranking = page.questions.get(label="Esquisses")
    response = client.post(page.url, full_answers(page, **{f"q{ranking.pk}_0": "1"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert f'aria-describedby="q{ranking.pk}_helptext q{ranking.pk}_error"' in html
    assert f'id="q{ranking.pk}_error"' in html


def test_the_error_summary_links_to_each_question_in_error(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    frequency = page.questions.get(label="Fréquence")
    ranking = page.questions.get(label="Esquisses")
    data = full_answers(page, **{f"q{frequency.pk}": "", f"q{ranking.pk}_0": "1"})
    html = client.post(page.url, data).content.decode()
    summary = html[
        html.index('id="form-errors"') : html.index("</div>", html.index('id="form-errors"'))
    ]
    links = re.findall(r'<a href="#(question-\d+)">([^<]+)</a>', summary)
    assert links == [
        (f"question-{frequency.pk}", "Fréquence"),
        (f"question-{ranking.pk}", "Esquisses"),
    ]
    assert "Cette question demande une réponse." in summary
    for anchor, _label in links:
        assert f'id="{anchor}"' in html  # each link leads to its question's fieldset


def test_visitors_are_asked_to_log_in(client, default_site):
    page = consultation(default_site)
    html = client.get(page.url).content.decode()
    assert "Connectez-vous pour répondre" in html and "/compte/login/?next=" in html
    response = client.post(page.url, full_answers(page), follow=True)
    assert "Connectez-vous pour répondre" in response.content.decode()
    assert not Response.objects.exists()


def test_not_yet_open_says_when(client, default_site, citizen):
    page = consultation(default_site, opens_in_days=2)
    client.force_login(citizen)
    html = client.get(page.url).content.decode()
    assert "pas encore ouverte : elle ouvrira le" in html
    assert '<form class="form consultation-form"' not in html


def test_an_unverified_account_is_told_how_to_fix_it(client, default_site):
    page = consultation(default_site)
    client.force_login(UserFactory())
    html = client.get(page.url).content.decode()
    assert "Confirmez votre adresse e-mail" in html and "/compte/email/" in html


def test_deleting_ones_response_by_the_confirmation_page(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    client.post(page.url, full_answers(page))
    url = page.url + page.reverse_subpage("response_delete")
    assert "Supprimer ma réponse" in client.get(url).content.decode()
    client.post(url)
    assert not Response.objects.exists()


def test_a_draft_consultation_is_404(client, default_site, citizen):
    page = consultation(default_site, live=False, slug="brouillon")
    client.force_login(citizen)
    assert client.get("/consultations/brouillon/").status_code == 404
    assert client.post("/consultations/brouillon/", full_answers(page)).status_code == 404
    assert client.get("/consultations/brouillon/resultats/").status_code == 404


def test_results_wait_for_the_closing_unless_live(client, default_site, citizen):
    page = consultation(default_site, results_visibility="after_closing")
    url = page.url + "resultats/"
    assert "seront publiés ici à la clôture" in client.get(url).content.decode()
    with time_machine.travel(page.closes_at, tick=False):
        html = client.get(url).content.decode()
    assert "0 participant" in html and "data-chart=" in html


def test_the_results_page_has_a_chart_and_a_table_per_question(client, default_site, citizen):
    page = consultation(default_site, results_visibility="live")
    client.force_login(citizen)
    client.post(page.url, full_answers(page))
    html = client.get(page.url + "resultats/").content.decode()
    assert html.count('class="civic-chart"') == 5  # every question but the free text
    assert html.count("<table") >= 7
    assert "Plus d&#x27;ombre" in html  # a published free-text answer
    assert "plotly.min.js" in html


def test_huge_and_malformed_input_is_a_clear_400(client, default_site, citizen):
    page = consultation(default_site)
    client.force_login(citizen)
    scale = page.questions.get(label="Satisfaction")
    response = client.post(page.url, full_answers(page, **{f"q{scale.pk}": "x" * 100_000}))
    assert response.status_code == 400
    assert "Choisissez une valeur de 1 à 5." in response.content.decode()
    response = client.post(page.url, full_answers(page, **{f"q{scale.pk}": "3\x00"}))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_the_index_lists_open_consultations_first(client, default_site):
    consultation(default_site, title="Close", opens_in_days=-20, closes_in_days=-5)
    consultation(default_site, title="Ouverte", closes_in_days=3)
    consultation(default_site, title="A venir", opens_in_days=4)
    html = client.get(index_page(default_site).url).content.decode()
    assert html.index("Ouverte") < html.index("A venir") < html.index("Fermée le")
    assert "Plus que 2 jours pour répondre" in html or "Plus que 3 jours" in html


def test_a_closed_consultation_says_fermee_never_fermer(client, default_site, citizen):
    closed = consultation(default_site, title="Horaires", opens_in_days=-20, closes_in_days=-5)
    client.force_login(citizen)
    Response.objects.create(consultation=closed, user=citizen)
    for url in (index_page(default_site).url, closed.url, "/mon-espace/"):
        html = client.get(url).content.decode()
        badges = re.findall(r'<span class="badge[^"]*">([^<]+)</span>', html)
        assert any(b.startswith("Fermée") for b in badges), (url, badges)
        assert not any(b.startswith(("Fermer", "Close")) for b in badges), (url, badges)


def test_the_index_filters_by_text(client, default_site):
    consultation(default_site, title="Horaires de la médiathèque")
    consultation(default_site, title="Place du marché")
    html = client.get(index_page(default_site).url + "?q=mediatheque").content.decode()
    assert "Horaires de la médiathèque" in html and "Place du marché" not in html


def test_opening_alert_toggle_from_the_dashboard(client, default_site, citizen):
    index = index_page(default_site)
    client.force_login(citizen)
    response = client.post(index.url + "alerte/", follow=True)
    assert "C&#x27;est noté" in response.content.decode()
    assert citizen.consultation_alert is not None
    assert client.get(index.url + "alerte/").status_code == 404
    assert timezone.now()


def test_comments_when_the_editors_opened_them(client, default_site, citizen):
    closed_to_comments = consultation(default_site, title="Sans commentaires")
    page = consultation(default_site, title="Avec commentaires", comments_enabled=True)
    client.force_login(citizen)
    assert 'id="comments"' not in client.get(closed_to_comments.url).content.decode()
    html = client.get(page.url).content.decode()
    assert 'id="comments"' in html and "Ajouter un commentaire" in html
