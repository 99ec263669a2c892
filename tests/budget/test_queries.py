"""The participatory budget's listings (campaigns, a campaign's projects, the ballot, the
results, a project's page, and the API lists) make as many queries for 15 rows as for 3."""

import secrets
from decimal import Decimal

import pytest

from budget.models import Ballot, Campaign, Channel, Milestone, Project, ProjectPhoto, Result
from budget.results import results_publish
from budget.selectors import with_first_author
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.cms.factories import image_create
from tests.factories import CitizenFactory, DistrictFactory
from tests.moderation.factories import comment_create
from tests.queries import LARGE, SMALL, ok, queries_at_sizes

pytestmark = pytest.mark.django_db


def campaign_with_results_create(**fields) -> Campaign:
    """A campaign whose vote has ended (results phase), with a city-wide envelope."""
    campaign = CampaignFactory(phase=Campaign.Phase.RESULTS, **fields)
    EnvelopeFactory(campaign=campaign, amount=100_000_000)
    return campaign


def ballot_create(*, campaign, envelope, choices) -> Ballot:
    return Ballot.objects.create(
        campaign=campaign,
        envelope=envelope,
        choices=sorted(choices),
        receipt_hash=secrets.token_hex(32),
    )


def results_republish(*, campaign, actor) -> Result:
    """Publish the results again, counting every ballot cast so far."""
    Result.objects.filter(campaign=campaign).delete()
    Campaign.objects.filter(pk=campaign.pk).update(ballots_mixed_at=None)
    return results_publish(actor=actor, campaign=campaign)


# Campaigns -----------------------------------------------------------------------------------


@pytest.fixture
def add_campaigns(agent):
    """`add_campaigns(n)`: n campaigns, each with a city-wide envelope and one for its own
    district; every other campaign has published results."""
    titles = []

    def add(n):
        for _ in range(n):
            campaign = campaign_with_results_create()
            EnvelopeFactory(campaign=campaign, district=DistrictFactory(), amount=50_000)
            if len(titles) % 2:
                ballot_create(
                    campaign=campaign,
                    envelope=campaign.envelopes.first(),
                    choices=[ProjectFactory(envelope=campaign.envelopes.first()).pk],
                )
                results_publish(actor=agent, campaign=campaign)
            titles.append(campaign.title)

    add.titles = titles
    return add


def test_campaign_list_page(client, add_campaigns):
    counts = queries_at_sizes(
        add=add_campaigns,
        fetch=lambda: ok(client.get("/budget-participatif/"), add_campaigns.titles[-1]),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_api_campaign_list(client, add_campaigns):
    counts = queries_at_sizes(
        add=add_campaigns,
        fetch=lambda: ok(client.get("/api/v1/campaigns"), add_campaigns.titles[-1]),
    )
    assert counts[SMALL] == counts[LARGE], counts
    published = {
        c["title"]: c["results_published"]
        for c in client.get("/api/v1/campaigns").json()["results"]
    }
    assert published[add_campaigns.titles[0]] is False
    assert published[add_campaigns.titles[1]] is True


# A campaign's projects ---------------------------------------------------------------------


@pytest.fixture
def campaign():
    """A campaign in its vote phase with a city-wide envelope."""
    campaign = CampaignFactory()
    EnvelopeFactory(campaign=campaign, amount=10_000_000)
    return campaign


@pytest.fixture
def add_projects(campaign):
    """`add_projects(n)`: n public projects of `campaign`, each in the envelope of its own
    district, with its own author, a photo and a milestone."""
    titles = []

    def add(n):
        for _ in range(n):
            envelope = EnvelopeFactory(campaign=campaign, district=DistrictFactory())
            project = ProjectFactory(
                envelope=envelope, latitude=Decimal("45.75"), longitude=Decimal("4.85")
            )
            ProjectPhoto.objects.create(project=project, image=image_create(), alt_text="Photo")
            Milestone.objects.create(project=project, date="2027-01-01", text="Étape")
            titles.append(project.title)

    add.titles = titles
    return add


def campaign_url(campaign, suffix=""):
    return f"/budget-participatif/{campaign.slug}/{suffix}"


def test_campaign_page(client, campaign, add_projects):
    counts = queries_at_sizes(
        add=add_projects,
        fetch=lambda: ok(client.get(campaign_url(campaign)), add_projects.titles[-1]),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_campaign_page_for_a_citizen(client, campaign, add_projects):
    client.force_login(CitizenFactory())
    counts = queries_at_sizes(
        add=add_projects,
        fetch=lambda: ok(client.get(campaign_url(campaign)), add_projects.titles[-1]),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_api_campaign_projects(client, campaign, add_projects):
    counts = queries_at_sizes(
        add=add_projects,
        fetch=lambda: ok(
            client.get(f"/api/v1/campaigns/{campaign.slug}/projects"), add_projects.titles[-1]
        ),
    )
    assert counts[SMALL] == counts[LARGE], counts


def test_ballot_page(client, campaign):
    """The voter sees the city-wide projects and their district's."""
    city = campaign.envelopes.get()
    district = DistrictFactory()
    own = EnvelopeFactory(campaign=campaign, district=district)
    voter = CitizenFactory(profile__district=district)
    client.force_login(voter)
    titles = []

    def add(n):
        for i in range(n):
            project = ProjectFactory(envelope=city if i % 2 else own)
            titles.append(project.title)

    counts = queries_at_sizes(
        add=add, fetch=lambda: ok(client.get(campaign_url(campaign, "vote/")), titles[-1])
    )
    assert counts[SMALL] == counts[LARGE], counts


# Results -------------------------------------------------------------------------------------


@pytest.fixture
def counted(agent):
    """`counted.add(n)`: n more located winners in the city-wide envelope of a campaign whose
    results are published (again), each with a ballot; a voter in a district of their own."""
    campaign = campaign_with_results_create()
    city = campaign.envelopes.get()
    titles = []

    def add(n):
        for _ in range(n):
            project = ProjectFactory(
                envelope=city, latitude=Decimal("45.75"), longitude=Decimal("4.85")
            )
            ballot_create(campaign=campaign, envelope=city, choices=[project.pk])
            voter = CitizenFactory()
            campaign.voter_records.create(
                user=voter,
                district=voter.profile.district,
                channel=Channel.WEB,
                cast_at=campaign.vote_start,
            )
            titles.append(project.title)
        results_republish(campaign=campaign, actor=agent)

    add.campaign = campaign
    add.titles = titles
    return add


def test_results_page(client, counted):
    counts = queries_at_sizes(
        add=counted,
        fetch=lambda: ok(
            client.get(campaign_url(counted.campaign, "resultats/")), counted.titles[-1]
        ),
    )
    assert counts[SMALL] == counts[LARGE], counts
    assert set(Project.objects.values_list("status", flat=True)) == {Project.Status.SELECTED}


def test_api_campaign_ballots(client, counted):
    def fetch():
        response = ok(client.get(f"/api/v1/campaigns/{counted.campaign.slug}/ballots"))
        assert response.json()["count"] == len(counted.titles)

    counts = queries_at_sizes(add=counted, fetch=fetch)
    assert counts[SMALL] == counts[LARGE], counts


# Authors -----------------------------------------------------------------------------------


def test_first_authors_of_a_list_of_projects_cost_two_queries(django_assert_num_queries):
    """`with_first_author`: the same `author` as a lone project's (who submitted it, even when
    a co-author's account is older), for one query plus one whatever the number of projects."""
    projects = []
    for _ in range(LARGE):
        co_author, submitter = CitizenFactory(), CitizenFactory()
        project = ProjectFactory(authors=[submitter])
        project.authors.add(co_author)
        projects.append((project.pk, submitter))
    alone = Project.objects.get(pk=projects[0][0])
    assert alone.author == projects[0][1]

    with django_assert_num_queries(2):
        listed = list(with_first_author(Project.objects.order_by("pk")))
        authors = [(project.pk, project.author) for project in listed]
        names = [str(author.public_name) for _pk, author in authors]
    assert authors == projects
    assert names == [str(submitter.profile.display_name) for _pk, submitter in projects]


# A project's page ----------------------------------------------------------------------------


def test_project_page(client, campaign):
    """The project page with 15 photos, milestones and comments (each by its own citizen)
    costs the queries it costs with 3."""
    project = ProjectFactory(envelope=campaign.envelopes.get())
    Project.objects.filter(pk=project.pk).update(status=Project.Status.SELECTED)
    texts = []

    def add(n):
        for _ in range(n):
            k = len(texts) + 1
            ProjectPhoto.objects.create(project=project, image=image_create(), alt_text=f"Vue {k}")
            Milestone.objects.create(project=project, date=f"2027-01-{k:02d}", text=f"Étape {k}")
            comment_create(obj=project, user=CitizenFactory(), text=f"Avis numéro {k}")
            texts.append(f"Avis numéro {k}")

    counts = queries_at_sizes(
        add=add,
        fetch=lambda: ok(client.get(project.get_absolute_url()), texts[-1], f"Étape {len(texts)}"),
    )
    assert counts[SMALL] == counts[LARGE], counts
