"""Downloads of the anonymous ballots (CSV and Pabulib), only once results are published."""

import csv
import datetime
import io
import zipfile

import pytest
import time_machine
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from budget import downloads
from budget.ballots import ballot_cast
from budget.pabulib import parse_string
from budget.receipts import receipt_hash
from budget.results import results_publish


@pytest.fixture
def voted(city, make_voter):
    """Two voters; returns (city, receipt codes)."""
    codes = [
        ballot_cast(
            campaign=city.campaign,
            voter=make_voter(),
            choices={
                city.city.pk: [city.city_projects[0].pk, city.city_projects[1].pk],
                city.north.pk: [city.north_projects[0].pk],
            },
        ),
        ballot_cast(
            campaign=city.campaign,
            voter=make_voter(district=city.south.district),
            choices={city.city.pk: [city.city_projects[0].pk]},
        ),
    ]
    return city, codes


def get(view, slug, **params):
    return view(RequestFactory().get("/", params), slug=slug)


def publish(city, agent):
    with time_machine.travel(city.campaign.vote_end + datetime.timedelta(hours=1), tick=False):
        results_publish(actor=agent, campaign=city.campaign)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_nothing_is_downloadable_before_publication(voted):
    city, _codes = voted
    for view in (downloads.ballots_csv, downloads.ballots_pb):
        with pytest.raises(Http404):
            get(view, city.campaign.slug)
    with pytest.raises(Http404):
        get(downloads.ballots_csv, "unknown")


@pytest.mark.django_db
def test_csv_lists_every_ballot_with_its_receipt_hash(voted, agent):
    city, codes = voted
    publish(city, agent)

    response = get(downloads.ballots_csv, city.campaign.slug)

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 3  # two city-wide ballots and one north ballot
    mine = {row["receipt_hash"]: row for row in rows}
    first = mine[receipt_hash(codes[0], city.city.pk)]
    assert first["envelope"] == "Toute la ville"
    assert first["projects"] == f"{city.city_projects[0].pk} {city.city_projects[1].pk}"
    assert mine[receipt_hash(codes[0], city.north.pk)]["envelope"] == "Nord"
    # Nothing personal: no email, no user, no time.
    assert set(rows[0]) == {"receipt_hash", "envelope_id", "envelope", "projects"}


@pytest.mark.django_db
def test_pabulib_download_is_a_zip_of_envelopes_or_one_file(voted, agent):
    city, _codes = voted
    publish(city, agent)

    response = get(downloads.ballots_pb, city.campaign.slug)
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    slug = city.campaign.slug
    assert sorted(archive.namelist()) == sorted(
        [
            f"{slug}_ville.pb",
            f"{slug}_{city.north.district.slug}.pb",
            f"{slug}_{city.south.district.slug}.pb",
        ]
    )
    city_file = parse_string(archive.read(f"{slug}_ville.pb").decode())
    votes = {p.project_id: p.votes for p in city_file.projects}
    assert votes[str(city.city_projects[0].pk)] == 2
    assert len(city_file.voters) == 2
    assert city_file.meta["budget"] == "300000"

    one = get(downloads.ballots_pb, slug, enveloppe=city.north.district.slug)
    north = parse_string(one.content.decode())
    assert [v.vote for v in north.voters] == [(str(city.north_projects[0].pk),)]
    selected = {p.project_id for p in north.projects if p.selected}
    assert selected == {str(city.north_projects[0].pk)}

    with pytest.raises(Http404):
        get(downloads.ballots_pb, slug, enveloppe="nowhere")


@pytest.mark.django_db
def test_download_urls_answer_404_then_the_files(client, voted, agent):
    city, _codes = voted
    csv_url = reverse("budget:ballots_csv", args=[city.campaign.slug])
    pb_url = reverse("budget:ballots_pb", args=[city.campaign.slug])
    assert client.get(csv_url).status_code == 404
    assert client.get(pb_url).status_code == 404
    publish(city, agent)
    assert client.get(csv_url).status_code == 200
    assert client.get(pb_url)["Content-Type"] == "application/zip"
