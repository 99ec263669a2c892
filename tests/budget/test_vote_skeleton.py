"""The vote's pages from a kept skeleton (civic/page_cache/holes.py): recorded once for every
voter who sees the same ballot, filled for each request. One voter's page never carries
another's choices, errors, messages, address or token, and reads exactly as the page
recorded for that voter alone; a change to what the skeleton shows is on the next page."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from budget.selectors import BALLOT_OFFER_TABLES
from civic.page_cache import holes
from civic.page_cache.versions import FRAME_TABLES, tables_version_bump
from cms.models import SiteSettings

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def ballot_url(campaign):
    return reverse("budget:ballot", args=[campaign.slug])


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


@pytest.fixture
def kept(settings):
    """Production's shared cache: skeletons kept per process while their tables hold."""
    settings.CIVIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_a_skeleton_keeps_nothing_of_the_request_it_was_recorded_on(rf, make_voter, settings):
    settings.CIVIC_PAGE_CACHE = True

    def request_for(user, path):
        request = rf.get(path)
        request.user, request.session = user, SessionStore()
        request._messages = FallbackStorage(request)
        return request

    first = request_for(make_voter(), "/budget-participatif/?recherche=chez-alice")
    messages.info(first, "Votre message à vous seule, Alice.")
    skeleton = holes.skeleton(
        first, "base.html", {}, key=("test", "base"), tables=frozenset(FRAME_TABLES)
    )
    text = "".join(part for part in skeleton.parts if isinstance(part, str))
    assert "Alice" not in text and "chez-alice" not in text and "csrfmiddlewaretoken" not in text
    assert {"csrf", "messages", "next", "alerts", "userbar"} <= {n for n, _ in skeleton.holes}

    second = request_for(make_voter(), "/budget-participatif/")
    assert holes.skeleton(second, "base.html", {}, key=("test", "base"), tables=FRAME_TABLES) is (
        skeleton
    )
    page = skeleton.fill(second, {})
    assert "Alice" not in page and "chez-alice" not in page and "\x00" not in page
    assert 'name="next" value="/budget-participatif/"' in page
    own = skeleton.fill(first, {})
    assert "Votre message à vous seule, Alice." in own and "chez-alice" in own
    # The same page rendered the ordinary way (holes filled as it goes) reads the same.
    ordinary = render_to_string("base.html", {}, request=second)
    assert without_tokens(ordinary) == without_tokens(page)


def test_the_vote_page_from_a_kept_skeleton_is_the_one_recorded_for_the_voter_alone(
    client, city, make_voter, kept, settings
):
    url = ballot_url(city.campaign)
    alice, bob = make_voter(), make_voter()
    client.force_login(alice)
    chosen = [p.pk for p in city.city_projects[:4]]  # one too many: refused, with a message
    refused = client.post(url, {f"enveloppe-{city.city.pk}": chosen, "action": "update"})
    assert (
        refused.status_code == 200 and "ne peut pas encore être validé" in refused.content.decode()
    )
    assert refused.content.decode().count(" checked") == 4

    client.force_login(bob)
    from_kept = client.get(url).content.decode()
    assert " checked" not in from_kept and "ne peut pas encore être validé" not in from_kept
    assert "\x00" not in from_kept
    settings.CIVIC_PAGE_CACHE = False  # recorded for this request alone
    alone = client.get(url).content.decode()
    assert without_tokens(from_kept) == without_tokens(alone)


def test_a_renamed_city_and_project_show_on_the_next_vote_page(
    client, voter, city, kept, default_site
):
    url = ballot_url(city.campaign)
    client.force_login(voter)
    site_settings = SiteSettings.for_site(default_site)
    site_settings.city_name = "Ingeville"
    site_settings.save()
    tables_version_bump(FRAME_TABLES)
    assert "Ingeville" in client.get(url).content.decode()

    site_settings.city_name = "Bourg-la-Reine-des-Prés"
    site_settings.save()
    project = city.city_projects[0]
    project.title = "Un kiosque à musique"
    project.save()
    tables_version_bump(FRAME_TABLES | BALLOT_OFFER_TABLES)  # what their commit does
    html = client.get(url).content.decode()
    assert "Bourg-la-Reine-des-Prés" in html and "Ingeville" not in html
    assert "Un kiosque à musique" in html


def test_the_confirmation_and_receipt_carry_only_this_voters_choices_and_code(
    client, city, make_voter, kept
):
    url = ballot_url(city.campaign)
    codes, recaps = [], []
    for count in (1, 2):
        client.force_login(make_voter())
        choice = {f"enveloppe-{city.city.pk}": [p.pk for p in city.city_projects[:count]]}
        review = client.post(url, {**choice, "action": "review"}).content.decode()
        recaps.append([p.title for p in city.city_projects if p.title in review])
        receipt = client.post(url, {**choice, "action": "confirm"}).content.decode()
        codes.append(re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt))
    titles = [p.title for p in city.city_projects]
    assert recaps == [titles[:1], titles[:2]]
    assert len(codes[0]) == len(codes[1]) == 1 and codes[0] != codes[1]


def test_a_login_leaves_the_skeleton_and_a_new_moderator_gets_the_user_bar_at_once(
    client, voter, city, kept, monkeypatch
):
    from django.contrib.auth.models import Group

    from civic.accounts import roles

    recorded = []
    record = holes.record
    monkeypatch.setattr(holes, "record", lambda *a, **k: recorded.append(a[1]) or record(*a, **k))
    url = ballot_url(city.campaign)
    client.force_login(voter)
    assert "wagtail-userbar" not in client.get(url).content.decode()
    assert recorded == ["budget/ballot.html"]

    client.force_login(voter)  # writes last_login: the users' table
    tables_version_bump({"accounts_user"})
    client.get(url)
    assert recorded == ["budget/ballot.html"]

    voter.groups.add(Group.objects.get_or_create(name=roles.MODERATORS)[0])
    tables_version_bump({"accounts_user_groups"})  # what the commit of that write does
    assert "wagtail-userbar" in client.get(url).content.decode()
    assert recorded == ["budget/ballot.html"]
