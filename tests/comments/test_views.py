"""Commenting an idea from its page: who may, how deep, likes, reports, what is shown."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from proposals.models import Idea
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create

pytestmark = pytest.mark.django_db


def form_data(client, idea, **extra):
    """The hidden fields of the comment form as the idea page renders them, plus `extra`."""
    from django_comments_xtd import get_form

    form = get_form()(idea)
    data = {
        name: form.initial.get(name, "")
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update({"reply_to": 0, "comment": "", "next": idea.get_absolute_url()})
    data.update(extra)
    return data


def post(client, idea, **extra):
    return client.post(reverse("comments-post-comment"), form_data(client, idea, **extra))


def test_verified_citizen_posts_and_is_sent_back_to_the_comment(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = post(client, idea, comment="Bonne idée, j'approuve.", post="1")
    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{idea.get_absolute_url()}#c{comment.pk}"
    assert comment.user == citizen and comment.is_public
    assert comment.user_name == "Camille D."  # the pseudonym, never the real name


def test_anonymous_cannot_post(client):
    idea = IdeaFactory()
    response = post(client, idea, comment="Anonyme")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not XtdComment.objects.exists()


def test_unverified_email_is_refused_on_the_form_with_text_kept(client, citizen):
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    idea = IdeaFactory()
    client.force_login(citizen)
    response = post(client, idea, comment="Mon texte précieux")
    assert response.status_code == 403
    assert "Confirmez votre adresse e-mail" in response.content.decode()
    assert "Mon texte précieux" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_closed_idea_refuses_comments_but_shows_existing_ones(client, citizen):
    idea = IdeaFactory()
    comment_create(obj=idea, user=CitizenFactory(), text="Avant la fermeture")
    idea.status = Idea.Status.IMPLEMENTED
    idea.save()
    client.force_login(citizen)
    response = post(client, idea, comment="Trop tard ?")
    assert response.status_code == 403
    assert "fermés" in response.content.decode()
    assert XtdComment.objects.count() == 1
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Avant la fermeture" in page
    assert "Les commentaires sont fermés" in page
    assert 'action="/commentaires/post/"' not in page


def test_empty_comment_comes_back_with_a_message(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = post(client, idea, comment="")
    assert response.status_code == 200
    assert "Écrivez votre commentaire" in response.content.decode()


def test_preview_shows_the_comment_without_saving_it(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = post(client, idea, comment="À prévisualiser", preview="1")
    assert "Aperçu de votre commentaire" in response.content.decode()
    assert "À prévisualiser" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_expired_form_keeps_the_text(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = post(client, idea, comment="Écrit lentement", security_hash="0" * 40)
    assert response.status_code == 400
    assert "Écrit lentement" in response.content.decode()
    assert "expiré" in response.content.decode()


def test_threads_are_two_levels_deep(client, citizen):
    idea = IdeaFactory()
    top = comment_create(obj=idea, user=CitizenFactory())
    client.force_login(citizen)
    response = post(client, idea, comment="Une réponse", reply_to=top.pk)
    reply = XtdComment.objects.get(comment="Une réponse")
    assert response.status_code == 302 and reply.level == 1 and reply.parent_id == top.pk
    response = post(client, idea, comment="Trop profond", reply_to=reply.pk)
    assert response.status_code == 403
    assert "répondez au commentaire" in response.content.decode()
    assert not XtdComment.objects.filter(comment="Trop profond").exists()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("comments-xtd-reply", args=[top.pk]) in page
    assert reverse("comments-xtd-reply", args=[reply.pk]) not in page


def test_reply_page_shows_a_form_without_javascript(client, citizen):
    idea = IdeaFactory()
    top = comment_create(obj=idea, user=CitizenFactory(), text="Question ?")
    client.force_login(citizen)
    page = client.get(reverse("comments-xtd-reply", args=[top.pk])).content.decode()
    assert "Question ?" in page and f'name="reply_to" value="{top.pk}"' in page


def test_reply_to_another_objects_comment_is_refused(client, citizen):
    idea, other = IdeaFactory(), IdeaFactory()
    foreign = comment_create(obj=other, user=CitizenFactory())
    client.force_login(citizen)
    response = post(client, idea, comment="Mauvais fil", reply_to=foreign.pk)
    assert response.status_code == 403
    assert not XtdComment.objects.filter(comment="Mauvais fil").exists()


def test_like_toggles_and_is_counted(client, citizen):
    idea = IdeaFactory()
    comment = comment_create(obj=idea, user=CitizenFactory())
    client.force_login(citizen)
    url = reverse("comments-xtd-like", args=[comment.pk])
    client.post(url, {"next": idea.get_absolute_url()})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    assert '<span class="comment__like-count">1</span>' in page
    client.post(url, {"next": idea.get_absolute_url()})
    page = client.get(idea.get_absolute_url()).content.decode()
    assert '<span class="comment__like-count">0</span>' in page


def test_flag_needs_login_and_post(client, citizen):
    idea = IdeaFactory()
    comment = comment_create(obj=idea, user=CitizenFactory())
    url = reverse("comments-flag", args=[comment.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert not comment.flags.exists()
    client.force_login(citizen)
    assert "Signaler ce commentaire" in client.get(url).content.decode()
    assert not comment.flags.exists()  # GET only asks
    response = client.post(url, {"next": idea.get_absolute_url()})
    assert response.status_code == 302
    assert comment.flags.filter(flag="removal suggestion", user=citizen).exists()


def test_enough_flags_hide_the_comment(client, settings):
    settings.CIVIC_COMMENT_FLAGS_TO_HIDE = 2
    idea = IdeaFactory()
    comment = comment_create(obj=idea, user=CitizenFactory(), text="Propos douteux")
    for reporter in [CitizenFactory(), CitizenFactory()]:
        client.force_login(reporter)
        client.post(reverse("comments-flag", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert "Propos douteux" not in client.get(idea.get_absolute_url()).content.decode()


def test_script_tags_are_inert(client, citizen):
    idea = IdeaFactory()
    comment_create(
        obj=idea, user=citizen, text="<script>alert('x')</script> voir https://exemple.fr"
    )
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert 'href="https://exemple.fr"' in page


def test_public_page_shows_pseudonym_never_email_name_or_ip(client, citizen):
    idea = IdeaFactory()
    comment_create(obj=idea, user=citizen, text="Bonjour")
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Camille D." in page
    assert citizen.email not in page
    assert citizen.last_name not in page
    assert "203.0.113.7" not in page


def test_my_comments_appear_in_my_space(client, citizen):
    idea = IdeaFactory(title="Un parc pour les chiens")
    comment_create(obj=idea, user=citizen, text="Je suis pour.")
    client.force_login(citizen)
    page = client.get("/mon-espace/").content.decode()
    assert "Mes commentaires" in page
    assert "Un parc pour les chiens" in page and "Je suis pour." in page
