"""Casting a ballot through the vote page, and the vote page itself, make a fixed number of
queries: as many with many envelopes and projects (and many choices) as with few."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget.ballots import pending_ballots_release
from budget.models import Ballot, Campaign, Envelope, Project, VoterRecord
from budget.selectors import BALLOT_OFFER_TABLES
from civic.page_cache.versions import tables_version_bump
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory

pytestmark = pytest.mark.django_db

CAST_MAX_QUERIES = 12
FEW, MANY = 2, 12


@dataclass
class OpenVote:
    campaign: Campaign
    city: Envelope
    own: Envelope
    city_projects: list[Project]
    own_projects: list[Project]


def open_vote_create(size: int) -> OpenVote:
    """A campaign in its vote phase (approval, up to 100 projects per envelope) with a
    city-wide envelope, one for the voter's district and `size` envelopes of other districts,
    `size` projects on the ballot in each (and one not on the ballot)."""
    campaign = CampaignFactory(max_choices=100)
    city = EnvelopeFactory(campaign=campaign, amount=100_000_000)
    own = EnvelopeFactory(campaign=campaign, district=DistrictFactory(), amount=100_000_000)
    others = [EnvelopeFactory(campaign=campaign, district=DistrictFactory()) for _ in range(size)]
    projects = {
        envelope.pk: [ProjectFactory(envelope=envelope) for _ in range(size)]
        for envelope in [city, own, *others]
    }
    ProjectFactory(envelope=city, status=Project.Status.ELIGIBLE)
    return OpenVote(campaign, city, own, projects[city.pk], projects[own.pk])


def vote_url(campaign) -> str:
    return reverse("budget:ballot", args=[campaign.slug])


def logged_in_voter(client, ballot: OpenVote):
    voter = CitizenFactory(profile__district=ballot.own.district)
    client.force_login(voter)
    return voter


# What every signed-in page costs, whatever it shows: the session (in the database under the
# test settings, in Redis in production), the signed-in user, the Wagtail site and its
# settings (the page's header and footer) and the permissions behind Wagtail's user bar.
# The page's frame: the session, the site and its settings, the admin access, the main menu
# (its pages, with their view restrictions); the vote itself never reads a page.
PAGE_CHROME_TABLES = (
    "django_session",
    "wagtailcore_site",
    "cms_sitesettings",
    "auth_permission",
    "wagtailcore_page",
    "wagtailcore_pageviewrestriction",
)


def is_page_chrome(index: int, sql: str) -> bool:
    signed_in_user = (
        index == 1 and sql.startswith('SELECT "accounts_user"."id"') and "JOIN" not in sql
    )
    return signed_in_user or any(f'FROM "{table}"' in sql for table in PAGE_CHROME_TABLES)


def cast_queries(client, ballot: OpenVote, *, action: str, on_commit) -> tuple[int, int]:
    """Queries of one POST `action` choosing every project of both of a new voter's envelopes
    (checked: the ballot is cast on `confirm`, nothing on `review`): (all of them, those of
    the vote itself, i.e. without the page chrome)."""
    voter = logged_in_voter(client, ballot)
    data = {
        f"enveloppe-{ballot.city.pk}": [p.pk for p in ballot.city_projects],
        f"enveloppe-{ballot.own.pk}": [p.pk for p in ballot.own_projects],
        "action": action,
    }
    with CaptureQueriesContext(connection) as queries, on_commit(execute=True):
        response = client.post(vote_url(ballot.campaign), data)  # and the receipt email
    assert response.status_code == 200, response.content.decode()
    cast = VoterRecord.objects.filter(campaign=ballot.campaign, user=voter).exists()
    assert cast == (action == "confirm")
    if cast:
        pending_ballots_release(campaign=ballot.campaign, batch=0)  # as at the close
        in_box = Ballot.objects.filter(campaign=ballot.campaign, envelope=ballot.own)
        assert sorted(p.pk for p in ballot.own_projects) in [b.choices for b in in_box]
    sqls = [query["sql"] for query in queries.captured_queries]
    own = [sql for index, sql in enumerate(sqls) if not is_page_chrome(index, sql)]
    return len(sqls), len(own)


@pytest.mark.parametrize("action", ["review", "confirm"])
def test_casting_a_ballot_makes_at_most_twelve_queries_whatever_the_ballot(
    client, action, django_capture_on_commit_callbacks
):
    """The vote's own queries (the campaign, the voter, the envelopes, the projects, the
    writes and the audit entry; savepoints count) are at most 12, and the whole request makes
    as many queries with 12 envelopes of 12 projects as with 2 of 2."""
    counts = {}
    for size in (FEW, MANY):
        ballot = open_vote_create(size)
        measure = {"action": action, "on_commit": django_capture_on_commit_callbacks}
        cast_queries(client, ballot, **measure)  # warms the per-process caches
        counts[size] = cast_queries(client, ballot, **measure)
    assert counts[FEW] == counts[MANY], counts
    assert counts[MANY][1] <= CAST_MAX_QUERIES, counts


def test_vote_page_makes_as_many_queries_for_many_envelopes_and_projects(client):
    counts = {}
    for size in (FEW, MANY):
        ballot = open_vote_create(size)
        logged_in_voter(client, ballot)
        url = vote_url(ballot.campaign)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert ballot.city_projects[-1].title in html and ballot.own_projects[-1].title in html
        counts[size] = len(queries)
    assert counts[FEW] == counts[MANY], counts


@pytest.fixture
def shared_cache(settings):
    """Production's shared cache: the frame and the ballot's offer kept per process
    (civic/page_cache/memo.py)."""
    from django.core.cache import cache

    settings.CIVIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def committed():
    """What the commit of the writes so far does (`versions.writes_watch`): the tests' writes
    stay in the test's transaction, so the tables' versions are replaced by hand."""
    tables_version_bump(BALLOT_OFFER_TABLES)


def test_with_the_shared_cache_the_vote_page_reads_its_projects_once_and_never_stale(
    client, shared_cache, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (FEW, MANY):
        ballot = open_vote_create(size)
        committed()
        logged_in_voter(client, ballot)
        url = vote_url(ballot.campaign)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert ballot.own_projects[-1].title in response.content.decode()
        sqls = [query["sql"] for query in queries.captured_queries]
        assert not [sql for sql in sqls if 'FROM "budget_project"' in sql], sqls
        assert not [sql for sql in sqls if 'FROM "cms_sitesettings"' in sql], sqls
        counts[size] = len(sqls)
    assert counts[FEW] == counts[MANY], counts

    withdrawn = ballot.own_projects[-1]
    connection.run_on_commit = []  # the writes above count as committed by their own requests
    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.filter(pk=withdrawn.pk).update(
            status=Project.Status.ELIGIBLE, title="Projet retiré du vote"
        )
    html = client.get(vote_url(ballot.campaign)).content.decode()
    shown = f'<span class="budget-choice__title">{withdrawn.title}</span>'
    assert shown not in html and "Projet retiré du vote" not in html
    assert ballot.own_projects[0].title in html


@pytest.mark.parametrize("action", ["review", "confirm"])
def test_with_the_shared_cache_casting_makes_as_many_queries_whatever_the_ballot(
    client, action, shared_cache, django_capture_on_commit_callbacks
):
    counts = {}
    for size in (FEW, MANY):
        ballot = open_vote_create(size)
        committed()
        measure = {"action": action, "on_commit": django_capture_on_commit_callbacks}
        cast_queries(client, ballot, **measure)
        counts[size] = cast_queries(client, ballot, **measure)
    assert counts[FEW] == counts[MANY], counts
    assert counts[MANY][1] <= CAST_MAX_QUERIES, counts
