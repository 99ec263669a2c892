"""Citizens propose a project during the submission phase: `/budget-participatif/<slug>/proposer/`,
then find it with its status in "Mes projets" on their dashboard."""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def campaign():
    campaign = CampaignFactory(phase=Campaign.Phase.SUBMISSION, title="Budget participatif 2028")
    EnvelopeFactory(campaign=campaign, amount=300_000)
    EnvelopeFactory(campaign=campaign, district=DistrictFactory(name="Gare"), amount=100_000)
    return campaign


def submit_url(campaign):
    return reverse("budget:project_submit", args=[campaign.slug])


def valid_data(campaign, **changes):
    data = {
        "title": "Des arbres rue Pasteur",
        "summary": "Planter douze arbres pour rafraîchir la rue.",
        "description": "La rue Pasteur est brûlante l'été : douze arbres y feraient de l'ombre.",
        "envelope": campaign.envelopes.get(district=None).pk,
        "estimated_cost": "45 000",
        "latitude": "",
        "longitude": "",
    }
    data.update(changes)
    return data


def jpeg_upload():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 60)).save(buffer, format="JPEG")
    return SimpleUploadedFile("arbres.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_anonymous_is_sent_to_login(client, campaign):
    response = client.get(submit_url(campaign))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_unverified_email_is_refused_with_explanation(client, campaign):
    client.force_login(UserFactory())
    html = client.get(submit_url(campaign)).content.decode()
    assert "confirmez d'abord votre adresse e-mail" in html
    assert 'name="title"' not in html
    response = client.post(submit_url(campaign), valid_data(campaign))
    assert response.status_code == 403
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("phase", "message"),
    [
        (Campaign.Phase.UPCOMING, "il ouvrira le"),
        (Campaign.Phase.REVIEW, "est clos depuis le"),
        (Campaign.Phase.VOTE, "est clos depuis le"),
    ],
)
def test_outside_submission_phase_says_when_and_creates_nothing(client, citizen, phase, message):
    campaign = CampaignFactory(phase=phase)
    EnvelopeFactory(campaign=campaign)
    client.force_login(citizen)
    html = client.get(submit_url(campaign)).content.decode()
    assert message in html and 'name="title"' not in html
    response = client.post(submit_url(campaign), valid_data(campaign))
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Project.objects.exists()


def test_campaign_page_links_to_the_form_only_in_submission_phase(client, campaign):
    url = reverse("budget:campaign_detail", args=[campaign.slug])
    assert submit_url(campaign) in client.get(url).content.decode()
    voting = CampaignFactory(phase=Campaign.Phase.VOTE)
    html = client.get(reverse("budget:campaign_detail", args=[voting.slug])).content.decode()
    assert submit_url(voting) not in html


def test_form_lists_the_city_wide_and_district_envelopes_and_says_what_is_public(
    client, citizen, campaign
):
    client.force_login(citizen)
    html = client.get(submit_url(campaign)).content.decode()
    assert "Toute la ville" in html and "Gare" in html
    assert "pseudonyme" in html and "jamais votre nom ni votre e-mail" in html


def test_valid_submission_creates_a_submitted_project_and_confirms(client, citizen, campaign):
    client.force_login(citizen)
    district = campaign.envelopes.get(district__name="Gare")
    data = valid_data(campaign, envelope=district.pk, latitude="47.081234", longitude="2.401234")
    data["photo"] = jpeg_upload()
    response = client.post(submit_url(campaign), data, follow=True)
    project = Project.objects.get()
    assert project.status == Project.Status.SUBMITTED
    assert list(project.authors.all()) == [citizen]
    assert project.campaign == campaign and project.envelope == district
    assert project.estimated_cost == 45_000
    assert str(project.latitude) == "47.081234"
    assert project.photos.count() == 1
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    html = response.content.decode()
    assert "Votre projet est bien déposé" in html and "(faisabilité, coût)" in html
    assert "Des arbres rue Pasteur" in html


@pytest.mark.parametrize(
    ("cost", "error"),
    [
        ("quarante mille", "en chiffres et sans centimes"),
        ("0", "au moins 1"),
        ("-5", "au moins 1"),
        ("", "Indiquez un coût estimé"),
    ],
)
def test_invalid_cost_is_reported_on_its_field_and_keeps_what_was_typed(
    client, citizen, campaign, cost, error
):
    client.force_login(citizen)
    response = client.post(submit_url(campaign), valid_data(campaign, estimated_cost=cost))
    assert response.status_code == 400
    assert not Project.objects.exists()
    assert error in response.context["form"].errors["estimated_cost"][0]
    html = response.content.decode()
    assert 'value="Des arbres rue Pasteur"' in html
    assert "Planter douze arbres pour rafraîchir la rue." in html
    assert "Rien de ce que vous avez saisi n'est perdu" in html


def test_valid_photo_is_kept_when_another_field_needs_a_correction(client, citizen, campaign):
    client.force_login(citizen)
    data = valid_data(campaign, estimated_cost="")
    data["photo"] = jpeg_upload()
    response = client.post(submit_url(campaign), data)
    assert response.status_code == 400
    token = response.context["form"]["photo_token"].value()
    assert token and "Votre photo est bien conservée" in response.content.decode()
    client.post(submit_url(campaign), valid_data(campaign, photo_token=token))
    assert Project.objects.get().photos.count() == 1


def test_script_in_title_is_inert_on_project_page_and_dashboard(client, citizen, campaign):
    client.force_login(citizen)
    title = "<script>alert(1)</script> Bancs"
    client.post(submit_url(campaign), valid_data(campaign, title=title))
    project = Project.objects.get()
    assert project.title == title
    for url in (project.get_absolute_url(), reverse("accounts:dashboard")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Bancs" in html


def test_dashboard_lists_my_projects_with_their_status(client, citizen, campaign):
    envelope = campaign.envelopes.get(district=None)
    ProjectFactory(
        envelope=envelope, title="Projet déposé", status=Project.Status.SUBMITTED, authors=[citizen]
    )
    ProjectFactory(
        envelope=envelope,
        title="Projet refusé",
        status=Project.Status.INELIGIBLE,
        validated_cost=None,
        public_note="Ce terrain n'appartient pas à la ville.",
        authors=[citizen],
    )
    ProjectFactory(envelope=envelope, title="Projet d'un autre")
    client.force_login(citizen)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mes projets" in html
    assert "Projet déposé" in html and ">Déposé</span>" in html
    assert "Projet refusé" in html and ">Non recevable</span>" in html
    assert "Ce terrain n&#x27;appartient pas à la ville." in html
    assert "Projet d&#x27;un autre" not in html and "Projet d'un autre" not in html


def test_dashboard_has_no_projects_block_without_projects(client, campaign):
    client.force_login(CitizenFactory())
    assert "Mes projets" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_submission_closes_at_its_end_date(client, citizen, campaign):
    client.force_login(citizen)
    with time_machine.travel(campaign.submission_end + datetime.timedelta(seconds=1)):
        response = client.post(submit_url(campaign), valid_data(campaign))
    assert response.status_code == 403
    assert not Project.objects.exists()
    assert timezone.now() == NOW
