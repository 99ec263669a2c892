"""Following an idea from its page, without JavaScript."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from civic.notifications.models import Follow
from civic.notifications.selectors import followers_of
from proposals.models import Idea
from tests.moderation.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def toggle(client, idea):
    return client.post(
        reverse("notifications:follow_toggle"),
        {
            "content_type": ContentType.objects.get_for_model(Idea).pk,
            "object_id": idea.pk,
            "next": idea.get_absolute_url(),
        },
    )


def test_follow_then_unfollow(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = toggle(client, idea)
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert list(followers_of(idea)) == [citizen]
    page = client.get(idea.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    toggle(client, idea)
    assert not Follow.objects.exists()


def test_anonymous_is_sent_to_login(client):
    idea = IdeaFactory()
    response = toggle(client, idea)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_pending_idea_cannot_be_followed(client, citizen):
    idea = IdeaFactory(status=Idea.Status.SUBMITTED)
    client.force_login(citizen)
    assert toggle(client, idea).status_code == 404
    assert not Follow.objects.exists()


def test_get_is_not_allowed(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("notifications:follow_toggle")).status_code == 405


def test_follows_list_in_my_space(client, citizen):
    idea = IdeaFactory(title="Un jardin partagé")
    client.force_login(citizen)
    toggle(client, idea)
    assert "Un jardin partagé" in client.get(reverse("notifications:follow_list")).content.decode()
    assert "Un jardin partagé" in client.get("/mon-espace/").content.decode()
