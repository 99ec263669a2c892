import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from civic.accounts.models import User
from civic.hooks import DASHBOARD_SECTIONS, HOME_SECTIONS, sections_collect
from proposals.models import Idea, Support
from tests.factories import CitizenFactory, UserFactory
from tests.proposals.factories import IdeaFactory, SupportFactory, ThemeFactory

pytestmark = pytest.mark.django_db
S = Idea.Status
LIST_URL = "/idees/"
CREATE_URL = "/idees/nouvelle/"


def detail_url(idea):
    return f"/idees/{idea.pk}/"


def form_data(theme, **overrides):
    data = {
        "title": "Des bancs au parc des Prés",
        "body": "Pour que les aînés puissent se reposer.\n\nVoir https://example.org/bancs",
        "theme": theme.pk,
        "district": "",
        "latitude": "",
        "longitude": "",
        "action": "preview",
    }
    data.update(overrides)
    return data


def jpeg_upload(name="parc.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 60)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# Listing -----------------------------------------------------------------------------------


def test_list_shows_public_ideas_only(client):
    IdeaFactory(title="Idée publiée", status=S.PUBLISHED)
    IdeaFactory(title="Idée retenue", status=S.ACCEPTED)
    IdeaFactory(title="Idée en attente", status=S.SUBMITTED)
    IdeaFactory(title="Idée refusée", status=S.REJECTED)

    html = client.get(LIST_URL).content.decode()

    assert "Idée publiée" in html and "Idée retenue" in html
    assert "Idée en attente" not in html and "Idée refusée" not in html


def test_list_filters_and_sorts_from_the_query_string(client):
    mobility = ThemeFactory(slug="mobilite", name="Mobilité")
    IdeaFactory(title="Navette du samedi", theme=mobility)
    IdeaFactory(title="Concerts sur les quais")
    popular = IdeaFactory(title="Arceaux vélo", theme=mobility)
    SupportFactory(idea=popular)

    response = client.get(LIST_URL, {"theme": "mobilite", "tri": "soutenues"})

    titles = [idea.title for idea in response.context["ideas"]]
    assert titles == ["Arceaux vélo", "Navette du samedi"]


def test_list_paginates_twelve_per_page(client):
    IdeaFactory.create_batch(13)
    assert len(client.get(LIST_URL).context["ideas"]) == 12
    assert len(client.get(LIST_URL, {"page": 2}).context["ideas"]) == 1


def test_map_view_degrades_to_the_list(client):
    IdeaFactory(title="Fleurir le rond-point", latitude="47.08", longitude="2.40")
    html = client.get(LIST_URL, {"vue": "carte", "theme": ""}).content.decode()
    assert 'id="ideas-map"' in html
    assert "/api/v1/ideas/geojson" in html
    assert "Fleurir le rond-point" in html  # the list is still there without JavaScript


def test_list_query_count_does_not_grow_with_the_number_of_ideas(client):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL, {"tri": "commentees"}).status_code == 200
        return len(queries)

    theme = ThemeFactory()
    author = CitizenFactory()
    supporter = CitizenFactory()
    Idea.objects.bulk_create(
        Idea(title=f"Idée {n}", body="…", theme=theme, author=author, status=S.PUBLISHED)
        for n in range(10)
    )
    count_queries()  # warms the per-process caches (site, content types)
    few = count_queries()
    ideas = Idea.objects.bulk_create(
        Idea(title=f"Idée {n}", body="…", theme=theme, author=author, status=S.PUBLISHED)
        for n in range(990)
    )
    Support.objects.bulk_create(Support(idea=idea, user=supporter) for idea in ideas)
    many = count_queries()

    assert Idea.objects.count() == 1000
    assert many == few


# Detail ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [S.SUBMITTED, S.REJECTED])
def test_pending_and_rejected_ideas_are_404_for_the_public(client, citizen, status):
    idea = IdeaFactory(status=status)
    assert client.get(detail_url(idea)).status_code == 404
    client.force_login(citizen)
    assert client.get(detail_url(idea)).status_code == 404


def test_author_sees_their_pending_idea_with_a_notice(client):
    idea = IdeaFactory(status=S.SUBMITTED, title="Mon idée")
    client.force_login(idea.author)
    response = client.get(detail_url(idea))
    assert response.status_code == 200
    assert "en attente de modération" in response.content.decode()


def test_moderator_sees_a_pending_idea(client, moderator):
    idea = IdeaFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    assert client.get(detail_url(idea)).status_code == 200


def test_detail_shows_history_answer_and_supports(client, elected):
    from proposals import services

    idea = IdeaFactory(status=S.PUBLISHED)
    services.idea_study(actor=elected, idea=idea, reason="Le service voirie chiffre le projet.")
    services.idea_answer(actor=elected, idea=idea, text="Réponse officielle de la ville.")
    SupportFactory(idea=idea)

    html = client.get(detail_url(idea)).content.decode()

    assert "Le service voirie chiffre le projet." in html
    assert "La réponse de la ville" in html and "Réponse officielle de la ville." in html
    assert "1</strong>" in html and "Se connecter pour soutenir" in html


def test_duplicate_links_to_the_kept_idea(client):
    kept = IdeaFactory(title="L'idée gardée")
    duplicate = IdeaFactory(status=S.DUPLICATE, duplicate_of=kept)
    html = client.get(detail_url(duplicate)).content.decode()
    assert f'href="{detail_url(kept)}"' in html


def test_script_tags_in_title_and_body_are_inert(client):
    idea = IdeaFactory(
        title='<script>alert("titre")</script>',
        body='<script>alert("corps")</script> <img src=x onerror=alert(1)> https://example.org',
    )
    for url in (LIST_URL, detail_url(idea)):
        html = client.get(url).content.decode()
        assert '<script>alert("' not in html
        assert "<img src=x" not in html
    html = client.get(detail_url(idea)).content.decode()
    assert "&lt;script&gt;alert(&quot;corps&quot;)&lt;/script&gt;" in html
    assert '<a href="https://example.org" rel="nofollow">https://example.org</a>' in html


# Supports ----------------------------------------------------------------------------------


def test_support_without_javascript_redirects_back(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    response = client.post(reverse("proposals:idea_support", args=[idea.pk]), {"intent": "add"})
    assert response.status_code == 302 and response["Location"] == detail_url(idea)
    # a double click sends "add" twice: still one support
    client.post(reverse("proposals:idea_support", args=[idea.pk]), {"intent": "add"})
    assert idea.supports.count() == 1


def test_support_with_fetch_answers_json(client, citizen):
    idea = IdeaFactory()
    client.force_login(citizen)
    url = reverse("proposals:idea_support", args=[idea.pk])
    response = client.post(url, {"intent": "add"}, headers={"accept": "application/json"})
    assert response.json() == {"supported": True, "count": 1}
    response = client.post(url, {"intent": "remove"}, headers={"accept": "application/json"})
    assert response.json() == {"supported": False, "count": 0}


def test_anonymous_support_goes_to_login(client):
    idea = IdeaFactory()
    response = client.post(reverse("proposals:idea_support", args=[idea.pk]), {"intent": "add"})
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not idea.supports.exists()


def test_support_on_a_closed_idea_explains_why(client, citizen):
    idea = IdeaFactory(status=S.IMPLEMENTED)
    client.force_login(citizen)
    response = client.post(
        reverse("proposals:idea_support", args=[idea.pk]),
        {"intent": "add"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "Cette idée ne reçoit plus de soutiens."


# Submitting --------------------------------------------------------------------------------


def test_submit_needs_login(client):
    response = client.get(CREATE_URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_form_says_what_is_public(client, citizen):
    client.force_login(citizen)
    html = client.get(CREATE_URL).content.decode()
    assert "pseudonyme, jamais votre nom ni votre e-mail" in html


def test_unverified_account_is_told_to_confirm_the_email(client):
    client.force_login(UserFactory())
    html = client.get(CREATE_URL).content.decode()
    assert "confirmez d'abord votre adresse e-mail" in html
    assert 'name="title"' not in html


def test_errors_keep_everything_typed(client, citizen):
    theme = ThemeFactory()
    client.force_login(citizen)
    response = client.post(
        CREATE_URL,
        form_data(theme, title="", latitude="47.08", longitude="", body="Mon texte précieux"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Donnez un titre à votre idée." in html
    assert "Indiquez la latitude et la longitude, ou aucune des deux." in html
    assert "Mon texte précieux" in html
    assert 'value="47.08"' in html
    assert f'<option value="{theme.pk}" selected>' in html
    assert not Idea.objects.exists()


def test_preview_suggests_similar_ideas_then_submit_creates_the_idea(client, citizen):
    theme = ThemeFactory()
    similar = IdeaFactory(title="Des bancs ombragés au parc")
    client.force_login(citizen)

    preview = client.post(CREATE_URL, form_data(theme))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Relisez votre idée" in html
    assert similar.title in html
    assert reverse("proposals:idea_support", args=[similar.pk]) in html
    assert not Idea.objects.filter(author=citizen).exists()  # nothing sent yet

    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    assert hidden["title"] == "Des bancs au parc des Prés"
    response = client.post(CREATE_URL, {**form_data(theme), "action": "submit"})
    idea = Idea.objects.get(author=citizen)
    assert response.status_code == 302 and response["Location"] == detail_url(idea)
    assert idea.status == S.SUBMITTED and idea.channel == Idea.Channel.WEB


def test_photo_is_kept_between_preview_and_submit(client, citizen):
    theme = ThemeFactory()
    client.force_login(citizen)
    preview = client.post(CREATE_URL, {**form_data(theme), "photo": jpeg_upload()})
    token = re.search(r'name="photo_token" value="([^"]+)"', preview.content.decode()).group(1)

    client.post(CREATE_URL, {**form_data(theme), "action": "submit", "photo_token": token})

    idea = Idea.objects.get(author=citizen)
    assert idea.photo and idea.photo.name.startswith("ideas/")
    with Image.open(idea.photo.path) as photo:
        assert photo.size == (64, 48)


def test_photo_is_kept_when_another_field_is_invalid(client, citizen):
    theme = ThemeFactory()
    client.force_login(citizen)
    response = client.post(CREATE_URL, {**form_data(theme, title=""), "photo": jpeg_upload()})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Votre photo est bien conservée" in html


def test_a_forged_photo_token_is_ignored(client, citizen):
    theme = ThemeFactory()
    client.force_login(citizen)
    client.post(CREATE_URL, {**form_data(theme), "action": "submit", "photo_token": "forged"})
    assert not Idea.objects.get(author=citizen).photo


def test_a_non_image_photo_gets_a_message(client, citizen):
    theme = ThemeFactory()
    client.force_login(citizen)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(CREATE_URL, {**form_data(theme), "photo": fake})
    assert response.status_code == 400
    assert "est pas une image lisible" in response.content.decode()


def test_rate_limit_message(client, citizen, settings):
    settings.CIVIC_IDEAS_PER_DAY = 1
    theme = ThemeFactory()
    client.force_login(citizen)
    client.post(CREATE_URL, {**form_data(theme), "action": "submit"})
    html = client.get(CREATE_URL).content.decode()
    assert "c'est le maximum" in html
    response = client.post(CREATE_URL, {**form_data(theme), "action": "submit"})
    assert response.status_code == 403
    assert Idea.objects.filter(author=citizen).count() == 1


def test_agent_submits_on_behalf_of_a_new_citizen(client, agent):
    theme = ThemeFactory()
    client.force_login(agent)
    assert "Saisie pour le compte d" in client.get(CREATE_URL).content.decode()

    response = client.post(
        CREATE_URL,
        {
            **form_data(theme),
            "action": "submit",
            "channel": Idea.Channel.PHONE,
            "author_email": "paul@example.org",
            "author_display_name": "Paul R.",
        },
    )

    idea = Idea.objects.get()
    assert response.status_code == 302
    assert idea.author == User.objects.get(email="paul@example.org")
    assert idea.channel == Idea.Channel.PHONE and idea.submitted_by == agent


def test_agent_on_behalf_without_email_gets_a_message(client, agent):
    theme = ThemeFactory()
    client.force_login(agent)
    response = client.post(
        CREATE_URL, {**form_data(theme), "channel": Idea.Channel.COUNTER, "author_email": ""}
    )
    assert response.status_code == 400
    assert "Indiquez l&#x27;e-mail du citoyen" in response.content.decode()


# Sections ----------------------------------------------------------------------------------


def test_home_section_shows_latest_ideas_or_nothing(rf):
    request = rf.get("/")
    request.user = UserFactory()
    assert not [s for s in sections_collect(HOME_SECTIONS, request) if "proposals" in s.template]
    IdeaFactory(title="La dernière idée")
    [section] = [s for s in sections_collect(HOME_SECTIONS, request) if "proposals" in s.template]
    assert [i.title for i in section.context["ideas"]] == ["La dernière idée"]


def test_dashboard_lists_my_ideas_with_statuses_and_my_supports(rf, citizen):
    mine = IdeaFactory(author=citizen, status=S.SUBMITTED)
    supported = IdeaFactory()
    SupportFactory(idea=supported, user=citizen)
    request = rf.get("/mon-espace/")
    request.user = citizen
    sections = {
        s.template: s.context["ideas"]
        for s in sections_collect(DASHBOARD_SECTIONS, request)
        if "proposals" in s.template
    }
    assert sections["proposals/includes/dashboard_my_ideas.html"] == [mine]
    assert sections["proposals/includes/dashboard_my_supports.html"] == [supported]


def test_main_menu_leads_to_the_ideas_box_and_marks_it_current(client):
    html = client.get(LIST_URL).content.decode()

    nav = html[html.index('<nav class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="/idees/" aria-current="page"' in nav
