"""/mon-espace/ and /mon-espace/profil/."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail import hooks

from civic.accounts.models import AgeBracket, Language, Profile, User
from civic.hooks import DASHBOARD_SECTIONS, Section
from tests.factories import DistrictFactory, UserFactory


@pytest.mark.django_db
def test_dashboard_requires_login(client):
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/mon-espace/"


@pytest.mark.django_db
def test_profile_page_requires_login(client):
    response = client.get(reverse("accounts:profile_edit"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_dashboard_shows_the_profile_and_what_is_public(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Camille D." in html
    assert citizen.profile.district.name in html
    assert "visible de tous" in html
    assert reverse("accounts:profile_edit") in html


@pytest.mark.django_db
def test_dashboard_shows_sections_from_other_modules(client, citizen, tmp_path, settings):
    template_dir = tmp_path / "templates"
    (template_dir / "demo").mkdir(parents=True)
    (template_dir / "demo" / "section.html").write_text("<p>Mes idées : {{ count }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], template_dir]}]

    def my_ideas(request):
        return Section(template="demo/section.html", context={"count": 3}, order=10)

    def nothing(request):
        return None

    with (
        hooks.register_temporarily(DASHBOARD_SECTIONS, my_ideas),
        hooks.register_temporarily(DASHBOARD_SECTIONS, nothing),
    ):
        client.force_login(citizen)
        html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Mes idées : 3" in html


@pytest.mark.django_db
def test_user_without_profile_gets_one_on_the_dashboard(client):
    """Accounts made on the command line or in the admin have no profile yet."""
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert Profile.objects.filter(user=user).exists()
    assert "Vous n'avez pas encore de nom public" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_saves_every_choice(client, citizen):
    district = DistrictFactory(name="Les Hauts de Ville")
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "  Camille des Hauts ",
            "district": district.pk,
            "age_bracket": AgeBracket.FROM_45_TO_59,
            "language": Language.ENGLISH,
            "notify_status_changes": "on",
            # notify_comments and notify_followed unticked
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")
    profile = Profile.objects.get(user=citizen)
    assert profile.display_name == "Camille des Hauts"
    assert profile.district == district
    assert profile.age_bracket == AgeBracket.FROM_45_TO_59
    assert profile.language == Language.ENGLISH
    assert profile.notify_status_changes is True
    assert profile.notify_comments is False
    assert profile.notify_followed is False
    assert "Votre profil est enregistré" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_profile_can_withdraw_district_and_age(client, citizen):
    client.force_login(citizen)
    client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "Camille", "district": "", "age_bracket": "", "language": "fr"},
    )
    profile = Profile.objects.get(user=citizen)
    assert profile.district is None
    assert profile.age_bracket == ""


@pytest.mark.django_db
def test_profile_edit_errors_keep_what_was_typed(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"display_name": "", "age_bracket": "30-44", "language": "fr", "notify_comments": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert '<option value="30-44" selected>' in html
    assert Profile.objects.get(user=citizen).display_name == "Camille D."


@pytest.mark.django_db
def test_superuser_made_on_the_command_line_can_use_the_site_and_admin(client):
    call_command("createsuperuser", email="DSI@Ingeville.fr", interactive=False, verbosity=0)
    user = User.objects.get(email="dsi@ingeville.fr")
    client.force_login(user)
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    assert client.get("/admin/").status_code == 200
