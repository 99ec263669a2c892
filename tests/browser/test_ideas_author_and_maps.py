"""Issue #8, points 16 and 19, clicked as people click: the author of a pending idea edits and
withdraws it; the character counter follows the typing and an overlong title is refused with
its length; the demo's ideas map groups its pins into numbered clusters, with French zoom
buttons; `?page=99` shows the last page; the home page's main button leads to the open vote."""

import io
import re

import pytest
from playwright.sync_api import expect

from budget.models import Campaign
from civic.hooks import demo_seeders_collect
from proposals.models import Idea
from tests.budget.factories import CampaignFactory
from tests.cms.factories import home_page_create, news_index_create
from tests.factories import DEFAULT_PASSWORD
from tests.proposals.factories import IdeaFactory, ThemeFactory
from tests.screenshots import screenshots_take

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

S = Idea.Status


def shoot(page, name: str) -> None:
    screenshots_take(page, "ideas", name)


def log_in(page, base_url, user, next_url):
    page.goto(f"{base_url}/compte/login/?next={next_url}")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type='submit']").first.click()
    page.wait_for_load_state()


def test_author_edits_then_withdraws_a_pending_idea(
    live_server, browser_page, default_site, citizen, axe_check
):
    page = browser_page
    idea = IdeaFactory(author=citizen, status=S.SUBMITTED, title="Un abri vélo au marché")
    log_in(page, live_server.url, citizen, idea.get_absolute_url())

    expect(page.get_by_text("attend la modération : elle pourra être soutenue")).to_be_visible()
    expect(page.get_by_text("ne reçoit plus de soutiens")).to_have_count(0)
    axe_check(page)
    shoot(page, "idea-pending-author")

    page.get_by_role("link", name=re.compile("^Modifier")).click()
    title = page.get_by_label(re.compile("Titre"))
    expect(title).to_have_value("Un abri vélo au marché")
    axe_check(page)
    title.fill("Un abri vélo fermé au marché couvert")
    page.get_by_role("button", name="Enregistrer les modifications").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Un abri vélo fermé au marché couvert"
    )
    expect(page.get_by_text("Votre idée est modifiée")).to_be_visible()
    idea.refresh_from_db()
    assert idea.title == "Un abri vélo fermé au marché couvert"

    page.get_by_role("link", name="Retirer mon idée").click()
    axe_check(page)
    page.get_by_role("button", name="Oui, retirer mon idée").click()

    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    expect(page.get_by_text("est retirée : elle ne sera pas publiée")).to_be_visible()
    expect(page.get_by_text("Retirée par son auteur")).to_be_visible()
    idea.refresh_from_db()
    assert idea.status == S.WITHDRAWN


def test_counter_follows_the_typing_and_an_overlong_title_is_refused(
    live_server, browser_page, default_site, citizen, axe_check
):
    ThemeFactory(name="Mobilité", slug="mobilite")
    page = browser_page
    log_in(page, live_server.url, citizen, "/idees/nouvelle/")
    title = page.get_by_label(re.compile("Titre"))
    counter = page.locator("#id_title_counter")

    expect(counter).to_have_text("0 / 120 caractères")
    title.press_sequentially("Des bancs")
    expect(counter).to_have_text("9 / 120 caractères")

    # Pasted text is not cut by the browser: the counter says how much is too much.
    title.fill("B" * 125)
    expect(title).to_have_value("B" * 125)
    expect(counter).to_have_text("5 caractères de trop : 120 au plus")
    expect(title).to_have_attribute("aria-invalid", "true")
    axe_check(page)
    shoot(page, "idea-form-counter-over")

    page.get_by_label(re.compile("Description")).fill("Des bancs à l'ombre, rue du Marché.")
    page.get_by_label(re.compile("Thème")).select_option(label="Mobilité")
    page.get_by_role("button", name=re.compile("Prévisualiser")).click()

    expect(
        page.get_by_text("Le titre fait 125 caractères : raccourcissez-le à 120.").first
    ).to_be_visible()
    expect(page.get_by_label(re.compile("Titre"))).to_have_value("B" * 125)  # nothing lost
    assert not Idea.objects.exists()


def test_demo_ideas_map_clusters_its_pins_with_french_zoom_buttons(
    live_server, browser_page, default_site, axe_check
):
    for seeder in demo_seeders_collect():
        if seeder.name in ("accounts", "proposals"):
            seeder.seed(stdout=io.StringIO(), size="small")
    page = browser_page

    page.goto(f"{live_server.url}/idees/?vue=carte")

    cluster = page.locator(".marker-cluster").first
    expect(cluster).to_be_visible()
    count = int(cluster.inner_text())
    assert count >= 2
    expect(cluster.locator("[role=img]")).to_have_attribute(
        "aria-label", f"{count} idées à cet endroit : zoomez pour les voir"
    )
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zoomer")
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute("title", "Dézoomer")
    axe_check(page)
    shoot(page, "ideas-map-clusters")

    # A click on a cluster zooms in towards its ideas.
    before = page.locator(".leaflet-marker-icon").count()
    cluster.click()
    expect(page.locator(".leaflet-marker-icon")).not_to_have_count(before)


def test_page_99_shows_the_last_page_with_a_single_box_per_button(
    live_server, browser_page, default_site, axe_check
):
    IdeaFactory.create_batch(13)
    page = browser_page

    page.goto(f"{live_server.url}/idees/?page=99")

    expect(page.get_by_role("heading", name="13 idées")).to_be_visible()
    current = page.locator(".pagination [aria-current=page]")
    expect(current).to_contain_text("2")
    previous = page.get_by_role("link", name=re.compile("Précédente"))
    # The arrow inside the link is plain text, not a second box.
    arrow_border = previous.locator("span").first.evaluate(
        "element => getComputedStyle(element).borderTopStyle"
    )
    assert arrow_border == "none"
    axe_check(page)
    shoot(page, "ideas-page-99")
    previous.click()
    expect(page).to_have_url(re.compile(r"page=1$"))


def test_home_primary_button_leads_to_the_open_vote(
    live_server, browser_page, default_site, citizen
):
    news_index_create(home_page_create())
    campaign = CampaignFactory(phase=Campaign.Phase.VOTE, title="Budget participatif 2027")
    page = browser_page
    log_in(page, live_server.url, citizen, "/")

    page.locator(".hero").get_by_role("link", name="Voter : Budget participatif 2027").click()

    expect(page).to_have_url(re.compile(rf"/budget-participatif/{campaign.slug}/vote/$"))


def test_idea_filters_are_not_cut_at_375_px(live_server, browser_page, default_site):
    IdeaFactory()
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live_server.url}/idees/")

    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll('.ideas-filters select')).filter(select => {
            const style = getComputedStyle(select);
            const context = document.createElement('canvas').getContext('2d');
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const widths = Array.from(select.options, o => context.measureText(o.text).width);
            const longest = Math.max(...widths);
            const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            const room = select.clientWidth - padding;
            return longest > room;
        }).map(select => select.name)"""
    )

    assert cut == []
