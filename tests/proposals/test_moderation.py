"""Ideas in the moderation queue: what a moderator's decision does to the idea and its author."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from proposals.models import Idea
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_closing_a_pending_idea_as_duplicate_sends_one_email_and_logs_one_entry(
    client, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    kept = IdeaFactory(title="Des bancs place du marché")
    pending = IdeaFactory(status=Idea.Status.SUBMITTED, title="Un banc place du marché")
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:action", args=["ideas", pending.pk, "duplicate"]),
            {"kept_number": kept.pk},
        )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Idea.Status.DUPLICATE and pending.duplicate_of == kept
    entries = ModelLogEntry.objects.filter(object_id=str(pending.pk))
    assert list(entries.values_list("action", "user")) == [
        ("proposals.idea.mark_duplicate", moderator.pk)
    ]
    assert [message.to for message in mailoutbox] == [[pending.author.email]]
    assert kept.get_absolute_url() in mailoutbox[0].body


def test_the_official_answer_form_is_the_same_in_the_queue_and_on_the_idea_page(client, elected):
    idea = IdeaFactory(status=Idea.Status.UNDER_STUDY, official_answer="Première réponse.")
    client.force_login(elected)
    for url in [
        reverse("moderation:action", args=["idea_answers", idea.pk, "answer"]),
        reverse("ideas:answer", args=[idea.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Première réponse." in page  # prefilled, to correct it
        assert 'maxlength="5000"' in page
        assert "envoyée à son auteur et à ceux qui la suivent" in page
