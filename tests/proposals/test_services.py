from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from civic.accounts import roles
from civic.accounts.models import User
from proposals import services
from proposals.models import Idea, IdeaStatusChange, Support
from tests.factories import CitizenFactory, UserFactory
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status


def audit_actions(idea):
    return list(
        ModelLogEntry.objects.filter(object_id=str(idea.pk)).values_list("action", flat=True)
    )


def submit(author, **overrides):
    fields = {
        "author": author,
        "title": "Des bancs au parc",
        "body": "Pour se reposer.",
        "theme": ThemeFactory(),
        "district": None,
    }
    fields.update(overrides)
    return services.idea_submit(**fields)


def history(idea):
    return list(idea.status_changes.values_list("from_status", "to_status", "reason"))


# Submission ---------------------------------------------------------------------------------


def test_submitted_idea_waits_for_moderation_and_is_acknowledged(
    citizen, sent_notifications, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = submit(citizen, title="  Des bancs au parc  ")

    assert idea.status == S.SUBMITTED
    assert idea.title == "Des bancs au parc"
    assert idea.channel == Idea.Channel.WEB and idea.submitted_by is None
    assert not idea.is_public
    assert history(idea) == [("", S.SUBMITTED, "")]
    assert audit_actions(idea) == ["proposals.idea.submit"]
    assert [(r, kind) for r, kind, _c in sent_notifications] == [(citizen, "idea_received")]


def test_unverified_account_cannot_submit(user):
    with pytest.raises(PermissionDenied):
        submit(user)
    assert not Idea.objects.exists()


def test_invalid_idea_is_refused_and_nothing_is_saved(citizen):
    with pytest.raises(ValidationError) as error:
        submit(citizen, title="x" * 121)
    assert "title" in error.value.message_dict
    assert not Idea.objects.exists()
    assert not IdeaStatusChange.objects.exists()


def test_rate_limit_allows_five_ideas_per_24_hours(citizen, settings):
    settings.CIVIC_IDEAS_PER_DAY = 5
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _n in range(5):
            submit(citizen)
        with pytest.raises(ValidationError) as error:
            submit(citizen)
        assert "5 idées ces dernières 24 heures" in error.value.messages[0]
        traveller.shift(timedelta(hours=24, minutes=1))
        submit(citizen)
    assert Idea.objects.filter(author=citizen).count() == 6


def test_agent_submits_for_a_new_citizen_met_at_the_counter(agent, sent_notifications):
    found = services.idea_author_for_on_behalf(
        agent=agent, email="Jeanne.Martin@Example.org", display_name="Jeanne M."
    )
    idea = submit(found.user, channel=Idea.Channel.COUNTER, submitted_by=agent)

    assert found.created
    citizen = User.objects.get(email="jeanne.martin@example.org")
    assert idea.author == citizen
    assert not citizen.has_usable_password()
    assert not EmailAddress.objects.get(user=citizen).verified
    assert citizen.public_name == "Jeanne M."
    assert idea.channel == Idea.Channel.COUNTER and idea.submitted_by == agent
    entry = ModelLogEntry.objects.get(object_id=str(idea.pk), action="proposals.idea.submit")
    assert entry.user_id == agent.pk and entry.data["on_behalf"] is True


def test_agent_finds_an_existing_account_by_email(agent, citizen):
    found = services.idea_author_for_on_behalf(agent=agent, email=citizen.email.upper())
    assert found.user == citizen and not found.created


def test_citizen_cannot_submit_on_behalf(citizen):
    other = CitizenFactory()
    with pytest.raises(PermissionDenied):
        services.idea_author_for_on_behalf(agent=citizen, email="x@example.org", display_name="X")
    with pytest.raises(PermissionDenied):
        submit(other, channel=Idea.Channel.PHONE, submitted_by=citizen)


def test_on_behalf_submission_needs_a_channel_other_than_web(agent, citizen):
    with pytest.raises(ValidationError):
        submit(citizen, channel=Idea.Channel.WEB, submitted_by=agent)


# Moderation --------------------------------------------------------------------------------


def test_moderator_publishes_a_submitted_idea(
    moderator, sent_notifications, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(status=S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_publish(actor=moderator, idea=idea)

    assert idea.status == S.PUBLISHED and idea.published_at is not None
    assert idea.accepts_supports and idea.accepts_comments
    assert history(idea) == [(S.SUBMITTED, S.PUBLISHED, "")]
    entry = ModelLogEntry.objects.get(object_id=str(idea.pk))
    assert (entry.action, entry.user_id) == ("proposals.idea.publish", moderator.pk)
    assert [(r, k) for r, k, _c in sent_notifications] == [(idea.author, "idea_status_changed")]


@pytest.mark.parametrize("role_fixture", ["citizen", "elected", "agent"])
def test_only_moderators_publish(request, role_fixture):
    actor = request.getfixturevalue(role_fixture)
    idea = IdeaFactory(status=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.idea_publish(actor=actor, idea=idea)
    idea.refresh_from_db()
    assert idea.status == S.SUBMITTED
    assert not ModelLogEntry.objects.filter(object_id=str(idea.pk)).exists()


def test_reject_needs_a_reason_that_the_author_reads(
    moderator, sent_notifications, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(status=S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        services.idea_reject(actor=moderator, idea=idea, reason="  ")
    assert "reason" in error.value.message_dict

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_reject(actor=moderator, idea=idea, reason="Hors du champ municipal.")
    assert idea.status == S.REJECTED and not idea.is_public
    assert history(idea) == [(S.SUBMITTED, S.REJECTED, "Hors du champ municipal.")]
    [(_r, kind, context)] = sent_notifications
    assert kind == "idea_status_changed" and context["reason"] == "Hors du champ municipal."
    assert context["old_status"] == S.SUBMITTED and context["new_status"] == S.REJECTED


def test_illegal_transition_is_refused_with_a_clear_message(moderator, elected):
    idea = IdeaFactory(status=S.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        services.idea_reject(actor=moderator, idea=idea, reason="Trop tard")
    assert error.value.messages == [
        "Impossible de passer une idée « Publiée » au statut « Refusée »."
    ]
    with pytest.raises(ValidationError):
        services.idea_accept(actor=elected, idea=idea)  # must be under study first
    idea.refresh_from_db()
    assert idea.status == S.PUBLISHED


def test_the_city_studies_accepts_and_implements_an_idea(elected):
    idea = IdeaFactory(status=S.PUBLISHED)
    services.idea_study(actor=elected, idea=idea, reason="Chiffrage en cours")
    services.idea_accept(actor=elected, idea=idea)
    services.idea_implement(actor=elected, idea=idea, reason="Posé en mars")

    assert idea.status == S.IMPLEMENTED
    assert not idea.accepts_supports and not idea.accepts_comments and idea.is_public
    assert history(idea) == [
        (S.PUBLISHED, S.UNDER_STUDY, "Chiffrage en cours"),
        (S.UNDER_STUDY, S.ACCEPTED, ""),
        (S.ACCEPTED, S.IMPLEMENTED, "Posé en mars"),
    ]
    assert sorted(audit_actions(idea)) == [
        "proposals.idea.accept",
        "proposals.idea.implement",
        "proposals.idea.study",
    ]


def test_not_retained_needs_a_reason(agent):
    idea = IdeaFactory(status=S.UNDER_STUDY)
    with pytest.raises(ValidationError):
        services.idea_not_retain(actor=agent, idea=idea, reason="")
    services.idea_not_retain(actor=agent, idea=idea, reason="Budget insuffisant")
    assert idea.status == S.NOT_RETAINED and not idea.accepts_supports


def test_accepted_idea_is_transferred_to_a_budget_project_with_its_link(elected):
    idea = IdeaFactory(status=S.ACCEPTED)
    services.idea_transfer(actor=elected, idea=idea, project_url="/budget-participatif/2027/abri/")
    assert idea.status == S.TRANSFERRED
    assert idea.transferred_to_url == "/budget-participatif/2027/abri/"


def test_citizen_cannot_change_the_status(citizen):
    idea = IdeaFactory(status=S.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.idea_study(actor=citizen, idea=idea)


def test_followers_hear_of_status_changes(
    elected, sent_notifications, django_capture_on_commit_callbacks
):
    from civic.notifications.services import follow_toggle

    idea = IdeaFactory(status=S.PUBLISHED)
    follower = CitizenFactory()
    follow_toggle(user=follower, obj=idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_study(actor=elected, idea=idea)
    assert sorted((r.pk, k) for r, k, _c in sent_notifications) == sorted(
        [(idea.author_id, "idea_status_changed"), (follower.pk, "followed_update")]
    )


# Duplicates and answers --------------------------------------------------------------------


def test_duplicate_moves_supports_without_counting_anyone_twice(
    moderator, sent_notifications, django_capture_on_commit_callbacks
):
    kept = IdeaFactory(status=S.UNDER_STUDY)
    duplicate = IdeaFactory(status=S.PUBLISHED)
    both, only_duplicate, only_kept = CitizenFactory(), CitizenFactory(), CitizenFactory()
    for user in (both, only_kept):
        SupportFactory(idea=kept, user=user)
    for user in (both, only_duplicate):
        SupportFactory(idea=duplicate, user=user)

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_mark_duplicate(actor=moderator, idea=duplicate, kept=kept)

    assert duplicate.status == S.DUPLICATE and duplicate.duplicate_of == kept
    assert set(kept.supports.values_list("user", flat=True)) == {
        both.pk,
        only_duplicate.pk,
        only_kept.pk,
    }
    assert not duplicate.supports.exists()
    assert Support.objects.count() == 3
    assert duplicate.status_changes.last().reason == f"Cette idée rejoint l'idée « {kept.title} »."
    assert [(r, k) for r, k, _c in sent_notifications] == [(duplicate.author, "idea_duplicate")]


def test_a_submitted_idea_closed_as_duplicate_sends_one_email_and_logs_one_entry(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    kept = IdeaFactory(status=S.PUBLISHED, title="Des bancs place du marché")
    pending = IdeaFactory(status=S.SUBMITTED, title="Un banc place du marché")

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_mark_duplicate(actor=moderator, idea=pending, kept=kept)

    pending.refresh_from_db()
    assert pending.status == S.DUPLICATE and pending.duplicate_of == kept
    assert pending.published_at is not None  # public from now on, pointing to the kept idea
    assert history(pending) == [
        (S.SUBMITTED, S.DUPLICATE, f"Cette idée rejoint l'idée « {kept.title} ».")
    ]
    assert audit_actions(pending) == ["proposals.idea.mark_duplicate"]
    assert [message.to for message in mailoutbox] == [[pending.author.email]]


def test_an_idea_cannot_duplicate_itself_or_a_hidden_idea(moderator):
    idea = IdeaFactory(status=S.PUBLISHED)
    with pytest.raises(ValidationError):
        services.idea_mark_duplicate(actor=moderator, idea=idea, kept=idea)
    with pytest.raises(ValidationError):
        services.idea_mark_duplicate(
            actor=moderator, idea=idea, kept=IdeaFactory(status=S.REJECTED)
        )
    idea.refresh_from_db()
    assert idea.status == S.PUBLISHED


def test_official_answer(elected, citizen, sent_notifications, django_capture_on_commit_callbacks):
    idea = IdeaFactory(status=S.UNDER_STUDY)
    with pytest.raises(PermissionDenied):
        services.idea_answer(actor=citizen, idea=idea, text="Oui")
    with pytest.raises(ValidationError):
        services.idea_answer(actor=elected, idea=idea, text=" ")

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_answer(actor=elected, idea=idea, text="Nous étudions deux tracés.")
    assert idea.official_answer == "Nous étudions deux tracés."
    assert idea.answered_at is not None and idea.answered_by == elected
    assert audit_actions(idea) == ["proposals.idea.answer"]
    assert [(r, k) for r, k, _c in sent_notifications] == [(idea.author, "idea_official_answer")]


def test_no_official_answer_on_a_pending_idea(elected):
    with pytest.raises(ValidationError):
        services.idea_answer(actor=elected, idea=IdeaFactory(status=S.SUBMITTED), text="Oui")


# Supports ---------------------------------------------------------------------------------


def test_support_add_is_idempotent_and_toggle_flips(citizen):
    idea = IdeaFactory()
    assert services.support_add(user=citizen, idea=idea) is True
    assert services.support_add(user=citizen, idea=idea) is False
    assert idea.supports.count() == 1
    assert services.support_toggle(user=citizen, idea=idea) is False
    assert idea.supports.count() == 0
    assert services.support_toggle(user=citizen, idea=idea) is True
    assert services.support_remove(user=citizen, idea=idea) is True
    assert services.support_remove(user=citizen, idea=idea) is False
    assert idea.supports.count() == 0


@pytest.mark.parametrize(
    "status", [S.SUBMITTED, S.REJECTED, S.ACCEPTED, S.IMPLEMENTED, S.DUPLICATE]
)
def test_no_support_once_the_idea_is_decided_or_not_public(citizen, status):
    kept = IdeaFactory() if status == S.DUPLICATE else None
    idea = IdeaFactory(status=status, duplicate_of=kept)
    with pytest.raises(ValidationError):
        services.support_add(user=citizen, idea=idea)
    assert not idea.supports.exists()


def test_only_verified_citizens_support():
    idea = IdeaFactory()
    with pytest.raises(PermissionDenied):
        services.support_toggle(user=UserFactory(), idea=idea)
    assert not idea.supports.exists()


def test_role_groups_hold_the_idea_permissions(moderator, elected, agent):
    assert moderator.has_perm("proposals.moderate_idea")
    assert not elected.has_perm("proposals.moderate_idea")
    assert elected.has_perm("proposals.answer_idea")
    assert agent.has_perm("proposals.submit_idea_on_behalf")
    assert roles.STAFF in agent.groups.values_list("name", flat=True)


def test_an_agent_submits_for_a_citizen_in_one_step(agent, sent_notifications):
    idea = services.idea_submit_on_behalf(
        agent=agent,
        channel=Idea.Channel.PHONE,
        author_email="paul.durand@example.org",
        author_display_name="Paul D.",
        title="Un banc devant la poste",
        body="Pour attendre à l'ombre.",
        theme=ThemeFactory(),
        district=None,
    )
    assert idea.author.email == "paul.durand@example.org"
    assert idea.submitted_by == agent and idea.channel == Idea.Channel.PHONE


def test_a_refused_on_behalf_idea_creates_no_account(agent):
    with pytest.raises(ValidationError):
        services.idea_submit_on_behalf(
            agent=agent,
            channel=Idea.Channel.WEB,  # an agent's own idea is not "on behalf"
            author_email="paul.durand@example.org",
            author_display_name="Paul D.",
            title="Un banc devant la poste",
            body="Pour attendre à l'ombre.",
            theme=ThemeFactory(),
            district=None,
        )
    assert not User.objects.filter(email="paul.durand@example.org").exists()
