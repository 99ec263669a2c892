import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import ModelLogEntry

from budget import services
from budget.models import Campaign, Project
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, UserFactory


def log_actions(instance):
    return list(
        ModelLogEntry.objects.for_instance(instance).order_by("pk").values_list("action", flat=True)
    )


@pytest.fixture
def submission_envelope(db):
    return EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.SUBMISSION))


def submit(author, envelope, **kwargs):
    return services.project_submit(
        author=author,
        campaign=envelope.campaign,
        envelope=envelope,
        title="Un jardin partagé",
        summary="Des bacs et un composteur.",
        description="Au pied des immeubles.",
        estimated_cost=25_000,
        **kwargs,
    )


# Submission ---------------------------------------------------------------------------------


def test_a_citizen_submits_a_project_during_the_submission_phase(citizen, submission_envelope):
    project = submit(citizen, submission_envelope)
    assert project.status == Project.Status.SUBMITTED
    assert list(project.authors.all()) == [citizen]
    assert project.cost == 25_000
    assert log_actions(project) == ["budget.project.submit"]


def test_submission_is_refused_outside_its_phase(citizen, submission_envelope):
    campaign = submission_envelope.campaign
    for moment in (
        campaign.submission_start - datetime.timedelta(seconds=1),
        campaign.submission_end,
    ):
        with time_machine.travel(moment, tick=False), pytest.raises(ValidationError) as error:
            submit(citizen, submission_envelope)
        assert "Le dépôt des projets n'est pas ouvert" in error.value.messages[0]
    assert not Project.objects.exists()


def test_submission_needs_a_verified_email(user, submission_envelope):
    with pytest.raises(ValidationError) as error:
        submit(user, submission_envelope)
    assert "Vérifiez d'abord votre adresse e-mail" in error.value.messages[0]


def test_submission_into_another_campaigns_envelope_is_refused(citizen, submission_envelope):
    other = EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.SUBMISSION))
    with pytest.raises(ValidationError):
        services.project_submit(
            author=citizen,
            campaign=submission_envelope.campaign,
            envelope=other,
            title="t",
            summary="s",
            description="d",
            estimated_cost=1,
        )


# Review -------------------------------------------------------------------------------------


@pytest.fixture
def submitted(db):
    return ProjectFactory(
        status=Project.Status.SUBMITTED,
        validated_cost=None,
        envelope__campaign=CampaignFactory(phase=Campaign.Phase.REVIEW),
    )


def test_an_agent_declares_a_project_eligible_with_a_validated_cost(agent, submitted):
    project = services.project_review(
        actor=agent,
        project=submitted,
        decision=Project.Status.ELIGIBLE,
        feasibility=Project.Feasibility.FEASIBLE_WITH_CHANGES,
        validated_cost=140_000,
        public_note="Coût revu avec les services techniques.",
        internal_note="Voir devis n° 42.",
    )
    project.refresh_from_db()
    assert project.status == Project.Status.ELIGIBLE
    assert project.cost == 140_000
    assert project.internal_note == "Voir devis n° 42."
    assert log_actions(project) == ["budget.project.review"]


def test_eligible_needs_a_cost_and_ineligible_a_public_reason(agent, submitted):
    with pytest.raises(ValidationError) as error:
        services.project_review(actor=agent, project=submitted, decision="eligible")
    assert "validated_cost" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.project_review(actor=agent, project=submitted, decision="ineligible")
    assert "public_note" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.status == Project.Status.SUBMITTED


@pytest.mark.parametrize("role", ["citizen", "moderator", "elected"])
def test_only_agents_review(request, role, submitted):
    with pytest.raises(PermissionDenied):
        services.project_review(
            actor=request.getfixturevalue(role),
            project=submitted,
            decision="ineligible",
            public_note="Non.",
        )


def test_a_project_on_the_ballot_cannot_be_reviewed_again(agent, db):
    project = ProjectFactory(status=Project.Status.ON_BALLOT)
    with pytest.raises(ValidationError):
        services.project_review(
            actor=agent, project=project, decision="ineligible", public_note="x"
        )


def test_authors_are_notified_of_the_decision(
    agent, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.project_review(
            actor=agent, project=submitted, decision="ineligible", public_note="Hors compétence."
        )
    assert [message.to for message in mailoutbox] == [[submitted.author.email]]
    assert "Hors compétence." in mailoutbox[0].body


def test_a_misspelt_notification_kind_fails_loudly_instead_of_sending_nothing(submitted):
    # Budget emails go straight to `notification_send`: nothing skips an unknown kind.
    with pytest.raises(ValueError, match="project_reveiw_decision"):
        services._notify(
            recipients=submitted.authors.all(),
            kind="project_reveiw_decision",
            context={},
            obj=submitted,
        )


def test_put_on_ballot_only_eligible_and_before_the_vote(agent, submitted):
    with pytest.raises(ValidationError):
        services.project_put_on_ballot(actor=agent, project=submitted)
    services.project_review(actor=agent, project=submitted, decision="eligible", validated_cost=9)
    project = services.project_put_on_ballot(actor=agent, project=submitted)
    assert project.status == Project.Status.ON_BALLOT
    assert "budget.project.put_on_ballot" in log_actions(project)

    late = ProjectFactory(status=Project.Status.ELIGIBLE)  # campaign in its vote phase
    with pytest.raises(ValidationError) as error:
        services.project_put_on_ballot(actor=agent, project=late)
    assert "Le vote a commencé" in error.value.messages[0]


# Transfer of an idea ------------------------------------------------------------------------


def test_an_idea_becomes_a_project_and_stays_linked(agent, citizen, db):
    from proposals.models import Idea, Theme

    theme = Theme.objects.create(name="Cadre de vie", slug="cadre-de-vie")
    idea = Idea.objects.create(
        title="Des bancs au parc",
        body="Pour se reposer.",
        theme=theme,
        author=citizen,
        status=Idea.Status.ACCEPTED,
    )
    envelope = EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.REVIEW))
    project = services.idea_transfer_to_project(
        actor=agent, idea=idea, campaign=envelope.campaign, envelope=envelope, estimated_cost=8000
    )
    assert project.from_idea == idea
    assert list(project.authors.all()) == [citizen]
    assert project.title == "Des bancs au parc"
    idea.refresh_from_db()
    assert idea.status == Idea.Status.TRANSFERRED
    assert "budget.project.transfer_from_idea" in log_actions(project)


def test_transfer_is_for_agents_only(citizen, db):
    envelope = EnvelopeFactory(campaign=CampaignFactory(phase=Campaign.Phase.REVIEW))
    with pytest.raises(PermissionDenied):
        services.idea_transfer_to_project(
            actor=citizen,
            idea=object(),
            campaign=envelope.campaign,
            envelope=envelope,
            estimated_cost=1,
        )


# Follow-up ----------------------------------------------------------------------------------


@pytest.fixture
def winner(db):
    return ProjectFactory(
        status=Project.Status.SELECTED,
        envelope__campaign=CampaignFactory(phase=Campaign.Phase.RESULTS),
    )


def test_followup_of_a_winning_project(agent, winner):
    project = services.project_followup_update(
        actor=agent, project=winner, status="in_progress", progress=40
    )
    assert (project.followup_status, project.progress) == ("in_progress", 40)
    project = services.project_followup_update(actor=agent, project=winner, status="delivered")
    assert project.progress == 100
    with pytest.raises(ValidationError) as error:
        services.project_followup_update(actor=agent, project=winner, status="abandoned")
    assert "abandon_reason" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.project_followup_update(
            actor=agent, project=winner, status="in_progress", progress=140
        )
    milestone = services.milestone_add(
        actor=agent, project=winner, date=datetime.date(2028, 5, 1), text="Travaux commencés."
    )
    assert list(winner.milestones.all()) == [milestone]
    assert log_actions(winner).count("budget.project.followup_update") == 2
    assert "budget.project.milestone_add" in log_actions(winner)


def test_followup_only_for_winners_and_agents(agent, citizen, db):
    with pytest.raises(ValidationError):
        services.project_followup_update(actor=agent, project=ProjectFactory(), status="planned")
    with pytest.raises(PermissionDenied):
        services.milestone_add(
            actor=citizen,
            project=ProjectFactory(status=Project.Status.SELECTED),
            date=datetime.date(2028, 1, 1),
            text="x",
        )


def test_a_bare_account_cannot_act(db):
    with pytest.raises(PermissionDenied):
        services.project_put_on_ballot(actor=UserFactory(), project=ProjectFactory())
    assert CitizenFactory().has_perm("budget.review_project") is False


def jpeg_upload(content=None):
    if content is None:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), (10, 120, 60)).save(buffer, format="JPEG")
        content = buffer.getvalue()
    return SimpleUploadedFile("arbres.jpg", content, content_type="image/jpeg")


def submit_with_photo(author, envelope, photo):
    return services.project_submit_with_photo(
        author=author,
        campaign=envelope.campaign,
        envelope=envelope,
        title="Un jardin partagé",
        summary="Des bacs et un composteur.",
        description="Au pied des immeubles.",
        estimated_cost=25_000,
        photo=photo,
    )


def test_a_project_and_its_photo_are_submitted_together(
    citizen, submission_envelope, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    project = submit_with_photo(citizen, submission_envelope, jpeg_upload())

    photo = project.photos.get()
    assert photo.alt_text == "Photo du projet : Un jardin partagé"
    assert log_actions(project) == ["budget.project.submit", "budget.project.photo_add"]


def test_a_bad_photo_leaves_no_project_behind(citizen, submission_envelope, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        submit_with_photo(citizen, submission_envelope, jpeg_upload(b"not a picture"))
    assert not Project.objects.exists()


# Campaign settings ----------------------------------------------------------------------------


def test_envelopes_totalling_more_than_the_campaign_are_refused(agent, city):
    before_the_vote = city.campaign.vote_start - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.campaign_update(
            actor=agent,
            campaign=city.campaign,
            changes={"total_amount": 600_000},
            at=before_the_vote,
        )
    assert error.value.message_dict == {
        "total_amount": ["Les enveloppes totalisent 700000 €, plus que le montant total."]
    }
    with pytest.raises(ValidationError) as error:
        services.campaign_update(
            actor=agent,
            campaign=city.campaign,
            changes={},
            envelopes=[(None, 300_000), (city.north.district, 800_000)],
            at=before_the_vote,
        )
    assert list(error.value.message_dict) == ["total_amount", "__all__"]  # and Sud has projects
    city.campaign.refresh_from_db()
    assert city.campaign.total_amount == 1_000_000
    assert city.campaign.envelopes.count() == 3
    assert "budget.campaign.update" not in log_actions(city.campaign)


def test_voting_rules_are_frozen_once_the_vote_has_opened(agent, city):
    campaign = city.campaign
    for changes in (
        {"max_choices": 5},
        {"vote_start": campaign.vote_start + datetime.timedelta(hours=1)},
    ):
        with pytest.raises(ValidationError) as error:
            services.campaign_update(actor=agent, campaign=campaign, changes=changes)
        assert error.value.message_dict == {
            name: ["Le vote a commencé : ce réglage ne peut plus changer."] for name in changes
        }
    campaign.refresh_from_db()
    assert campaign.max_choices == 3

    # Before the vote the same change is allowed; a title can change at any time.
    earlier = campaign.vote_start - datetime.timedelta(days=1)
    services.campaign_update(actor=agent, campaign=campaign, changes={"max_choices": 5}, at=earlier)
    services.campaign_update(actor=agent, campaign=campaign, changes={"title": "BP 2027"})
    campaign.refresh_from_db()
    assert (campaign.max_choices, campaign.title) == (5, "BP 2027")
    entries = ModelLogEntry.objects.for_instance(campaign).filter(action="budget.campaign.update")
    assert [entry.data["fields"] for entry in entries.order_by("pk")] == [
        ["max_choices"],
        ["title"],
    ]


def test_envelopes_are_replaced_by_district_and_used_ones_are_kept(agent, city):
    campaign = city.campaign
    before_the_vote = campaign.vote_start - datetime.timedelta(days=1)
    south = city.south.district
    city.south_projects[0].delete()
    with pytest.raises(ValidationError) as error:
        services.campaign_update(
            actor=agent,
            campaign=campaign,
            changes={},
            envelopes=[(None, 400_000)],
            at=before_the_vote,
        )
    assert "ne peut pas être supprimée" in error.value.messages[0]

    for project in city.north_projects:
        project.delete()
    services.campaign_update(
        actor=agent,
        campaign=campaign,
        changes={},
        envelopes=[(None, 400_000), (south, 250_000)],
        at=before_the_vote,
    )
    amounts = dict(campaign.envelopes.values_list("district", "amount"))
    assert amounts == {None: 400_000, south.pk: 250_000}
    assert campaign.envelopes.get(district=None).pk == city.city.pk  # kept, not recreated


def test_only_staff_change_a_campaign(citizen, city):
    with pytest.raises(PermissionDenied):
        services.campaign_update(actor=citizen, campaign=city.campaign, changes={"title": "X"})
    with pytest.raises(PermissionDenied):
        services.campaign_update(actor=None, campaign=city.campaign, changes={"title": "X"})
