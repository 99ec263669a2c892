"""The demo tells one story: the news about the 2027 budget matches the campaign and links to
it, and project cards carry only pictures of what the project is about."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Campaign, ProjectPhoto
from civic.hooks import demo_seeders_collect
from cms.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(demo_transaction, django_db_blocker):
    """Every module's demo, seeded once for the module (its tests only read it)."""
    with django_db_blocker.unblock():
        for seeder in demo_seeders_collect():
            seeder.seed(stdout=io.StringIO(), size="small")


def test_budget_news_matches_the_campaign_and_links_to_it(demo, client):
    campaign = Campaign.objects.get(slug="budget-participatif-2027")
    news = NewsPage.objects.get(slug="budget-participatif-2027-vote-ouvert")
    html = client.get(news.url).content.decode()

    assert campaign.current_phase() == Campaign.Phase.VOTE
    assert campaign.total_amount == 1_200_000
    assert "1,2 million d'euros" in html
    envelopes = {e.amount for e in campaign.envelopes.all()}
    assert envelopes == {600_000, 100_000}
    assert "600 000 €" in html and "100 000 €" in html
    assert campaign.envelopes.filter(amount=100_000).count() == 6
    assert "six quartiers" in html
    # Second edition: the 2026 campaign was the first.
    assert Campaign.objects.filter(vote_start__lt=campaign.vote_start).count() == 1
    assert "deuxième édition" in html
    # Published the day the vote opened, for a vote of four weeks.
    assert news.date == timezone.localdate(campaign.vote_start)
    assert (campaign.vote_end - campaign.vote_start).days == 28
    assert "quatre semaines" in html
    campaign_url = reverse("budget:campaign_detail", args=[campaign.slug])
    assert f'href="{campaign_url}"' in html
    assert client.get(campaign_url).status_code == 200


def test_project_pictures_are_sketches_of_their_project(demo):
    photos = ProjectPhoto.objects.select_related("project", "image")
    assert photos.exists()
    for photo in photos:
        assert photo.image.title == f"{photo.project.title} (esquisse)"
