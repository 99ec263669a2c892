"""The admin speaks proper French: field labels, gender-correct generic labels, spreadsheet
exports a French spreadsheet opens as they are (issue #8, point 10)."""

import csv
import io

import pytest
from django.urls import reverse

from budget.models import Campaign, Envelope, Project
from civic.audit import audit_log
from proposals.models import Idea
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


# Django's default label is the field's name; these names are French words already.
SAME_IN_FRENCH = {"id", "description", "latitude", "longitude", "image", "photo", "date"}


def test_every_field_of_the_budget_and_ideas_has_a_french_label():
    from django.apps import apps

    english = [
        f"{model.__name__}.{field.name}"
        for label in ("budget", "proposals")
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.concrete_fields
        if str(field.verbose_name) == field.name.replace("_", " ")
        and field.name not in SAME_IN_FRENCH
    ]
    assert english == []
    assert Project._meta.get_field("campaign").verbose_name == "campagne"
    assert Envelope._meta.get_field("campaign").verbose_name == "campagne"


def test_the_project_listing_and_form_say_campagne(client, administrator):
    ProjectFactory(envelope=EnvelopeFactory(campaign=CampaignFactory()))
    client.force_login(administrator)
    listing = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    assert "Campagne" in listing and ">Campaign<" not in listing
    assert "Ajouter un projet" in listing and "un(e)" not in listing
    form = client.get(reverse("wagtailsnippets_budget_project:add")).content.decode()
    assert "Campaign" not in form and "un(e)" not in form


def test_campaign_labels_are_feminine(client, administrator):
    client.force_login(administrator)
    listing = client.get(reverse("wagtailsnippets_budget_campaign:list")).content.decode()
    assert "Ajouter une campagne" in listing
    response = client.post(reverse("wagtailsnippets_budget_campaign:add"), {"title": ""})
    html = response.content.decode()
    assert "La campagne n&#x27;a pas pu être créée" in html or (
        "La campagne n'a pas pu être créée" in html
    )
    assert "Le(la)" not in html


def test_the_reports_menu_and_page_say_historique_du_site(client, administrator):
    client.force_login(administrator)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "Historique du site" in html
    assert "Historique du Site" not in html


def test_the_site_history_csv_has_a_bom_and_words_not_codes(client, administrator):
    campaign = CampaignFactory(title="BP 2027")
    audit_log(
        actor=administrator,
        action="budget.campaign.edit",
        instance=campaign,
        data={"changes": {}},
    )
    client.force_login(administrator)
    response = client.get("/admin/reports/site-history/", {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    assert rows[0] == ["N° de l'objet", "Objet", "Type", "Action", "Personne", "Date et heure"]
    row = next(r for r in rows[1:] if r[1] == "BP 2027")
    assert row[2] == "Campagne de budget participatif"
    assert "budget.campaign.edit" not in row[3] and row[3]


def test_idea_status_and_channel_labels_are_in_the_export(client, agent):
    from tests.proposals.factories import IdeaFactory

    IdeaFactory(channel=Idea.Channel.PHONE, status=Idea.Status.ACCEPTED)
    client.force_login(agent)
    response = client.get(reverse("ideas:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8")
    assert "Téléphone" in content and "Retenue" in content
    assert ",phone," not in content and ",accepted," not in content


def test_campaign_model_is_feminine_in_its_verbose_name():
    assert str(Campaign._meta.verbose_name) == "campagne de budget participatif"
