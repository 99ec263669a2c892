"""An attacker looping over ids learns nothing from the comment endpoints: a pending or
rejected idea, a project not yet studied, a removed or hidden comment answer exactly as an id
that does not exist."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_comments_xtd import get_form
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from budget.models import Project
from proposals.models import Idea
from tests.budget.factories import ProjectFactory
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create

pytestmark = pytest.mark.django_db

SECRET = "Titre confidentiel en attente"
MISSING_PK = 987654


def post_data(obj, *, pk=None, **extra):
    """The hidden fields of a real form for `obj` (its hash), optionally pointing at `pk`."""
    form = get_form()(obj)
    data = {
        name: form.initial.get(name, "")
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    if pk is not None:
        data["object_pk"] = str(pk)
    data.update({"reply_to": 0, "comment": "Sondage", "post": "1", **extra})
    return data


def page_body(response) -> bytes:
    """A rendered page without what differs on every page: the per-response CSRF mask and the
    page's own address (the language switch sends you back to it)."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)
    return content.replace(response.wsgi_request.get_full_path().encode(), b"URL")


def hidden_objects():
    return [
        IdeaFactory(title=SECRET, status=Idea.Status.SUBMITTED, published_at=None),
        IdeaFactory(title=SECRET, status=Idea.Status.REJECTED),
        ProjectFactory(title=SECRET, status=Project.Status.SUBMITTED),
        ProjectFactory(title=SECRET, status=Project.Status.IN_REVIEW),
    ]


@pytest.mark.parametrize("signed_in", [True, False])
def test_posting_on_a_hidden_object_answers_the_same_bytes_as_a_missing_one(
    client, citizen, signed_in
):
    if signed_in:
        client.force_login(citizen)
    url = reverse("comments-post-comment")
    for hidden in hidden_objects():
        response = client.post(url, post_data(hidden))
        missing = client.post(url, post_data(hidden, pk=MISSING_PK))
        assert (response.status_code, response.content) == (missing.status_code, missing.content)
        assert response.status_code == 400
        assert SECRET.encode() not in response.content
        assert "Location" not in response
    assert not XtdComment.objects.exists()


def test_comment_permalink_of_a_hidden_object_is_a_404_like_a_missing_one(client):
    for hidden in hidden_objects():
        ct = ContentType.objects.get_for_model(hidden).pk
        response = client.get(reverse("comments-url-redirect", args=[ct, hidden.pk]))
        missing = client.get(reverse("comments-url-redirect", args=[ct, MISSING_PK]))
        assert response.status_code == missing.status_code == 404
        assert page_body(response) == page_body(missing)
        assert SECRET.encode() not in response.content


def test_comment_permalink_of_a_public_object_leads_to_it(client):
    idea = IdeaFactory()
    ct = ContentType.objects.get_for_model(idea).pk
    response = client.get(reverse("comments-url-redirect", args=[ct, idea.pk]))
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()


def unreadable_comments():
    idea = IdeaFactory()
    author = CitizenFactory()
    removed = comment_create(obj=idea, user=author, text=SECRET, is_removed=True)
    unpublished = comment_create(obj=idea, user=author, text=SECRET, is_public=False)
    pending = IdeaFactory(status=Idea.Status.SUBMITTED, published_at=None)
    on_hidden = comment_create(obj=pending, user=author, text=SECRET)
    return [removed, unpublished, on_hidden]


@pytest.mark.parametrize("name", ["comments-xtd-reply", "comments-xtd-like"])
def test_removed_or_hidden_comments_cannot_be_read_or_liked(client, citizen, name):
    comments = unreadable_comments()
    client.force_login(citizen)
    missing = client.get(reverse(name, args=[MISSING_PK]))
    assert missing.status_code == 404
    for comment in comments:
        response = client.get(reverse(name, args=[comment.pk]))
        assert response.status_code == 404
        assert page_body(response) == page_body(missing)
        assert SECRET.encode() not in response.content
        assert client.post(reverse(name, args=[comment.pk])).status_code == 404
        assert not comment.flags.filter(flag=LIKEDIT_FLAG).exists()


def test_flag_sent_and_liked_pages_say_nothing_of_a_hidden_comment(client, citizen):
    comments = unreadable_comments()
    client.force_login(citizen)
    flag_missing = client.get(reverse("comments-flag", args=[MISSING_PK]))
    sent_missing = client.get(reverse("comments-xtd-sent"), {"c": MISSING_PK})
    liked_missing = client.get(reverse("comments-xtd-like-done"), {"c": MISSING_PK})
    assert flag_missing.status_code == sent_missing.status_code == 404
    for comment in comments:
        flag = client.get(reverse("comments-flag", args=[comment.pk]))
        assert flag.status_code == 404 and page_body(flag) == page_body(flag_missing)
        sent = client.get(
            reverse("comments-xtd-sent"), {"c": comment.pk}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        )
        assert sent.status_code == 404 and page_body(sent) == page_body(sent_missing)
        liked = client.get(reverse("comments-xtd-like-done"), {"c": comment.pk})
        assert page_body(liked) == page_body(liked_missing)
        assert SECRET.encode() not in flag.content + sent.content + liked.content


def test_a_visible_comment_can_still_be_answered_and_liked(client, citizen):
    comment = comment_create(obj=IdeaFactory(), user=CitizenFactory(), text="Visible")
    client.force_login(citizen)
    assert b"Visible" in client.get(reverse("comments-xtd-reply", args=[comment.pk])).content
    client.post(reverse("comments-xtd-like", args=[comment.pk]))
    assert comment.flags.filter(flag=LIKEDIT_FLAG, user=citizen).exists()
    sent = client.get(reverse("comments-xtd-sent"), {"c": comment.pk})
    assert sent["Location"] == f"{comment.content_object.get_absolute_url()}#c{comment.pk}"
    liked = client.get(reverse("comments-xtd-like-done"), {"c": comment.pk})
    assert f"#c{comment.pk}" in liked.content.decode()
