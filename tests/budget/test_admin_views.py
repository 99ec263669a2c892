"""The budget's Wagtail admin pages: paper ballots at the counter, CSV import, results
(preview, publish, withdraw), follow-up of winners, and projects in the moderation queue."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budget.ballots import ballot_cast
from budget.models import Channel, Milestone, Project, VoterRecord
from budget.results import results_publish
from civic.notifications.services import follow_toggle
from tests.budget.factories import ProjectFactory
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def after_the_vote(campaign):
    return time_machine.travel(campaign.vote_end + datetime.timedelta(hours=1), tick=False)


# Paper ballots at the counter -----------------------------------------------------------


def test_campaign_list_offers_the_counter_import_and_results_pages(client, agent, city):
    client.force_login(agent)
    page = client.get(reverse("wagtailsnippets_budget_campaign:list")).content.decode()
    for name in ("paper_ballot", "paper_import", "results"):
        assert reverse(f"budget_admin:{name}", args=[city.campaign.pk]) in page


def test_the_agent_cannot_type_a_ballot_the_voter_casts_it_in_the_booth(client, agent, city, voter):
    client.force_login(agent)
    url = reverse("budget_admin:paper_ballot", args=[city.campaign.pk])

    unknown = client.get(url, {"q": "personne@example.org"}).content.decode()
    assert "Personne ne correspond." in unknown

    found = client.get(url, {"q": voter.email.upper()}).content.decode()
    assert voter.public_name in found
    assert 'name="envelope_' not in found and city.city_projects[0].title not in found

    # Choices posted to the agent's screen (the former paper-ballot form) record nothing.
    typed = client.post(
        url,
        {
            "action": "ballot",
            "citizen": voter.pk,
            "identity_checked": "on",
            f"envelope_{city.city.pk}": [city.city_projects[0].pk],
        },
    )
    assert typed.status_code == 200 and not VoterRecord.objects.exists()

    client.post(url, {"action": "kiosk", "citizen": voter.pk, "identity_checked": "on"})
    kiosk = reverse("budget_admin:kiosk", args=[city.campaign.pk])
    booth = client.get(kiosk).content.decode()
    assert f'name="enveloppe-{city.city.pk}"' in booth
    assert f'name="enveloppe-{city.north.pk}"' in booth
    assert f'name="enveloppe-{city.south.pk}"' not in booth  # not the voter's district
    too_many = {f"enveloppe-{city.city.pk}": [p.pk for p in city.city_projects[:4]]}
    refused = client.post(kiosk, {**too_many, "action": "review"})
    assert refused.status_code == 400 and "3 au plus" in refused.content.decode()
    done = client.post(
        kiosk,
        {
            "action": "confirm",
            f"enveloppe-{city.city.pk}": [city.city_projects[0].pk],
            f"enveloppe-{city.north.pk}": [city.north_projects[1].pk],
        },
    )
    assert "Votre code de reçu" in done.content.decode()
    record = VoterRecord.objects.get(user=voter)
    assert record.channel == Channel.COUNTER and record.recorded_by == agent
    with pytest.raises(ValidationError, match="guichet"):
        ballot_cast(
            campaign=city.campaign, voter=voter, choices={city.city.pk: [city.city_projects[1].pk]}
        )
    again = client.post(
        url, {"action": "check", "citizen": voter.pk, "identity_checked": "on"}
    ).content.decode()
    assert "a déjà voté" in again


def test_citizens_and_elected_officials_cannot_record_paper_ballots(client, citizen, city):
    client.force_login(citizen)
    url = reverse("budget_admin:paper_ballot", args=[city.campaign.pk])
    assert client.get(url).status_code in (302, 403)


def test_csv_import_lists_every_bad_line_and_imports_nothing_then_imports_all(
    client, agent, city, make_voter
):
    first, second = make_voter(), make_voter(district=city.south.district)
    client.force_login(agent)
    url = reverse("budget_admin:paper_import", args=[city.campaign.pk])
    page = client.get(url).content.decode()
    assert "voter_email" in page and city.city_projects[0].title in page

    bad = (
        "voter_email;projects\n"
        f"{first.email};{city.city_projects[0].pk}\n"
        f"inconnu@example.org;{city.city_projects[0].pk}\n"
        f"{second.email};999999\n"
    )
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", bad.encode())})
    text = response.content.decode()
    assert "Rien n'a été importé : 2 erreurs à corriger." in text
    assert "Ligne 3 (inconnu@example.org)" in text and "Ligne 4" in text
    assert not VoterRecord.objects.exists()

    good = (
        "voter_email,projects\n"
        f"{first.email},{city.city_projects[0].pk} {city.north_projects[0].pk}\n"
        f"{second.email},{city.south_projects[0].pk}\n"
    )
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", good.encode())}, follow=True)
    assert "2 votants et 3 bulletins importés." in response.content.decode()
    assert VoterRecord.objects.filter(channel=Channel.COUNTER).count() == 2


# Results ----------------------------------------------------------------------------------


def test_results_preview_then_publish_then_withdraw_by_an_administrator(
    client, agent, administrator, city, make_voter
):
    ballot_cast(
        campaign=city.campaign,
        voter=make_voter(),
        choices={city.city.pk: [city.city_projects[2].pk]},
    )
    url = reverse("budget_admin:results", args=[city.campaign.pk])
    client.force_login(agent)
    during = client.get(url).content.decode()
    assert "aucun résultat, même provisoire" in during

    with after_the_vote(city.campaign):
        preview = client.post(url).content.decode()
        assert "Aperçu (non publié)" in preview and city.city_projects[2].title in preview
        assert not Project.objects.filter(status=Project.Status.SELECTED).exists()

        publish_url = reverse("budget_admin:results_publish", args=[city.campaign.pk])
        assert "Oui, publier" in client.get(publish_url).content.decode()
        published = client.post(publish_url, follow=True).content.decode()
        assert "Résultats publiés" in published
        assert Project.objects.get(pk=city.city_projects[2].pk).status == "selected"

        withdraw_url = reverse("budget_admin:results_withdraw", args=[city.campaign.pk])
        assert client.get(withdraw_url).status_code in (302, 403)  # agents cannot withdraw

        client.force_login(administrator)
        empty = client.post(withdraw_url, {"reason": ""})
        assert empty.status_code == 200 and city.campaign.results.get().withdrawn_at is None
        client.post(withdraw_url, {"reason": "Erreur de saisie des bulletins papier."})
        result = city.campaign.results.get()
        assert result.withdrawn_at is not None
        assert result.withdraw_reason == "Erreur de saisie des bulletins papier."
        assert Project.objects.get(pk=city.city_projects[2].pk).status == "on_ballot"


# Follow-up --------------------------------------------------------------------------------


@pytest.fixture
def winner(city, make_voter, agent):
    project = city.city_projects[0]
    ballot_cast(campaign=city.campaign, voter=make_voter(), choices={city.city.pk: [project.pk]})
    with after_the_vote(city.campaign):
        results_publish(actor=agent, campaign=city.campaign)
    project.refresh_from_db()
    return project


def test_follow_up_status_and_milestones_notify_followers(
    client, agent, winner, django_capture_on_commit_callbacks
):
    follower = CitizenFactory(email="suiveuse@example.org")
    follow_toggle(user=follower, obj=winner)
    client.force_login(agent)
    url = reverse("budget_admin:followup", args=[winner.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, {"followup": "1", "status": "abandoned", "reason": ""})
    assert "Expliquez pourquoi le projet est abandonné." in refused.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"followup": "1", "status": "in_progress", "progress": "40"})
        client.post(
            url,
            {
                "milestone": "1",
                "milestone-date": "2027-03-01",
                "milestone-text": "Début des travaux.",
            },
        )
    winner.refresh_from_db()
    assert (winner.followup_status, winner.progress) == ("in_progress", 40)
    assert Milestone.objects.get(project=winner).text == "Début des travaux."
    assert [m.to for m in mail.outbox] == [["suiveuse@example.org"]] * 2
    assert "Début des travaux." in client.get(url).content.decode()


def test_projects_page_links_winners_to_their_follow_up(client, agent, winner):
    client.force_login(agent)
    page = client.get(reverse("wagtailsnippets_budget_project:list")).content.decode()
    assert reverse("budget_admin:followup", args=[winner.pk]) in page


# Moderation queue -------------------------------------------------------------------------


def test_submitted_projects_wait_in_the_moderation_queue_until_studied(
    client, agent, city, django_capture_on_commit_callbacks
):
    project = ProjectFactory(
        envelope=city.city, title="Un kiosque à vélos", status="submitted", validated_cost=None
    )
    author = CitizenFactory(email="porteur@example.org")
    other = ProjectFactory(
        envelope=city.city,
        title="Un banc de trop",
        status="submitted",
        validated_cost=None,
        authors=[author],
    )
    client.force_login(agent)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Un kiosque à vélos" in queue

    client.post(reverse("moderation:action", args=["budget_projects", project.pk, "review"]))
    project.refresh_from_db()
    assert project.status == Project.Status.IN_REVIEW

    url = reverse("moderation:action", args=["budget_projects", other.pk, "ineligible"])
    assert client.post(url, {"reason": ""}).status_code == 200  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Hors des compétences de la commune."})
    other.refresh_from_db()
    assert other.status == Project.Status.INELIGIBLE
    assert other.public_note == "Hors des compétences de la commune."
    # The author is told, with the reason (kind `project_review_decision`).
    [email] = mail.outbox
    assert email.to == ["porteur@example.org"]
    assert "Hors des compétences de la commune." in email.body
    assert "Un kiosque à vélos" not in client.get(reverse("moderation:queue")).content.decode()
