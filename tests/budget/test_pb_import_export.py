"""`pb_import` and `pb_export`: a campaign from and to a Pabulib file, round trip included."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command

from budget.models import Ballot, Campaign, Project, VoterRecord
from budget.pabulib import parse_file
from budget.results import campaign_count, results_publish
from civic.accounts.models import User
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.budget.pabulib_data import DATA_DIR, election
from tests.factories import DistrictFactory

# Small approval files whose META rule is one of Civic's and that say what the city selected.
ROUND_TRIP_FILES = [
    "Netherlands_Assen_2024.pb",  # equalshares/add1
    "Poland_Gdynia_2023_Kamienna_Gora__small.pb",  # greedy-no-skip
    "Poland_Warszawa_2026_Srodmiescie_Polnocne.pb",  # greedy-threshold
    "Poland_Wroclaw_2018_Rejon_nr_11_250.pb",  # choose-1, greedy-no-skip
]


def import_file(name: str, slug: str = "importee") -> Campaign:
    call_command("pb_import", str(DATA_DIR / name), "--slug", slug)
    return Campaign.objects.get(slug=slug)


def file_ballots(source) -> Counter:
    names = {p.project_id: (p.name, p.cost) for p in source.projects}
    return Counter(frozenset(names[p] for p in voter.vote) for voter in source.voters if voter.vote)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ROUND_TRIP_FILES)
def test_import_then_count_reproduces_the_citys_selection(name, agent):
    source = election(name)
    campaign = import_file(name)

    assert campaign.pabulib_rule == source.rule
    assert campaign.total_amount == int(source.budget)
    assert not campaign.is_voting_open()
    assert campaign.projects.filter(status=Project.Status.ON_BALLOT).count() == len(source.projects)
    assert campaign.ballots.count() == sum(1 for v in source.voters if v.vote)
    assert not VoterRecord.objects.filter(campaign=campaign).exists()

    count = campaign_count(campaign)
    by_pk = {p.pk: p for p in campaign.projects.all()}
    selected_titles = {by_pk[pk].title for pk in count["envelopes"][0]["selected"]}
    expected = {p.name for p in source.projects if p.selected}
    assert selected_titles == expected


@pytest.mark.django_db
def test_round_trip_keeps_projects_costs_ballots_and_selection(agent, tmp_path):
    name = "Netherlands_Assen_2024.pb"
    source = election(name)
    users_before = User.objects.count()
    campaign = import_file(name)
    assert User.objects.count() == users_before  # no account made for the file's voters
    with time_machine.travel(campaign.vote_end + datetime.timedelta(days=1), tick=False):
        results_publish(actor=agent, campaign=campaign)

    out = tmp_path / "assen.pb"
    call_command("pb_export", campaign.slug, str(out))
    exported = parse_file(out)

    assert exported.meta["vote_type"] == "approval"
    assert exported.meta["rule"] == "equalshares/add1"
    assert Decimal(exported.meta["budget"]) == source.budget
    assert exported.meta["min_length"] == "2"
    assert sorted((p.name, p.cost) for p in exported.projects) == sorted(
        (p.name, p.cost) for p in source.projects
    )
    assert {p.name: p.votes for p in exported.projects} == {
        p.name: p.votes for p in source.projects
    }
    assert {p.name for p in exported.projects if p.selected} == {
        p.name for p in source.projects if p.selected
    }
    assert file_ballots(exported) == file_ballots(source)
    # Voter ids are opaque numbers, never anything tied to a person.
    assert sorted(int(v.voter_id) for v in exported.voters) == list(
        range(1, len(exported.voters) + 1)
    )


@pytest.mark.django_db
def test_export_of_a_campaign_with_district_envelopes_writes_one_file_each(tmp_path):
    campaign = CampaignFactory(slug="bp-2030")
    city = EnvelopeFactory(campaign=campaign, amount=300_000)
    ProjectFactory(envelope=city, title="Skatepark")
    district = EnvelopeFactory(
        campaign=campaign, amount=100_000, district=DistrictFactory(name="Le Port")
    )
    ProjectFactory(envelope=district, title="Ponton")
    Ballot.objects.create(
        campaign=campaign, envelope=city, choices=[city.projects.get().pk], receipt_hash="a" * 64
    )

    call_command("pb_export", "bp-2030", str(tmp_path / "bp.pb"))

    city_file = parse_file(tmp_path / "bp_ville.pb")
    port_file = parse_file(tmp_path / f"bp_{district.district.slug}.pb")
    assert [p.name for p in city_file.projects] == ["Skatepark"]
    assert city_file.projects[0].votes == 1
    assert "selected" not in city_file.project_columns  # results not published
    assert [p.name for p in port_file.projects] == ["Ponton"]
    assert port_file.meta["subunit"] == "Le Port"
    assert port_file.voters == []

    call_command("pb_export", "bp-2030", str(tmp_path / "port.pb"), "--envelope", "ville")
    assert parse_file(tmp_path / "port.pb").meta["budget"] == "300000"


@pytest.mark.django_db
def test_bad_files_give_a_clear_error_and_create_nothing(tmp_path):
    broken = tmp_path / "broken.pb"
    broken.write_text("META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id\n")
    with pytest.raises(CommandError, match="line 6.*cost"):
        call_command("pb_import", str(broken))

    with pytest.raises(CommandError, match="introuvable"):
        call_command("pb_import", str(tmp_path / "absent.pb"))

    with pytest.raises(CommandError, match="cumulative"):
        call_command("pb_import", str(DATA_DIR / "Poland_Czestochowa_2024_Mirow.pb"))

    import_file("Netherlands_Assen_2024.pb", slug="assen")
    with pytest.raises(CommandError, match="assen"):
        import_file("Netherlands_Assen_2024.pb", slug="assen")
    assert Campaign.objects.count() == 1


@pytest.mark.django_db
def test_export_refuses_an_unknown_campaign_or_envelope(tmp_path):
    with pytest.raises(CommandError, match="inconnue|Aucune campagne"):
        call_command("pb_export", "nope", str(tmp_path / "x.pb"))
    campaign = CampaignFactory(slug="bp-2031")
    EnvelopeFactory(campaign=campaign)
    with pytest.raises(CommandError, match="Enveloppe « nord » inconnue"):
        call_command("pb_export", "bp-2031", str(tmp_path / "x.pb"), "--envelope", "nord")
