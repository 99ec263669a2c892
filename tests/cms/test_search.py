"""`/recherche/`: pages, news, ideas and projects, grouped by kind; nothing hidden ever shows,
counts or changes the page; other apps join through `civic.hooks.SEARCH_SOURCES`."""

import re

import pytest
from django.db import connection
from wagtail import hooks

from budget.models import Project
from civic import hooks as civic
from proposals.models import Idea
from tests.budget.factories import ProjectFactory
from tests.proposals.factories import IdeaFactory, ThemeFactory
from tests.queries import LARGE, SMALL, ok, queries_at_sizes

from .factories import information_page_create, news_page_create

pytestmark = pytest.mark.django_db

HIDDEN_IDEA_STATUSES = [Idea.Status.SUBMITTED, Idea.Status.REJECTED, Idea.Status.DUPLICATE]
HIDDEN_PROJECT_STATUSES = [Project.Status.SUBMITTED, Project.Status.IN_REVIEW]


def search(client, q, **params):
    return client.get("/recherche/", {"q": q, **params})


def group_headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="resultats-[^"]+">([^<]+)</h2>', html)


def without_tokens(response) -> str:
    """The page without what differs on every response anyway (CSRF tokens, CSP nonces)."""
    html = response.content.decode()
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', html)


def hidden_ideas_and_projects(word: str):
    kept = IdeaFactory(title="Idée gardée")
    for status in HIDDEN_IDEA_STATUSES:
        IdeaFactory(
            title=f"Idée cachée {word} {status}",
            status=status,
            duplicate_of=kept if status == Idea.Status.DUPLICATE else None,
        )
    for status in HIDDEN_PROJECT_STATUSES:
        ProjectFactory(title=f"Projet caché {word} {status}", status=status)


def test_velo_finds_the_public_idea_project_and_news_grouped_by_kind(client, news_index):
    idea = IdeaFactory(title="Un abri à vélos devant la gare", theme=ThemeFactory(name="Mobilité"))
    project = ProjectFactory(
        title="Pistes cyclables rue Haute", summary="Une voie protégée pour aller au lycée à VÉLO."
    )
    news_page_create(news_index, 1, title="Fête du vélo", intro="Balade en famille.")
    IdeaFactory(title="Planter des arbres fruitiers")
    hidden_ideas_and_projects("vélo")

    for q in ("vélo", "VÉLO", "velo", "VELO"):
        html = ok(search(client, q)).content.decode()

        headings = group_headings(html)
        # Pages go through Wagtail's search: accents ignored on SQLite, not on PostgreSQL.
        if q in ("vélo", "VÉLO") or connection.vendor == "sqlite":
            assert headings[0] == "Actualités (1)", q
            assert "Fête du vélo" in html
            assert "3 résultats" in html
        assert headings[-2:] == ["Idées (1)", "Projets du budget participatif (1)"], q
        assert f'href="{idea.get_absolute_url()}"' in html
        assert "Publiée · Mobilité" in html
        assert f'href="{project.get_absolute_url()}"' in html
        assert "Une voie protégée pour aller au lycée" in html
        assert "arbres fruitiers" not in html
        assert "cachée" not in html and "caché" not in html


def test_every_word_must_match(client, home):
    IdeaFactory(title="Parking vélo", body="Près du marché.")
    IdeaFactory(title="Vélo en libre service", body="Des stations partout.")

    html = ok(search(client, "velo marche")).content.decode()

    assert group_headings(html) == ["Idées (1)"]
    assert "Parking vélo" in html and "libre service" not in html


def test_a_query_matching_only_hidden_content_answers_as_one_matching_nothing(client, home):
    before = search(client, "zorglub")
    hidden_ideas_and_projects("zorglub")
    after = search(client, "zorglub")

    assert after.status_code == before.status_code == 200
    assert without_tokens(after) == without_tokens(before)
    assert "Aucun résultat" in after.content.decode()


def test_a_large_group_shows_ten_and_links_to_the_listing_with_the_same_matches(client, home):
    for n in range(12):
        IdeaFactory(title=f"Vélo {n}")
        ProjectFactory(title=f"Vélo-école {n}")

    html = ok(search(client, "velo")).content.decode()

    ideas, projects = html.split('id="resultats-idees"')[1].split('id="resultats-projets"')
    assert ideas.count("<h3>") == 10 and projects.count("<h3>") == 10
    assert "Idées (12)" in html and "Voir les 12 résultats : Idées" in html
    assert 'href="/idees/?q=velo"' in html
    listing = ok(client.get("/idees/", {"q": "velo"}), "Vélo 0", "Vélo 11").content.decode()
    assert listing.count("Vélo ") >= 12
    # Projects have no listing across campaigns that filters by text: this page, one kind.
    assert 'href="/recherche/?q=velo&amp;type=projets"' in html
    second = ok(search(client, "velo", type="projets", page=2)).content.decode()
    assert group_headings(second) == ["Projets du budget participatif (12)"]
    assert second.count("<h3>") == 2
    assert "Tous les résultats pour « velo »" in second


def test_a_newly_registered_source_is_its_own_group(client, home):
    IdeaFactory(title="Piscine à vélos")

    def facilities_search_source():
        return civic.SearchSource(
            name="equipements",
            label="Équipements",
            search=lambda query: [{"name": "Piscine Jean-Bouin"}] if "piscine" in query else [],
            hit=lambda f: civic.SearchHit(f["name"], "/equipements/piscine/", "Bassin de 25 m."),
            order=50,
        )

    with hooks.register_temporarily(civic.SEARCH_SOURCES, facilities_search_source):
        html = ok(search(client, "piscine")).content.decode()

    assert group_headings(html) == ["Idées (1)", "Équipements (1)"]
    assert 'href="/equipements/piscine/"' in html and "Bassin de 25 m." in html
    assert 'href="#resultats-equipements"' in html


def test_empty_query_shows_only_the_labelled_form(client, home):
    html = ok(client.get("/recherche/")).content.decode()

    assert "<h1>Rechercher</h1>" in html
    assert '<label class="sr-only" for="search-q">Mots-clés</label>' in html
    assert 'role="status"' not in html and "Aucun résultat" not in html


def test_a_nul_byte_in_the_query_is_refused_before_any_search(client, home):
    IdeaFactory(title="Vélo")

    response = search(client, "vélo\x00")

    html = response.content.decode()
    assert response.status_code == 400
    assert "contient un caractère que le site n’accepte pas" in html
    assert "Idées (" not in html


@pytest.mark.parametrize(
    "q, message",
    [("vélo" * 2500, "trop longue : 200 caractères au plus (elle en compte 10\xa0000)")],
)
def test_an_invalid_query_says_why_instead_of_failing(client, home, q, message):
    IdeaFactory(title="Vélo")

    response = search(client, q)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-describedby="search-q-error"' in html
    assert "Idées (" not in html
    assert len(response.content) < 50_000


@pytest.mark.parametrize("q", ['"', '"vélo', "(", "*", "NEAR(", "vélo AND", "l'école", "x:y", "\\"])
def test_punctuation_is_searched_as_plain_text(client, news_index, q):
    news_page_create(news_index, 1, title="Fête du vélo à l'école")
    IdeaFactory(title="Vélo à l'école")

    ok(search(client, q))


def test_search_queries_do_not_grow_with_the_matches(client, news_index):
    home = news_index.get_parent()
    added = []

    def add(n):
        for _ in range(n):
            k = len(added) + 1
            IdeaFactory(title=f"Vélo {k}", theme=ThemeFactory())
            ProjectFactory(title=f"Vélo {k}")  # each with its own campaign and envelope
            news_page_create(news_index, k, title=f"Vélo {k}")
            information_page_create(home, title=f"Vélo {k}", slug=f"velo-{k}")
            added.append(k)

    counts = queries_at_sizes(
        add=add,
        fetch=lambda: ok(search(client, "velo"), f"Idées ({len(added)})"),
        sizes=(SMALL, LARGE),
    )
    assert counts[SMALL] == counts[LARGE], counts
