"""Emails to citizens: the right kind, language and preferences, sent only once committed."""

import pytest
from django.core import mail
from django.db import transaction

from civic.notifications.services import notification_send
from proposals.models import Idea
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create

pytestmark = pytest.mark.django_db

KINDS = [
    "idea_received",
    "idea_status_changed",
    "idea_official_answer",
    "idea_duplicate",
    "comment_reply",
    "comment_on_my_content",
    "followed_update",
    "project_review_decision",
]


def context_for(kind, idea, author):
    if kind.startswith("comment_"):
        comment = comment_create(
            obj=idea, user=CitizenFactory(profile__display_name="Lou"), text="Je réponds"
        )
        return {"comment": comment, "parent": comment, "object": idea}
    return {
        "idea": idea,
        "project": idea,  # any object with a title and a status, like a budget project
        "reason": "Motif clair",
        "old_status": "submitted",
        "new_status": idea.status,
    }


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_kind_is_sent_in_text_and_html_in_the_recipients_language(
    kind, language, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://civic.example"
    recipient = CitizenFactory(profile__language=language, profile__display_name="Ana")
    kept = IdeaFactory(title="Idée conservée")
    idea = IdeaFactory(
        author=recipient,
        title="Un banc",
        official_answer="Oui, en mai.",
        status=Idea.Status.DUPLICATE if kind == "idea_duplicate" else Idea.Status.PUBLISHED,
        duplicate_of=kept if kind == "idea_duplicate" else None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind=kind, context=context_for(kind, idea, recipient), obj=idea
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.to == [recipient.email]
    assert f'lang="{language}"' in html
    assert f"https://civic.example/idees/{idea.pk}/" in message.body
    assert "https://civic.example/mon-espace/profil/" in message.body
    assert "https://civic.example/mon-espace/profil/" in html
    assert "Ana" in message.body
    assert "Un banc" in message.subject or kind.startswith("comment_") or kind == "followed_update"


def test_acknowledgement_states_the_promised_delay(django_capture_on_commit_callbacks, settings):
    settings.CIVIC_MODERATION_DELAY_HOURS = 72
    recipient = CitizenFactory()
    idea = IdeaFactory(author=recipient, status=Idea.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind="idea_received", context={"idea": idea}, obj=idea
        )
    assert "72 heures" in mail.outbox[0].body


def test_status_change_email_carries_the_reason(django_capture_on_commit_callbacks):
    recipient = CitizenFactory()
    idea = IdeaFactory(author=recipient, status=Idea.Status.REJECTED)
    context = {
        "idea": idea,
        "reason": "Hors du champ de la commune.",
        "old_status": "submitted",
        "new_status": "rejected",
    }
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind="idea_status_changed", context=context, obj=idea
        )
    body = mail.outbox[0].body
    assert "Hors du champ de la commune." in body
    assert "En attente de modération → Refusée" in body


@pytest.mark.parametrize(
    ("kind", "preference"),
    [
        ("idea_status_changed", "notify_status_changes"),
        ("idea_official_answer", "notify_status_changes"),
        ("idea_duplicate", "notify_status_changes"),
        ("comment_reply", "notify_comments"),
        ("comment_on_my_content", "notify_comments"),
        ("followed_update", "notify_followed"),
    ],
)
def test_preferences_are_respected(kind, preference, django_capture_on_commit_callbacks):
    recipient = CitizenFactory(**{f"profile__{preference}": False})
    idea = IdeaFactory(author=recipient)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind=kind, context=context_for(kind, idea, recipient), obj=idea
        )
    assert mail.outbox == []


def test_acknowledgement_is_sent_whatever_the_preferences(django_capture_on_commit_callbacks):
    recipient = CitizenFactory(
        profile__notify_status_changes=False,
        profile__notify_comments=False,
        profile__notify_followed=False,
    )
    idea = IdeaFactory(author=recipient)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind="idea_received", context={"idea": idea}, obj=idea
        )
    assert len(mail.outbox) == 1


def test_sent_on_commit_not_before(django_capture_on_commit_callbacks):
    recipient = CitizenFactory()
    idea = IdeaFactory(author=recipient)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification_send(
            recipient=recipient, kind="idea_received", context={"idea": idea}, obj=idea
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_nothing_sent_when_the_transaction_rolls_back():
    recipient = CitizenFactory()
    idea = IdeaFactory(author=recipient)
    with pytest.raises(RuntimeError), transaction.atomic():
        notification_send(
            recipient=recipient, kind="idea_received", context={"idea": idea}, obj=idea
        )
        raise RuntimeError("the service failed after asking for the email")
    assert mail.outbox == []
    with transaction.atomic():
        notification_send(
            recipient=recipient, kind="idea_received", context={"idea": idea}, obj=idea
        )
    assert len(mail.outbox) == 1


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        notification_send(recipient=CitizenFactory(), kind="nope", context={})


def test_new_comment_tells_the_idea_author_and_the_parent_author(
    client, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from django_comments_xtd import get_form

    author, parent_author, replier = CitizenFactory(), CitizenFactory(), CitizenFactory()
    idea = IdeaFactory(author=author)
    parent = comment_create(obj=idea, user=parent_author)
    form = get_form()(idea)
    data = {k: form.initial[k] for k in ("content_type", "object_pk", "timestamp", "security_hash")}
    client.force_login(replier)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("comments-post-comment"), {**data, "comment": "Bien vu", "reply_to": parent.pk}
        )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([author.email, parent_author.email])
