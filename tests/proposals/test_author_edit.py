"""The author of a pending idea corrects or withdraws it, until a moderator acts on it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from proposals import selectors, services
from proposals.models import Idea
from tests.factories import CitizenFactory
from tests.proposals.factories import IdeaFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status


@pytest.fixture
def pending(citizen):
    return IdeaFactory(author=citizen, status=S.SUBMITTED, title="Un abri vélo", body="Texte.")


def log_entries(idea, action):
    return ModelLogEntry.objects.filter(object_id=str(idea.pk), action=action)


# Services ----------------------------------------------------------------------------------


def test_author_update_changes_the_text_and_audits_before_and_after(citizen, pending):
    services.idea_update_by_author(
        author=citizen, idea=pending, title="  Un abri vélo fermé  ", body="Texte."
    )

    pending.refresh_from_db()
    assert pending.title == "Un abri vélo fermé"
    assert pending.status == S.SUBMITTED
    (entry,) = log_entries(pending, "proposals.idea.author_update")
    assert entry.data["changes"] == {
        "title": {"label": "titre", "before": "Un abri vélo", "after": "Un abri vélo fermé"}
    }


def test_author_update_changing_nothing_writes_no_audit_entry(citizen, pending):
    services.idea_update_by_author(author=citizen, idea=pending, title="Un abri vélo")
    assert not log_entries(pending, "proposals.idea.author_update").exists()


def test_someone_else_cannot_edit_or_withdraw(pending):
    other = CitizenFactory()
    with pytest.raises(PermissionDenied):
        services.idea_update_by_author(author=other, idea=pending, title="Piraté")
    with pytest.raises(PermissionDenied):
        services.idea_withdraw(author=other, idea=pending)
    pending.refresh_from_db()
    assert (pending.title, pending.status) == ("Un abri vélo", S.SUBMITTED)


@pytest.mark.parametrize("status", [S.PUBLISHED, S.REJECTED, S.WITHDRAWN])
def test_once_moderated_or_withdrawn_the_author_can_no_longer_change_it(citizen, status):
    idea = IdeaFactory(author=citizen, status=status, title="Avant")
    with pytest.raises(ValidationError):
        services.idea_update_by_author(author=citizen, idea=idea, title="Après")
    with pytest.raises(ValidationError):
        services.idea_withdraw(author=citizen, idea=idea)
    idea.refresh_from_db()
    assert (idea.title, idea.status) == ("Avant", status)


def test_an_overlong_title_is_refused_not_cut(citizen, pending):
    with pytest.raises(ValidationError):
        services.idea_update_by_author(author=citizen, idea=pending, title="x" * 121)
    pending.refresh_from_db()
    assert pending.title == "Un abri vélo"


def test_withdrawn_idea_leaves_the_queue_and_stays_in_the_dashboard(citizen, pending):
    services.idea_withdraw(author=citizen, idea=pending)

    pending.refresh_from_db()
    assert pending.status == S.WITHDRAWN
    assert pending not in selectors.idea_pending_moderation()
    assert pending not in selectors.idea_list_public()
    assert list(selectors.idea_list_by_author(user=citizen)) == [pending]
    assert pending.status_changes.last().to_status == S.WITHDRAWN
    (entry,) = log_entries(pending, "proposals.idea.withdraw")
    assert entry.data == {"from": "submitted", "to": "withdrawn"}


# Pages -------------------------------------------------------------------------------------


def test_pending_idea_says_it_awaits_moderation_and_offers_edit_and_withdraw(
    client, citizen, pending
):
    client.force_login(citizen)
    html = client.get(pending.get_absolute_url()).content.decode()

    assert "attend la modération" in html
    assert "ne reçoit plus de soutiens" not in html
    assert reverse("proposals:idea_edit", args=[pending.pk]) in html
    assert "Retirer mon idée" in html


def test_published_idea_offers_no_edit_to_its_author(client, citizen):
    idea = IdeaFactory(author=citizen)
    client.force_login(citizen)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("proposals:idea_edit", args=[idea.pk]) not in html
    assert client.get(reverse("proposals:idea_edit", args=[idea.pk])).status_code == 302


def test_edit_page_saves_and_keeps_what_was_typed_on_error(client, citizen, pending):
    client.force_login(citizen)
    url = reverse("proposals:idea_edit", args=[pending.pk])
    data = {"title": "T" * 130, "body": "Nouveau texte.", "theme": pending.theme_id}

    response = client.post(url, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Le titre fait 130 caractères : raccourcissez-le à 120." in html
    assert "T" * 130 in html  # nothing typed is lost
    pending.refresh_from_db()
    assert pending.title == "Un abri vélo"

    response = client.post(url, {**data, "title": "Un abri vélo fermé"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.title, pending.body) == ("Un abri vélo fermé", "Nouveau texte.")


def test_line_breaks_count_as_one_character(client, citizen, pending):
    client.force_login(citizen)
    body = ("a" * 99 + "\r\n") * 50  # 5000 characters as the citizen sees them
    response = client.post(
        reverse("proposals:idea_edit", args=[pending.pk]),
        {"title": "Un abri vélo", "body": body.rstrip("\r\n") + "a", "theme": pending.theme_id},
    )
    assert response.status_code == 302


def test_the_textarea_and_title_carry_their_limit(client, citizen):
    client.force_login(citizen)
    ThemeFactory()
    html = client.get(reverse("proposals:idea_create")).content.decode()
    assert 'maxlength="120"' in html
    assert 'maxlength="5000"' in html
    assert "data-char-counter-labels" in html


@pytest.mark.parametrize("name", ["idea_edit", "idea_withdraw"])
def test_others_get_the_same_404_as_for_a_missing_idea(client, pending, name):
    client.force_login(CitizenFactory())
    assert client.get(reverse(f"proposals:{name}", args=[pending.pk])).status_code == 404
    assert client.post(reverse(f"proposals:{name}", args=[pending.pk])).status_code == 404
    assert client.get(reverse(f"proposals:{name}", args=[999999])).status_code == 404


def test_withdraw_asks_for_confirmation_then_withdraws(client, citizen, pending):
    client.force_login(citizen)
    url = reverse("proposals:idea_withdraw", args=[pending.pk])
    assert "Oui, retirer mon idée" in client.get(url).content.decode()
    pending.refresh_from_db()
    assert pending.status == S.SUBMITTED

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    pending.refresh_from_db()
    assert pending.status == S.WITHDRAWN


def test_anonymous_visitor_is_sent_to_log_in(client, pending):
    response = client.get(reverse("proposals:idea_edit", args=[pending.pk]))
    assert response.status_code == 302
    assert "/compte/login/" in response["Location"]


def test_preview_says_why_each_similar_idea_is_suggested(client, citizen):
    theme = ThemeFactory(name="Mobilité")
    IdeaFactory(title="Un parking vélo au stade", theme=theme)
    IdeaFactory(title="Planter des arbres fruitiers", theme=theme)
    client.force_login(citizen)

    response = client.post(
        reverse("proposals:idea_create"),
        {"title": "Un parking à vélos près du stade", "body": "Des arceaux.", "theme": theme.pk},
    )

    html = response.content.decode()
    assert "Un parking vélo au stade" in html
    assert "Mots en commun : parking, stade, vélos" in html
    assert "Planter des arbres fruitiers" not in html


def test_saving_the_edit_form_unchanged_records_no_change(client, citizen):
    from decimal import Decimal

    idea = IdeaFactory(
        author=citizen,
        status=S.SUBMITTED,
        latitude=Decimal("47.083500"),
        longitude=Decimal("2.400500"),
    )
    client.force_login(citizen)
    url = reverse("proposals:idea_edit", args=[idea.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in ("title", "body", "theme", "latitude")}
    data.update(longitude=form["longitude"].value(), district="")
    data = {k: ("" if v is None else v) for k, v in data.items()}

    assert client.post(url, data).status_code == 302
    assert not log_entries(idea, "proposals.idea.author_update").exists()
