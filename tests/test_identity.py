"""Every email speaks as the city: its name (site settings) and its sender, never the
placeholders "example.com" or "localhost"; the sites framework carries the real domain."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from budget.emails import ballot_receipt_email_send
from civic.identity import site_identity
from civic.notifications.services import notification_send
from cms.models import SiteSettings
from proposals.models import Idea
from tests.budget.factories import CampaignFactory
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create
from tests.notifications.test_services import KINDS, context_for

pytestmark = pytest.mark.django_db

CITY = "Ville d'Exemple-sur-Mer"
SENDER = "participer@exemple-sur-mer.fr"
FROM = f'"{CITY}" <{SENDER}>'
PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def city_settings(default_site, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://participer.exemple-sur-mer.fr"
    site_settings = SiteSettings.for_site(default_site)
    site_settings.city_name = CITY
    site_settings.sender_email = SENDER
    site_settings.save()
    return site_settings


def assert_speaks_as_the_city(message):
    assert message.from_email == FROM
    assert CITY in message.body
    assert message.subject.startswith(f"[{CITY}] ")
    for placeholder in ("example.com", "localhost", "[Civic]"):
        assert placeholder not in message.subject + message.body + message.from_email
        for html, _mime in getattr(message, "alternatives", []):
            assert placeholder not in html


def test_signup_confirmation_email_comes_from_the_city(client, city_settings):
    client.post(
        reverse("account_signup"),
        {
            "email": "lea@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Léa",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])
    assert "participer.exemple-sur-mer.fr" in mail.outbox[0].body


def test_password_reset_email_comes_from_the_city(client, citizen, city_settings):
    client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])


def test_password_change_notice_comes_from_the_city(client, citizen, city_settings):
    citizen.set_password(PASSWORD)
    citizen.save()
    EmailAddress.objects.update_or_create(
        user=citizen, email=citizen.email, defaults={"verified": True, "primary": True}
    )
    client.force_login(citizen)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": PASSWORD + "x", "password2": PASSWORD + "x"},
    )
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])


@pytest.mark.parametrize("kind", KINDS)
def test_each_notification_comes_from_the_city(
    kind, city_settings, django_capture_on_commit_callbacks
):
    recipient = CitizenFactory(profile__language="fr")
    idea = IdeaFactory(
        author=recipient,
        status=Idea.Status.DUPLICATE if kind == "idea_duplicate" else Idea.Status.PUBLISHED,
        duplicate_of=IdeaFactory() if kind == "idea_duplicate" else None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=recipient, kind=kind, context=context_for(kind, idea, recipient), obj=idea
        )
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])


def test_the_ballot_receipt_comes_from_the_city(city_settings, django_capture_on_commit_callbacks):
    voter = CitizenFactory(profile__language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        ballot_receipt_email_send(voter=voter, campaign=CampaignFactory(), code="ABCD-EFGH")
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])


def test_the_receipt_of_a_vote_on_the_site_comes_from_its_city(
    city_settings, rf, django_capture_on_commit_callbacks
):
    voter = CitizenFactory(profile__language="fr")
    request = rf.get("/", HTTP_HOST=city_settings.site.hostname)
    with django_capture_on_commit_callbacks(execute=True):
        ballot_receipt_email_send(
            voter=voter, campaign=CampaignFactory(), code="ABCD-EFGH", request=request
        )
    assert len(mail.outbox) == 1
    assert_speaks_as_the_city(mail.outbox[0])


def test_without_a_sender_in_the_settings_the_environments_address_carries_the_city_name(
    city_settings, settings
):
    settings.DEFAULT_FROM_EMAIL = "mairie@exemple-sur-mer.fr"
    city_settings.sender_email = ""
    city_settings.save()
    assert site_identity().from_email == f'"{CITY}" <mairie@exemple-sur-mer.fr>'


def test_before_the_city_names_itself_the_setting_is_the_default(default_site, settings):
    SiteSettings.objects.filter(site=default_site).delete()
    settings.CIVIC_SITE_NAME = "Mairie de Test"
    assert SiteSettings.for_site(default_site).city_name == "Mairie de Test"


def test_a_quote_in_the_city_name_does_not_break_the_sender(city_settings):
    city_settings.city_name = 'Le "Village"'
    city_settings.save()
    assert site_identity().from_email == f'"Le \\"Village\\"" <{SENDER}>'


def test_the_sites_framework_has_the_public_domain_and_the_city_name(city_settings):
    site = Site.objects.get_current()
    # Saved settings rename it; the domain is WAGTAILADMIN_BASE_URL's.
    assert (site.domain, site.name) == ("participer.exemple-sur-mer.fr", CITY)


def test_the_migrated_database_never_keeps_example_com(db):
    assert Site.objects.get_current().domain != "example.com"


def test_a_comment_link_leads_to_its_idea_on_this_site_never_example_com(client, city_settings):
    idea = IdeaFactory(status=Idea.Status.PUBLISHED)
    comment = comment_create(obj=idea, user=CitizenFactory(), text="Bonne idée")
    response = client.get(comment.get_absolute_url().split("#")[0])
    assert response.status_code == 302
    # Relative: the visitor stays on the host they came by (civic.moderation.comment_views).
    assert response["Location"] == idea.get_absolute_url()
