"""The audit trail: services record who did what, and administrators read it in the admin."""

import pytest
from django.db import transaction
from wagtail.models import ModelLogEntry

from civic.audit import UnknownAuditAction, audit_log

pytestmark = pytest.mark.django_db

# Registered by civic.accounts' wagtail_hooks (the accounts services use it).
ACTION = "accounts.profile.update"


def test_entry_names_the_actor_the_object_and_the_change(citizen, moderator):
    entry = audit_log(
        actor=moderator,
        action=ACTION,
        instance=citizen.profile,
        data={"field": "display_name", "old": "Camille", "new": "Camille D."},
    )

    stored = ModelLogEntry.objects.get(pk=entry.pk)
    assert stored.user == moderator
    assert stored.action == ACTION
    assert stored.object_id == str(citizen.profile.pk)
    assert stored.content_type.model_class().__name__ == "Profile"
    assert stored.data["new"] == "Camille D."
    assert stored.timestamp is not None


def test_administrator_sees_it_in_the_site_history_report(
    client, administrator, citizen, moderator
):
    audit_log(actor=moderator, action=ACTION, instance=citizen.profile, data={})
    client.force_login(administrator)

    response = client.get("/admin/reports/site-history/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Modification d'un profil" in html or "Profil modifié" in html
    assert moderator.get_full_name() in html
    assert "Camille D." in html  # the object's label


def test_unregistered_action_raises_and_records_nothing(citizen):
    with pytest.raises(UnknownAuditAction):
        audit_log(actor=citizen, action="accounts.profile.udpate", instance=citizen.profile)

    assert not ModelLogEntry.objects.exists()


def test_entry_is_rolled_back_with_the_change(citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=citizen, action=ACTION, instance=citizen.profile)
        raise RuntimeError("the service failed after logging")

    assert not ModelLogEntry.objects.filter(action=ACTION).exists()


def test_anonymous_actor_is_recorded_as_the_system(citizen):
    from django.contrib.auth.models import AnonymousUser

    entry = audit_log(actor=AnonymousUser(), action=ACTION, instance=citizen.profile)

    assert entry.user is None
