"""The moderation queue in the Wagtail admin: what moderators see and decide."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import ModelLogEntry

from civic.moderation.models import ModerationReason
from proposals.models import Idea
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create, flag_create

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


def action_url(source, pk, action):
    return reverse("moderation:action", args=[source, pk, action])


@pytest.fixture
def pending():
    return IdeaFactory(
        status=Idea.Status.SUBMITTED, published_at=None, title="Un banc place du marché"
    )


@pytest.fixture
def flagged(settings):
    settings.CIVIC_COMMENT_FLAGS_TO_HIDE = 3
    comment = comment_create(obj=IdeaFactory(), user=CitizenFactory(), text="Propos signalé")
    flag_create(comment, users=[CitizenFactory()])
    return comment


def test_queue_lists_pending_ideas_and_flagged_comments(client, moderator, pending, flagged):
    published = IdeaFactory(title="Déjà publiée")
    studied = IdeaFactory(title="À l'étude", status=Idea.Status.UNDER_STUDY)
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert f'value="ideas:{pending.pk}"' in page and "Un banc place du marché" in page
    assert f'value="comments:{flagged.pk}"' in page and "Propos signalé" in page
    assert "1 signalement" in page
    assert f'value="ideas:{published.pk}"' not in page  # not pending moderation
    assert f'value="idea_answers:{published.pk}"' not in page
    # Waiting for the city's answer: for Agents and Élus, not moderators (issue #8, point 7).
    assert f'value="idea_answers:{studied.pk}"' not in page


def test_ideas_awaiting_the_citys_answer_are_in_the_agents_queue(client, agent):
    studied = IdeaFactory(title="À l'étude", status=Idea.Status.UNDER_STUDY)
    client.force_login(agent)
    assert f'value="idea_answers:{studied.pk}"' in client.get(QUEUE).content.decode()


def test_citizens_and_anonymous_are_kept_out(client, citizen, pending):
    assert client.get(QUEUE).status_code == 302  # to the login page
    client.force_login(citizen)
    response = client.get(QUEUE)
    assert response.status_code in (302, 403)
    response = client.post(action_url("ideas", pending.pk, "approve"))
    assert response.status_code in (302, 403)
    pending.refresh_from_db()
    assert pending.status == Idea.Status.SUBMITTED


def test_elected_official_without_moderation_right_cannot_publish(client, elected, pending):
    client.force_login(elected)
    response = client.post(action_url("ideas", pending.pk, "approve"))
    assert response.status_code in (302, 403)  # Wagtail sends the refused user to /admin/
    pending.refresh_from_db()
    assert pending.status == Idea.Status.SUBMITTED


def test_approve_publishes_and_is_audited(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url("ideas", pending.pk, "approve"), {"reason": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Idea.Status.PUBLISHED
    assert ModelLogEntry.objects.filter(action="proposals.idea.publish", user=moderator).exists()
    assert f'value="ideas:{pending.pk}"' not in client.get(QUEUE).content.decode()


def test_reject_needs_a_reason_and_the_author_reads_it(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url("ideas", pending.pk, "reject"), {"reason": ""})
    assert response.status_code == 200
    assert "Choisissez un motif" in response.content.decode()
    reason = ModerationReason.objects.create(
        title="Hors compétence", text="Cela ne relève pas de la commune.", kind="ideas"
    )
    client.post(action_url("ideas", pending.pk, "reject"), {"reason_template": reason.pk})
    pending.refresh_from_db()
    assert pending.status == Idea.Status.REJECTED
    assert pending.status_changes.last().reason == "Cela ne relève pas de la commune."


def test_bulk_reject_applies_one_reason_to_each(client, moderator):
    ideas = [IdeaFactory(status=Idea.Status.SUBMITTED, published_at=None) for _ in range(3)]
    client.force_login(moderator)
    keys = [f"ideas:{idea.pk}" for idea in ideas[:2]]
    response = client.post(
        QUEUE, {"items": keys, "action": "reject", "bulk-reason": "Propos hors charte."}
    )
    assert response.status_code == 302
    statuses = [Idea.objects.get(pk=i.pk).status for i in ideas]
    assert statuses == [Idea.Status.REJECTED, Idea.Status.REJECTED, Idea.Status.SUBMITTED]
    assert all(i.status_changes.last().reason == "Propos hors charte." for i in ideas[:2])


def test_bulk_reject_without_reason_changes_nothing(client, moderator, pending):
    client.force_login(moderator)
    client.post(QUEUE, {"items": [f"ideas:{pending.pk}"], "action": "reject"})
    pending.refresh_from_db()
    assert pending.status == Idea.Status.SUBMITTED


def test_bulk_approve_mixes_ideas_and_comments(client, moderator, pending, flagged):
    client.force_login(moderator)
    client.post(
        QUEUE, {"items": [f"ideas:{pending.pk}", f"comments:{flagged.pk}"], "action": "approve"}
    )
    pending.refresh_from_db()
    flagged.refresh_from_db()
    assert pending.status == Idea.Status.PUBLISHED
    assert flagged.is_public and not flagged.flags.filter(flag="removal suggestion").exists()


def test_mark_duplicate_moves_to_the_kept_idea(client, moderator, pending):
    kept = IdeaFactory(title="Des bancs place du marché")
    client.force_login(moderator)
    page = client.get(action_url("ideas", pending.pk, "duplicate")).content.decode()
    assert "Des bancs place du marché" in page  # suggested as similar
    response = client.post(action_url("ideas", pending.pk, "duplicate"), {"kept_number": kept.pk})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Idea.Status.DUPLICATE and pending.duplicate_of == kept


def test_mark_duplicate_of_unknown_idea_is_explained(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(action_url("ideas", pending.pk, "duplicate"), {"kept_number": 999999})
    assert response.status_code == 200
    assert "999999" in response.content.decode()


def test_official_answer_form(client, agent):
    # The official answer is the city's (Agents, Élus), not the moderators' (issue #8, point 7).
    idea = IdeaFactory()
    client.force_login(agent)
    url = action_url("idea_answers", idea.pk, "answer")
    response = client.post(url, {"text": ""})
    assert response.status_code == 200
    client.post(url, {"text": "La ville installera ce banc en mai."})
    idea.refresh_from_db()
    assert idea.official_answer == "La ville installera ce banc en mai."


def test_remove_comment_hides_it_for_good_and_is_audited(client, moderator, flagged):
    client.force_login(moderator)
    client.post(action_url("comments", flagged.pk, "reject"), {"reason": "Injurieux"})
    flagged.refresh_from_db()
    assert flagged.is_removed and not flagged.is_public
    entry = ModelLogEntry.objects.get(action="moderation.comment.remove")
    assert entry.user == moderator and entry.data["reason"] == "Injurieux"
    assert f'value="comments:{flagged.pk}"' not in client.get(QUEUE).content.decode()


def test_approve_comment_restores_it(client, moderator, settings):
    settings.CIVIC_COMMENT_FLAGS_TO_HIDE = 1
    comment = comment_create(obj=IdeaFactory(), user=CitizenFactory(), text="Masqué")
    comment.is_public = False
    comment.save()
    flag_create(comment, users=[CitizenFactory()])
    client.force_login(moderator)
    client.post(action_url("comments", comment.pk, "approve"), {})
    comment.refresh_from_db()
    assert comment.is_public
    assert ModelLogEntry.objects.filter(
        action="moderation.comment.approve", user=moderator
    ).exists()


def test_filters_by_kind_district_and_overdue(client, moderator, flagged):
    from tests.factories import DistrictFactory

    north = DistrictFactory(name="Nord")
    with time_machine.travel(timezone.now() - timedelta(hours=72)):
        old = IdeaFactory(
            status=Idea.Status.SUBMITTED, published_at=None, title="Ancienne", district=north
        )
    IdeaFactory(status=Idea.Status.SUBMITTED, published_at=None, title="Récente")
    client.force_login(moderator)
    page = client.get(QUEUE, {"kind": "ideas"}).content.decode()
    assert "Ancienne" in page and "Récente" in page and "Propos signalé" not in page
    page = client.get(QUEUE, {"district": north.pk}).content.decode()
    assert "Ancienne" in page and "Récente" not in page and "Propos signalé" not in page
    page = client.get(QUEUE, {"overdue": "on"}).content.decode()
    assert old.title in page and "Récente" not in page


def test_age_and_overdue_against_the_promised_delay(client, moderator, settings):
    settings.CIVIC_MODERATION_DELAY_HOURS = 48
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        IdeaFactory(status=Idea.Status.SUBMITTED, published_at=None, title="En attente")
    client.force_login(moderator)
    with time_machine.travel(start + timedelta(hours=47), tick=False):
        page = client.get(QUEUE).content.decode()
        assert "1 j 23 h" in page and "mq__row--overdue" not in page
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        page = client.get(QUEUE).content.decode()
        assert "2 j 1 h" in page and "mq__row--overdue" in page


def test_dashboard_panel_shows_what_is_waiting(client, moderator, pending, flagged):
    client.force_login(moderator)
    page = client.get("/admin/").content.decode()
    assert "File de modération" in page
    assert "2 éléments attendent une décision" in page
    assert "Commentaires signalés" in page


def test_dashboard_panel_hidden_from_staff_without_queue(client, agent):
    client.force_login(agent)
    page = client.get("/admin/").content.decode()
    assert "attendent une décision" not in page


def test_comment_hidden_by_flags_is_audited_as_system(settings):
    from civic.moderation import services

    settings.CIVIC_COMMENT_FLAGS_TO_HIDE = 2
    comment = comment_create(obj=IdeaFactory(), user=CitizenFactory())
    for reporter in [CitizenFactory(), CitizenFactory()]:
        services.comment_flag(user=reporter, comment=comment)
    assert not XtdComment.objects.get(pk=comment.pk).is_public
    entry = ModelLogEntry.objects.get(action="moderation.comment.hide")
    assert entry.user is None and entry.data["flags"] == 2


def test_commenter_email_and_ip_are_shown_to_administrators_only(
    client, moderator, administrator, flagged
):
    url = action_url("comments", flagged.pk, "reject")
    client.force_login(moderator)
    page = client.get(url).content.decode()
    assert "Propos signalé" in page
    assert flagged.user_email not in page and "203.0.113.7" not in page
    client.force_login(administrator)
    page = client.get(url).content.decode()
    assert flagged.user_email in page and "203.0.113.7" in page


def test_menu_shows_the_number_of_waiting_items(client, moderator, citizen, pending):
    client.force_login(moderator)
    page = client.get("/admin/").content.decode()
    assert "ration (1)" in page  # "Modération (1)", JSON-encoded in the sidebar's data


def test_long_queue_is_paginated_oldest_first(client, moderator):
    start = timezone.now() - timedelta(days=10)
    for n in range(52):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            IdeaFactory(
                status=Idea.Status.SUBMITTED, published_at=None, title=f"Idée en file {n:02d}"
            )
    client.force_login(moderator)
    first = client.get(QUEUE, {"kind": "ideas"}).content.decode()
    assert (
        "Idée en file 00" in first and "Idée en file 49" in first and "Idée en file 50" not in first
    )
    second = client.get(QUEUE, {"kind": "ideas", "p": 2}).content.decode()
    assert "Idée en file 50" in second and "Idée en file 51" in second
