"""The site's pages joining the shared seams: their demo content, the news API, and who
may delete or unpublish a page."""

from wagtail import hooks

from civic import hooks as civic

from . import demo, page_permissions, search
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


# Who deletes and unpublishes pages (see cms.page_permissions) ----------------------------

hooks.register("before_delete_page", page_permissions.refuse_page_delete)
hooks.register("before_bulk_action", page_permissions.refuse_page_bulk_removal)
hooks.register("construct_page_action_menu", page_permissions.hide_unpublish_from_action_menu)
hooks.register("construct_page_listing_buttons", page_permissions.hide_removal_listing_buttons)
