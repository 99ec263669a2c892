"""Import of paper ballots from CSV: all or nothing, every invalid line reported."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from budget.ballots import ballot_cast, paper_ballot_record, pending_ballots_release
from budget.models import Ballot, VoterRecord
from budget.paper import paper_ballots_import_csv
from budget.results import results_publish
from tests.factories import CitizenFactory


def csv_file(text: str, encoding="utf-8-sig"):
    return io.BytesIO(text.encode(encoding))


@pytest.fixture
def voters(city, make_voter):
    return [make_voter(), make_voter(), make_voter(district=city.south.district)]


def test_a_valid_file_is_imported(city, voters, agent):
    a, b, c = voters
    text = (
        "voter_email;projects\n"
        f"{a.email};{city.city_projects[0].pk} {city.north_projects[0].pk}\n"
        f"{b.email.upper()};{city.city_projects[1].pk}|{city.city_projects[2].pk}\n"
        f"{c.email};{city.south_projects[0].pk}\n"
    )
    report = paper_ballots_import_csv(actor=agent, campaign=city.campaign, file=csv_file(text))
    assert (report.voters, report.ballots) == (3, 4)
    records = VoterRecord.objects.filter(campaign=city.campaign)
    assert {r.user for r in records} == {a, b, c}
    assert {(r.channel, r.recorded_by) for r in records} == {("counter", agent)}
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.count() == 4
    assert sorted(Ballot.objects.get(envelope=city.south).choices) == [city.south_projects[0].pk]
    assert "budget.campaign.paper_import" in ModelLogEntry.objects.for_instance(
        city.campaign
    ).values_list("action", flat=True)
    # Then voting online is refused.
    with pytest.raises(ValidationError) as error:
        ballot_cast(
            campaign=city.campaign, voter=a, choices={city.city.pk: [city.city_projects[1].pk]}
        )
    assert "déjà voté au guichet" in error.value.messages[0]


def test_a_comma_separated_file_with_extra_columns(city, voters, agent):
    a = voters[0]
    text = f"bureau,projects,voter_email\nMairie,{city.city_projects[0].pk},{a.email}\n"
    assert (
        paper_ballots_import_csv(actor=agent, campaign=city.campaign, file=csv_file(text)).voters
        == 1
    )


def test_every_invalid_line_is_reported_and_nothing_is_imported(city, voters, agent, make_voter):
    a, b, c = voters
    online = make_voter()
    ballot_cast(
        campaign=city.campaign, voter=online, choices={city.city.pk: [city.city_projects[0].pk]}
    )
    at_counter = make_voter()
    paper_ballot_record(
        actor=agent,
        campaign=city.campaign,
        citizen=at_counter,
        choices={city.city.pk: [city.city_projects[0].pk]},
    )
    no_district = CitizenFactory()
    no_district.profile.district = None
    no_district.profile.save()
    p = city.city_projects
    text = "\n".join(
        [
            "voter_email;projects",
            f"{a.email};{p[0].pk}",  # 2: valid
            f"inconnu@example.org;{p[0].pk}",  # 3
            f"{a.email};{p[1].pk}",  # 4: twice
            f"{b.email};{p[0].pk} {p[1].pk} {p[2].pk} {p[3].pk}",  # 5: too many
            f"{c.email};{city.north_projects[0].pk}",  # 6: another district
            f"{online.email};{p[1].pk}",  # 7: voted online
            f"{at_counter.email};{p[1].pk}",  # 8: already at the counter
            f"{no_district.email};{p[1].pk}",  # 9: not eligible
            f";{p[1].pk}",  # 10: no address
            f"{make_voter().email};12a",  # 11: not ids
            f"{make_voter().email};999999",  # 12: unknown project
            f"{make_voter().email};",  # 13: empty ballot
        ]
    )
    with pytest.raises(ValidationError) as error:
        paper_ballots_import_csv(actor=agent, campaign=city.campaign, file=csv_file(text))
    messages = error.value.messages
    assert [m.split(" ", 2)[1] for m in messages] == [str(n) for n in range(3, 14)]
    text_of = dict(zip(range(3, 14), messages, strict=True))
    assert "aucun compte" in text_of[3]
    assert "figure déjà ligne 2" in text_of[4]
    assert "3 au plus" in text_of[5]
    assert "réservée aux habitants" in text_of[6]
    assert "déjà voté en ligne" in text_of[7]
    assert "déjà voté au guichet" in text_of[8]
    assert "quartier de résidence" in text_of[9]
    assert "adresse e-mail est vide" in text_of[10]
    assert "n'est pas une liste de numéros" in text_of[11]
    assert "999999 inconnu" in text_of[12]
    assert "bulletin est vide" in text_of[13]
    # All or nothing: the valid line 2 was not kept either.
    assert not VoterRecord.objects.filter(user=a).exists()
    pending_ballots_release(campaign=city.campaign, batch=0)  # as at the close
    assert Ballot.objects.count() == 2


def test_a_file_without_the_columns_or_not_in_utf8(city, agent):
    with pytest.raises(ValidationError) as error:
        paper_ballots_import_csv(
            actor=agent, campaign=city.campaign, file=csv_file("email;choix\n")
        )
    assert "colonnes manquantes : voter_email, projects" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        paper_ballots_import_csv(
            actor=agent,
            campaign=city.campaign,
            file=csv_file("voter_email;projects\né;1\n", "latin-1"),
        )
    assert "UTF-8" in error.value.messages[0]


def test_import_is_for_agents_and_until_the_results(city, voters, agent, citizen):
    line = f"voter_email;projects\n{voters[0].email};{city.city_projects[0].pk}\n"
    with pytest.raises(PermissionDenied):
        paper_ballots_import_csv(actor=citizen, campaign=city.campaign, file=csv_file(line))
    counting = city.campaign.vote_end + datetime.timedelta(days=1)
    with time_machine.travel(counting, tick=False):
        # Ballot boxes are counted after the close: still accepted.
        paper_ballots_import_csv(actor=agent, campaign=city.campaign, file=csv_file(line))
        results_publish(actor=agent, campaign=city.campaign)
        with pytest.raises(ValidationError) as error:
            paper_ballots_import_csv(
                actor=agent,
                campaign=city.campaign,
                file=csv_file(
                    f"voter_email;projects\n{voters[1].email};{city.city_projects[0].pk}\n"
                ),
            )
    assert "résultats sont publiés" in error.value.messages[0]
