"""The site search of `/recherche/`: its form, the sources of the site's pages, and the groups
of results the registered sources give (`civic.hooks.SEARCH_SOURCES`).

Pages and news go through Wagtail's search (`WAGTAILSEARCH_BACKENDS`: the `database` backend,
ranked, StreamField text included). It ignores case on both databases and accents on SQLite
(FTS5), not on PostgreSQL (`velo` misses `vélo` there until a text search configuration with
`unaccent` is set as the backend's `SEARCH_CONFIG`). Ideas and projects are plain querysets
matched with `civic.search.text_matches`: accents and case ignored on both databases.
"""

import re
from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from civic import hooks as civic

from .models import NewsPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_GROUP = 10


class SearchForm(forms.Form):
    """`?q=<words>` and, to list every result of one kind, `&type=<source name>`."""

    q = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        error_messages={
            "null_characters_not_allowed": _("Votre recherche contient un caractère non autorisé."),
        },
    )
    type = forms.CharField(required=False, max_length=50)

    max_length = MAX_QUERY_LENGTH

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if len(query) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                _(
                    "Votre recherche est trop longue : %(limit)s caractères au plus (elle en "
                    "compte %(length)s). Gardez quelques mots."
                ),
                params={
                    "limit": number_format(MAX_QUERY_LENGTH, force_grouping=True),
                    "length": number_format(len(query), force_grouping=True),
                },
            )
        return query


@dataclass(frozen=True)
class SearchGroup:
    """The results of one source: how many match, the ones shown, and where to see them all."""

    source: civic.SearchSource
    count: int
    hits: list[civic.SearchHit]
    more_url: str = ""


def _count(results) -> int:
    return len(results) if isinstance(results, list | tuple) else results.count()


def search_all_url(query: str, source: civic.SearchSource) -> str:
    """Every result of `source`, paginated, on the search page itself."""
    return f"{reverse('search')}?{urlencode({'q': query, 'type': source.name})}"


def search_groups(
    *, query: str, sources: list[civic.SearchSource], limit: int = RESULTS_PER_GROUP
) -> list[SearchGroup]:
    """One group per source with matches, in the sources' order: its count, its first `limit`
    hits, and a "voir tout" link when it has more (the app's own listing when it filters by
    text, else this page for that kind only). What is hidden is never counted: each source
    returns only what anyone may see."""
    groups = []
    for source in sources:
        results = source.search(query)
        count = _count(results)
        if not count:
            continue
        more_url = ""
        if count > limit:
            more_url = source.more_url(query) if source.more_url else search_all_url(query, source)
        hits = [source.hit(obj) for obj in results[:limit]]
        groups.append(SearchGroup(source, count, hits, more_url))
    return groups


# The site's own pages ------------------------------------------------------------------------


def _page_hit(page) -> civic.SearchHit:
    excerpt = page.search_description or getattr(page, "intro", "") or ""
    excerpt = excerpt or getattr(page, "hero_intro", "") or ""
    return civic.SearchHit(page.title, page.url, excerpt, str(page.get_verbose_name()).capitalize())


def _news_hit(news: NewsPage) -> civic.SearchHit:
    return civic.SearchHit(news.title, news.url, news.intro, date_format(news.date, "DATE_FORMAT"))


def _words_only(query: str) -> str:
    """`query` without punctuation: SQLite's FTS5 reads a lone `"` as a syntax error."""
    return " ".join(re.findall(r"\w+", query))


def pages_search(query: str):
    """Live, public pages other than news, with Wagtail's search (its `database` backend)."""
    pages = Page.objects.live().public().not_type(NewsPage).specific()
    words = _words_only(query)
    return pages.search(words) if words else pages.none()


def news_search(query: str):
    words = _words_only(query)
    news = NewsPage.objects.live().public()
    return news.search(words) if words else news.none()


PAGES_SOURCE = civic.SearchSource(
    name="pages", label=_("Pages"), search=pages_search, hit=_page_hit, order=10
)
NEWS_SOURCE = civic.SearchSource(
    name="actualites", label=_("Actualités"), search=news_search, hit=_news_hit, order=20
)
