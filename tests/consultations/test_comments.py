"""Comments on consultations, through the same endpoints and rules as ideas: a verified citizen
comments, replies and flags on an open, published consultation whose editors opened comments;
a draft or unpublished consultation answers as if it did not exist, one with comments closed
refuses clearly, and nothing typed is lost."""

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.factories import CitizenFactory
from tests.moderation.factories import comment_create

from .factories import consultation

pytestmark = pytest.mark.django_db


def post(client, page, **extra):
    from django_comments_xtd import get_form

    form = get_form()(page)
    data = {
        name: form.initial.get(name, "")
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update({"reply_to": 0, "next": page.url, "post": "1", **extra})
    return client.post(reverse("comments-post-comment"), data)


@pytest.fixture
def open_page(default_site):
    return consultation(default_site, title="Avec commentaires", comments_enabled=True)


def test_a_citizen_comments_and_replies_on_an_open_consultation(client, open_page, citizen):
    client.force_login(citizen)
    response = post(client, open_page, comment="Pensez aux arbres sur la place.")
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{open_page.url}#c{comment.pk}"
    assert comment.content_object == open_page and comment.is_public

    other = CitizenFactory(profile__display_name="Sam")
    client.force_login(other)
    response = post(client, open_page, comment="D'accord, et des bancs.", reply_to=comment.pk)
    reply = XtdComment.objects.get(comment="D'accord, et des bancs.")
    assert response.status_code == 302 and reply.parent_id == comment.pk and reply.level == 1

    html = client.get(open_page.url).content.decode()
    assert "Pensez aux arbres sur la place." in html and "D&#x27;accord, et des bancs." in html
    assert reverse("comments-xtd-reply", args=[comment.pk]) in html
    reply_form = client.get(reverse("comments-xtd-reply", args=[comment.pk])).content.decode()
    assert f'name="reply_to" value="{comment.pk}"' in reply_form


def test_a_citizen_flags_a_comment_on_a_consultation(client, open_page, citizen):
    comment = comment_create(obj=open_page, user=CitizenFactory(), text="Hors sujet")
    client.force_login(citizen)
    url = reverse("comments-flag", args=[comment.pk])
    assert client.get(url).status_code == 200  # the confirmation page asks
    assert not comment.flags.exists()
    response = client.post(url, follow=True)
    assert "le commentaire est signalé" in response.content.decode()
    assert comment.flags.filter(user=citizen, flag="removal suggestion").exists()


def test_comments_closed_by_the_editors_are_refused_and_the_text_kept(
    client, default_site, citizen
):
    page = consultation(default_site, title="Sans commentaires", comments_enabled=False)
    client.force_login(citizen)
    response = post(client, page, comment="Mon avis détaillé")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Les commentaires sont fermés pour ce contenu." in html
    assert "Mon avis détaillé" in html
    assert not XtdComment.objects.exists()
    assert 'id="comments"' not in client.get(page.url).content.decode()


def test_an_upcoming_consultation_does_not_take_comments_yet(client, default_site, citizen):
    page = consultation(
        default_site, title="Bientôt", comments_enabled=True, opens_in_days=2, closes_in_days=9
    )
    client.force_login(citizen)
    assert post(client, page, comment="Trop tôt").status_code == 403
    assert not XtdComment.objects.exists()


@pytest.mark.parametrize("live", [False, "unpublished"])
def test_a_draft_or_unpublished_consultation_answers_as_if_it_did_not_exist(
    client, default_site, citizen, live
):
    page = consultation(default_site, title="Brouillon", comments_enabled=True)
    old = comment_create(obj=page, user=CitizenFactory(), text="Ancien commentaire")
    if live == "unpublished":
        page.unpublish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    client.force_login(citizen)

    response = post(client, page, comment="Sur un brouillon")
    ghost = post(client, page, comment="Sur un brouillon", object_pk="999999")
    assert response.status_code == ghost.status_code == 400
    assert response.content == ghost.content
    assert b"Brouillon" not in response.content
    assert XtdComment.objects.count() == 1

    for name in ("comments-flag", "comments-xtd-reply"):
        assert client.get(reverse(name, args=[old.pk])).status_code == 404
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert client.post(reverse("comments-flag", args=[old.pk])).status_code == 404
    assert not old.flags.exists()
    assert client.get(page.url).status_code == 404


def test_an_unverified_account_is_told_how_to_comment(client, open_page):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = post(client, open_page, comment="Bonjour")
    assert response.status_code == 403
    assert "Confirmez votre adresse e-mail pour commenter" in response.content.decode()
