"""Anonymous pages from the cache (civic/page_cache/): served without a query, and never
stale: whatever changes the database shows on the next request; nobody gets another person's
page or CSRF token."""

import datetime
import re
from contextlib import contextmanager

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from budget.models import Campaign
from civic.page_cache.versions import pages_version_bump
from proposals.models import Idea
from tests.budget.factories import CampaignFactory, EnvelopeFactory
from tests.cms.factories import home_page_create, news_index_create, news_page_create
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CIVIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the commit of the writes inside would run. The test's
    own transaction never commits: the writes before it count as committed by their own
    requests (their pending bump is dropped, so the writes inside register theirs)."""

    @contextmanager
    def commit():
        connection.run_on_commit = [
            pending for pending in connection.run_on_commit if pending[1] is not pages_version_bump
        ]
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return commit


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_a_second_visitor_gets_the_page_without_a_query(client, django_assert_num_queries):
    IdeaFactory(title="Des bancs au marché")
    first = text(client.get("/idees/"))
    with django_assert_num_queries(0):
        second = text(Client().get("/idees/"))
    assert "Des bancs au marché" in second
    assert TOKEN.sub("", first) == TOKEN.sub("", second)


def test_a_new_idea_shows_on_the_next_request(client, committed):
    IdeaFactory(title="Des bancs au marché")
    assert "Un jardin partagé" not in text(client.get("/idees/"))
    with committed():
        IdeaFactory(title="Un jardin partagé")
    assert "Un jardin partagé" in text(client.get("/idees/"))


def test_a_status_changed_by_a_bulk_update_shows_on_the_next_request(client, committed):
    """`QuerySet.update()` sends no signal: the cache sees the write itself."""
    idea = IdeaFactory(title="Des bancs au marché")
    assert "Retenue" not in text(client.get(idea.get_absolute_url()))
    with committed():
        Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.ACCEPTED)
    assert "Retenue" in text(client.get(idea.get_absolute_url()))


def test_a_rolled_back_write_changes_nothing_and_the_next_commit_still_counts(client, committed):
    IdeaFactory(title="Des bancs au marché")
    text(client.get("/idees/"))
    with pytest.raises(RuntimeError), transaction.atomic():
        IdeaFactory(title="Jamais publiée")
        raise RuntimeError
    with committed():
        IdeaFactory(title="Un jardin partagé")
    page = text(client.get("/idees/"))
    assert "Un jardin partagé" in page
    assert "Jamais publiée" not in page


def test_a_published_news_page_shows_on_the_next_request(client, committed):
    news_index = news_index_create(home_page_create())
    news_page_create(news_index, 1, title="Travaux rue Pasteur")
    assert "Fête de la musique" not in text(client.get(news_index.url))
    with committed():
        page = news_page_create(news_index, 2, title="Fête de la musique", live=False)
        page.save_revision().publish()
    assert "Fête de la musique" in text(client.get(news_index.url))


def test_a_signed_in_citizen_is_never_served_nor_stored(client):
    IdeaFactory(title="Des bancs au marché")
    text(client.get("/idees/"))  # stored for anonymous visitors
    client.force_login(CitizenFactory())
    for path in ("/idees/", "/idees/", "/budget-participatif/"):
        assert "Se déconnecter" in text(client.get(path))
    for path in ("/idees/", "/budget-participatif/"):
        page = text(Client().get(path))
        assert "Se déconnecter" not in page
        assert "Se connecter" in page


def test_each_visitor_gets_their_own_csrf_token_and_it_works():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_1 = TOKEN.search(text(first.get("/idees/"))).group(1)
    token_2 = TOKEN.search(text(second.get("/idees/"))).group(1)  # from the cache
    assert token_1 != token_2
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    switched = second.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/idees/", "csrfmiddlewaretoken": token_2},
    )
    assert switched.status_code == 302
    assert "Ideas" in text(second.get("/idees/"))


def test_the_page_of_another_language_is_its_own():
    french = Client(headers={"accept-language": "fr"})
    english = Client(headers={"accept-language": "en"})
    assert 'lang="fr"' in text(french.get("/idees/"))
    assert 'lang="en"' in text(english.get("/idees/"))
    assert 'lang="fr"' in text(Client(headers={"accept-language": "fr"}).get("/idees/"))


def test_a_campaign_page_changes_when_the_vote_opens_with_no_write(client):
    now = timezone.now()
    campaign = CampaignFactory(phase=Campaign.Phase.REVIEW)
    EnvelopeFactory(campaign=campaign)
    opening = now + datetime.timedelta(hours=1)
    Campaign.objects.filter(pk=campaign.pk).update(review_end=opening, vote_start=opening)
    url = f"/budget-participatif/{campaign.slug}/"
    with time_machine.travel(now, tick=False):
        before = text(client.get(url))
    with time_machine.travel(opening + datetime.timedelta(seconds=1), tick=False):
        after = text(client.get(url))
    assert "Vote ouvert jusqu" not in before
    assert "Vote ouvert jusqu" in after
