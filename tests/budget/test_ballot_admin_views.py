"""The ballot in the Wagtail admin: the review form has its submit button, "Mettre au vote" on
a project and in bulk, and the campaign and project forms read-only during the vote (a crafted
post changes nothing); administrators correct through their own page."""

import pytest
from django.urls import reverse

from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.budget.test_wagtail_hooks import campaign_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def envelope(db):
    return EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.REVIEW))


def bulk_url(action, *projects, ids=None):
    url = reverse("wagtail_bulk_action", args=["budget", "project", action])
    ids = ids if ids is not None else [p.pk for p in projects]
    listing = reverse("wagtailsnippets_budget_project:list")
    return url + f"?next={listing}&" + "&".join(f"id={pk}" for pk in ids)


@pytest.mark.parametrize("role", ["agent", "administrator"])
def test_the_review_page_has_a_save_button(client, request, envelope, role):
    project = ProjectFactory(envelope=envelope, status="submitted", validated_cost=None)
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("wagtailsnippets_budget_project:review", args=[project.pk]))
    html = page.content.decode()
    assert 'type="submit"' in html and "Enregistrer l&#x27;instruction" in html
    assert "Statut actuel : <strong>Déposé</strong>" in html


def test_an_eligible_project_goes_on_the_ballot_from_its_row(client, agent, envelope):
    eligible = ProjectFactory(envelope=envelope, status="eligible", title="Bancs")
    submitted = ProjectFactory(envelope=envelope, status="submitted", validated_cost=None)
    client.force_login(agent)
    listing = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    put_url = reverse("budget_admin:project_put_on_ballot", args=[eligible.pk])
    assert put_url in listing
    assert reverse("budget_admin:project_put_on_ballot", args=[submitted.pk]) not in listing

    assert "Oui, mettre au vote" in client.get(put_url).content.decode()
    done = client.post(put_url, follow=True).content.decode()
    assert "« Bancs » est sur le bulletin de vote." in done
    eligible.refresh_from_db()
    assert eligible.status == Project.Status.ON_BALLOT

    withdraw_url = reverse("budget_admin:project_withdraw_from_ballot", args=[eligible.pk])
    assert (
        withdraw_url in client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    )
    client.post(withdraw_url)
    eligible.refresh_from_db()
    assert eligible.status == Project.Status.ELIGIBLE

    refused = client.get(reverse("budget_admin:project_put_on_ballot", args=[submitted.pk]))
    assert "Seul un projet recevable" in refused.content.decode()
    assert "Oui, mettre au vote" not in refused.content.decode()
    client.post(reverse("budget_admin:project_put_on_ballot", args=[submitted.pk]))
    assert Project.objects.get(pk=submitted.pk).status == Project.Status.SUBMITTED


def test_elected_officials_cannot_put_a_project_on_the_ballot(client, elected, envelope):
    project = ProjectFactory(envelope=envelope, status="eligible")
    client.force_login(elected)
    url = reverse("budget_admin:project_put_on_ballot", args=[project.pk])
    refused = client.post(url)
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert Project.objects.get(pk=project.pk).status == Project.Status.ELIGIBLE


def test_bulk_put_on_ballot_moves_the_eligible_ones_and_lists_the_others(client, agent, envelope):
    first, second = (ProjectFactory(envelope=envelope, status="eligible") for _ in range(2))
    submitted = ProjectFactory(
        envelope=envelope, status="submitted", validated_cost=None, title="Pas encore étudié"
    )
    client.force_login(agent)
    listing = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    assert "Mettre au vote" in listing and "Retirer du bulletin" in listing  # bulk actions bar
    url = bulk_url("put_on_ballot", first, second, submitted)
    page = client.get(url).content.decode()
    assert "Ces 2 projets vont être ajoutés au bulletin" in page
    assert "Pas encore étudié : Seul un projet recevable" in page
    done = client.post(url, follow=True).content.decode()
    assert "2 projets mis au vote." in done
    statuses = dict(Project.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "on_ballot", second.pk: "on_ballot", submitted.pk: "submitted"}

    client.post(bulk_url("withdraw_from_ballot", first))
    assert Project.objects.get(pk=first.pk).status == "eligible"


@pytest.mark.parametrize("ids", [["abc"], ["9" * 40], []])
def test_malformed_bulk_ids_are_a_404_not_a_500(client, agent, envelope, ids):
    client.force_login(agent)
    assert client.get(bulk_url("put_on_ballot", ids=ids)).status_code == 404


def test_a_nul_byte_in_the_bulk_ids_is_a_400(client, agent, envelope):
    client.force_login(agent)
    assert client.get(bulk_url("put_on_ballot", ids=["1%00"])).status_code == 400


# During the vote ---------------------------------------------------------------------------


def test_the_campaign_form_is_read_only_during_the_vote_and_ignores_a_crafted_post(
    client, agent, city
):
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_campaign:edit", args=[city.campaign.pk])
    form = client.get(url).context["form"]
    for name in ("tally_rule", "tally_threshold", "greedy_completion", "total_amount"):
        assert form.fields[name].disabled
        assert "Figé depuis l'ouverture du vote" in form.fields[name].help_text
    assert "les enveloppes et leurs montants sont figés" in client.get(url).content.decode()

    data = campaign_form_data(
        city.campaign,
        [city.city, city.north, city.south],
        title="BP 2027 (vote en cours)",
        tally_rule="equalshares",
        total_amount="5000000",
    )
    data["envelopes-0-amount"] = "1"
    data["envelopes-2-DELETE"] = "on"
    data.update(
        {"envelopes-TOTAL_FORMS": "4", "envelopes-3-district": "", "envelopes-3-amount": "9"}
    )
    assert client.post(url, data).status_code == 302
    campaign = Campaign.objects.get(pk=city.campaign.pk)
    assert campaign.title == "BP 2027 (vote en cours)"  # not frozen
    assert (campaign.tally_rule, campaign.total_amount) == ("greedy", 1_000_000)
    amounts = sorted(campaign.envelopes.values_list("amount", flat=True))
    assert amounts == [200_000, 200_000, 300_000]


def test_the_project_form_is_read_only_during_the_vote_and_ignores_a_crafted_post(
    client, agent, city
):
    project = city.city_projects[0]
    client.force_login(agent)
    url = reverse("wagtailsnippets_budget_project:edit", args=[project.pk])
    form = client.get(url).context["form"]
    for name in ("title", "estimated_cost", "envelope", "campaign"):
        assert form.fields[name].disabled
    data = {
        "campaign": str(CampaignFactory().pk),
        "envelope": str(city.north.pk),
        "title": "Renommé",
        "summary": "Résumé corrigé.",
        "description": project.description,
        "latitude": "",
        "longitude": "",
        "estimated_cost": "1",
        "authors": [str(a.pk) for a in project.authors.all()],
    }
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.estimated_cost, project.envelope) == (
        "Ville 0",
        100_000,
        city.city,
    )
    assert project.summary == "Résumé corrigé."


def test_only_administrators_correct_during_the_vote(client, agent, administrator, city):
    project = city.city_projects[0]
    url = reverse("budget_admin:project_correct", args=[project.pk])
    client.force_login(agent)
    refused = client.get(url)
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    edit = reverse("wagtailsnippets_budget_project:edit", args=[project.pk])
    assert url not in client.get(edit).content.decode()

    client.force_login(administrator)
    assert url in client.get(edit).content.decode()
    data = {
        "title": "Ville 0 (corrigé)",
        "envelope": str(city.city.pk),
        "estimated_cost": "100000",
        "validated_cost": "95000",
        "reason": "",
    }
    missing = client.post(url, data)
    assert missing.status_code == 200 and "reason" in missing.context["form"].errors
    data["reason"] = "Devis révisé"
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert (project.title, project.validated_cost) == ("Ville 0 (corrigé)", 95_000)

    campaign_url = reverse("budget_admin:campaign_correct", args=[city.campaign.pk])
    page = client.get(campaign_url).content.decode()
    assert "Montant de l&#x27;enveloppe « Nord » (€)" in page


def test_the_project_listing_with_its_ballot_actions_costs_the_same_at_two_sizes(
    client, agent, envelope
):
    from tests.queries import LARGE, SMALL, queries_at_sizes

    def add(count):
        for index in range(count):
            other = EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.REVIEW))
            ProjectFactory(envelope=other if index % 2 else envelope, status="eligible")

    def fetch():
        response = client.get(reverse("wagtailsnippets_budget_project:list"))
        assert response.status_code == 200 and "Mettre au vote" in response.content.decode()

    client.force_login(agent)
    counts = queries_at_sizes(add=add, fetch=fetch)
    assert counts[SMALL] == counts[LARGE], counts


def test_a_nul_byte_or_a_missing_project_is_refused_without_a_500(client, administrator, city):
    project = city.city_projects[0]
    client.force_login(administrator)
    url = reverse("budget_admin:project_correct", args=[project.pk])
    data = {
        "title": "Ville 0 corrigé",
        "envelope": str(city.city.pk),
        "estimated_cost": "100000",
        "validated_cost": "9" * 30,
        "reason": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"validated_cost", "reason"}
    # A NUL byte never reaches the form (civic.middleware refuses the request).
    assert client.post(url, {**data, "reason": "Erreur\x00"}).status_code == 400
    assert Project.objects.get(pk=project.pk).title == "Ville 0"
    assert client.get(reverse("budget_admin:project_correct", args=[999_999])).status_code == 404
    missing = reverse("budget_admin:project_put_on_ballot", args=[999_999])
    assert client.post(missing).status_code == 404
