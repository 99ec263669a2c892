"""`/statistiques/`: aggregates anyone may read, tables without JavaScript."""

import datetime
import re

import pytest
import time_machine

from tests.analytics.conftest import at
from tests.factories import CitizenFactory
from tests.queries import query_count

# The town's November 2026 is within the twelve months before this day.
TODAY = datetime.datetime(2026, 12, 2, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_anyone_reads_the_aggregated_figures(client, town):
    page = client.get("/statistiques/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Statistiques de participation" in html
    assert '<th scope="row">Participants uniques</th><td>49</td>' in html  # 39 + the 10 of October
    assert "Représentativité par quartier" in html
    assert "BP 2027 : participation au vote par quartier" in html
    assert "Idées déposées sur la période, par thème" in html
    # Staff-only tables stay in the admin.
    assert "votants par canal" not in html
    assert "Délai médian" not in html


def test_small_cells_are_hidden_on_the_public_page_too(client, town):
    html = client.get("/statistiques/").content.decode()
    assert '<th scope="row">18 à 29 ans</th><td>&lt; 10</td>' in html


def test_a_month_with_seven_comments_shows_less_than_ten(client, town):
    from tests.moderation.factories import comment_create

    idea = town.theme.ideas.first()
    for person in CitizenFactory.create_batch(7, profile__district=town.sud):
        comment = comment_create(obj=idea, user=person)
        type(comment).objects.filter(pk=comment.pk).update(submit_date=at("2026-11-12"))
    html = client.get("/statistiques/").content.decode()
    table = html.split('id="analytics-series-title"')[1].split("</table>")[0]
    row = re.search(r"<tr>\s*<th scope=\"row\">11/2026</th>(.*?)</tr>", table, re.S).group(1)
    columns = re.findall(r'<th scope="col">(.*?)</th>', table)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[columns.index("Commentaires") - 1] == "&lt; 10"
    assert cells[columns.index("Idées") - 1] == "27"
    assert "Commentaires</th><td>&lt; 10</td>" in html  # the key figure of the period


def test_the_footer_links_to_the_statistics(client, town):
    assert 'href="/statistiques/"' in client.get("/statistiques/").content.decode()


def test_query_count_does_not_grow_with_the_data(client, settings, town):
    settings.CIVIC_ANALYTICS_CACHE_SECONDS = 0
    first = query_count(lambda: client.get("/statistiques/"))
    from tests.factories import CitizenFactory
    from tests.proposals.factories import IdeaFactory

    for _ in range(12):
        IdeaFactory(author=CitizenFactory(profile__district=town.sud), theme=town.theme)
    assert query_count(lambda: client.get("/statistiques/")) == first
