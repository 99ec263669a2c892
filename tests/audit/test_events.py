"""Sign-ins, exports and counter look-ups are logged; the site history names people by their
public name for every role but administrators (issue #8, points 4 and 9)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from civic.audit import audit_log
from tests.factories import DEFAULT_PASSWORD, CitizenFactory
from tests.proposals.factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_logged_on_the_account_with_the_ip_and_no_password(client, citizen):
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(citizen).get(action="accounts.user.login")
    assert entry.user == citizen
    assert entry.data == {"ip": "203.0.113.7"}
    assert DEFAULT_PASSWORD not in str(entry.data)


def test_a_failed_sign_in_is_logged_without_the_password(client, citizen):
    response = client.post(
        reverse("account_login"),
        {"login": citizen.email, "password": "pas-le-bon-mot"},
        REMOTE_ADDR="203.0.113.8",
    )
    assert response.status_code == 200
    entry = ModelLogEntry.objects.for_instance(citizen).get(action="accounts.user.login_failed")
    assert entry.user is None
    assert entry.data == {"ip": "203.0.113.8"}


def test_a_failed_sign_in_for_an_unknown_address_keeps_no_address(client, administrator):
    client.post(
        reverse("account_login"),
        {"login": "personne.inconnue@example.org", "password": "x"},
        REMOTE_ADDR="203.0.113.9",
    )
    entry = ModelLogEntry.objects.get(action="accounts.user.login_failed")
    assert entry.data["ip"] == "203.0.113.9"
    assert "inconnue" not in str(entry.data) + entry.label
    client.force_login(administrator)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "Échec de connexion" in response.content.decode()


def test_mfa_enrolment_is_logged(rf, agent):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.signals import authenticator_added

    authenticator = Authenticator(user=agent, type=Authenticator.Type.TOTP)
    request = rf.get("/", REMOTE_ADDR="198.51.100.1")
    request.user = agent
    authenticator_added.send(
        sender=Authenticator, request=request, user=agent, authenticator=authenticator
    )
    entry = ModelLogEntry.objects.for_instance(agent).get(action="accounts.user.mfa_add")
    assert entry.data == {"type": "totp", "ip": "198.51.100.1"}


def test_an_export_of_ideas_is_logged_with_its_filters(client, moderator):
    IdeaFactory(title="Des bancs")
    client.force_login(moderator)
    response = client.get(reverse("ideas:index"), {"export": "csv", "status": "published"})
    assert response.status_code == 200
    assert "Des bancs" in response.getvalue().decode()
    entry = ModelLogEntry.objects.for_instance(moderator).get(action="accounts.user.export")
    assert entry.data == {
        "export": "proposals.idea",
        "format": "csv",
        "filters": {"status": ["published"]},
    }


# Site history: emails and names for administrators only -----------------------------------


@pytest.fixture
def idea_history(administrator, citizen):
    idea = IdeaFactory(author=citizen)
    audit_log(actor=administrator, action="proposals.idea.publish", instance=idea)
    audit_log(actor=citizen, action="proposals.idea.submit", instance=idea)
    return idea


@pytest.mark.parametrize("role", ["moderator", "agent", "elected"])
def test_staff_see_public_names_in_the_site_history_and_its_csv(
    client, request, role, administrator, citizen, idea_history
):
    viewer = request.getfixturevalue(role)
    client.force_login(viewer)
    page = client.get("/admin/reports/site-history/")
    assert page.status_code == 200
    export = client.get("/admin/reports/site-history/", {"export": "csv"})
    assert export.status_code == 200
    for text in (page.content.decode(), export.getvalue().decode()):
        for person in (administrator, citizen):
            assert person.email not in text
            assert person.get_full_name() not in text
        if role != "elected":  # elected officials see no idea entries at all
            assert "Administration" in text and "Camille D." in text
    assert ModelLogEntry.objects.filter(action="accounts.user.export", user=viewer).exists()


def test_the_user_filter_lists_public_names_for_staff(
    client, moderator, administrator, idea_history
):
    client.force_login(moderator)
    page = client.get("/admin/reports/site-history/results/").content.decode()
    page += client.get("/admin/reports/site-history/").content.decode()
    assert administrator.email not in page
    assert "Administration" in page


def test_administrators_see_who_did_what(client, administrator, citizen, idea_history):
    other_admin = CitizenFactory(groups=["Administrateurs"], first_name="", last_name="")
    client.force_login(other_admin)
    page = client.get("/admin/reports/site-history/").content.decode()
    assert administrator.get_full_name() in page
    assert citizen.get_full_name() in page
    export = client.get("/admin/reports/site-history/", {"export": "csv"}).getvalue().decode()
    assert administrator.get_full_name() in export
