"""Amounts, dates and plurals on the budget's pages and admin listings, as French writes
them ("850 000 €", "1er juin", "0 projet choisi")."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from budget.models import Campaign

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.django_db
def test_no_project_chosen_reads_0_projet_choisi(client, city, voter):
    client.force_login(voter)
    html = client.get(reverse("budget:ballot", args=[city.campaign.slug])).content.decode()
    assert "0 projet choisi" in html
    assert "0 projets choisis" not in html
    assert 'data-text-count-one="{} projet choisi"' in html  # the script fills in the count


@pytest.mark.django_db
def test_campaign_pages_write_dates_with_1er_and_amounts_grouped(client, city):
    vote_end = datetime.datetime(2030, 6, 1, 18, 0, tzinfo=PARIS)
    Campaign.objects.filter(pk=city.campaign.pk).update(
        vote_end=vote_end, results_date=vote_end + datetime.timedelta(days=10)
    )
    html = client.get(reverse("budget:campaign_detail", args=[city.campaign.slug])).content
    html = html.decode()
    assert "Vote ouvert jusqu'au 1er juin 2030 à 18:00." in html
    assert "300\u202f000\u00a0€" in html
    listing = client.get(reverse("budget:campaign_list")).content.decode()
    assert "1er juin 2030" in listing


@pytest.mark.django_db
def test_admin_listings_show_amounts_in_euros(client, agent, city):
    client.force_login(agent)
    campaigns = client.get(reverse("wagtailsnippets_budget_campaign:list")).content.decode()
    assert "1\u202f000\u202f000\u00a0€" in campaigns
    projects = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    assert "100\u202f000\u00a0€" in projects
