"""The site's pages joining the shared seams: their demo content, the news API, and who
may delete or unpublish a page."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from civic import hooks as civic

from . import demo, guide_admin, guide_demo, guide_selectors, page_permissions, search
from .api import router as news_router
from .guide_api import router as facilities_router
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


# The facilities guide, the agenda and the alerts -----------------------------------------

register_snippet(guide_admin.GuideViewSetGroup)


@hooks.register("register_admin_urls")
def guide_admin_urls():
    return [
        path("equipements/horaires/", guide_admin.hours_preview, name="cms_hours_preview"),
    ]


@hooks.register(civic.MAIN_MENU_ITEMS)
def facilities_menu_item(request):
    return civic.MenuItem(_("Équipements"), reverse("facility_list"), order=60)


@hooks.register(civic.MAIN_MENU_ITEMS)
def agenda_menu_item(request):
    return civic.MenuItem(_("Agenda"), reverse("event_list"), order=65)


@hooks.register(civic.HOME_SECTIONS)
def home_pharmacy_on_duty(request):
    """ "Pharmacie de garde" on the home page, while a turn of the rota covers now."""
    duty = guide_selectors.pharmacy_on_duty()
    if duty is None:
        return None
    return civic.Section("cms/includes/pharmacy_on_duty.html", {"duty": duty}, order=40)


@hooks.register(civic.HOME_SECTIONS)
def home_upcoming_events(request):
    events = list(guide_selectors.event_list_upcoming()[:3])
    if not events:
        return None
    return civic.Section("cms/includes/home_events.html", {"events": events}, order=45)


@hooks.register(civic.SEARCH_SOURCES)
def facilities_search_source():
    return civic.SearchSource(
        name="equipements",
        label=_("Équipements"),
        search=lambda query: guide_selectors.facility_list_public(q=query),
        hit=lambda f: civic.SearchHit(f.name, f.get_absolute_url(), f.description, f.category.name),
        more_url=lambda query: f"{reverse('facility_list')}?{urlencode({'q': query})}",
        order=60,
    )


@hooks.register(civic.API_ROUTERS, order=60)
def facilities_api():
    return civic.ApiRouter("/facilities", facilities_router, tags=["facilities"])


@hooks.register(civic.DEMO_SEEDERS, order=25)
def guide_demo_seeder():
    """Facilities, the duty rota, events and an alert, after the page tree."""
    return civic.DemoSeeder("guide", guide_demo.seed)


@hooks.register(civic.PAGE_CACHE_DEADLINES)
def guide_page_cache_deadline(now):
    """A facility opens or closes, a duty turn, an alert or an event starts or ends."""
    return guide_selectors.guide_next_change(now)


@hooks.register(civic.AUDIT_ACTIONS)
def guide_audit_actions(actions):
    civic.audit_actions_register(
        actions,
        "cms.facility",
        [
            ("import_create", _("Importer un équipement"), _("Équipement importé")),
            (
                "import_update",
                _("Mettre à jour un équipement importé"),
                _("Équipement mis à jour par import"),
            ),
        ],
    )
