"""The site's pages joining the shared seams: their demo content and the news API."""

from wagtail import hooks

from civic import hooks as civic

from . import demo, search
from .api import router as news_router
from .models import SiteSettings


@hooks.register(civic.DEMO_SEEDERS, order=20)
def pages_demo():
    """The page tree (home, news, information) after the accounts, before the contributions."""
    return civic.DemoSeeder("cms", demo.seed)


@hooks.register(civic.API_ROUTERS, order=20)
def news_api():
    return civic.ApiRouter("/news", news_router, tags=["news"])


@hooks.register(civic.SEARCH_SOURCES)
def pages_search_sources():
    """The site's pages and its news, the first groups of `/recherche/`."""
    return [search.PAGES_SOURCE, search.NEWS_SOURCE]


@hooks.register(civic.SITE_IDENTITY)
def city_identity(request):
    """The city's name and sender, from the site settings (`civic.identity`)."""
    site_settings = SiteSettings.for_request_or_default_site(request)
    return site_settings.identity() if site_settings is not None else None
