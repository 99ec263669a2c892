"""Site-wide views that are not Wagtail pages: search, the HTML site map and robots.txt."""

from dataclasses import dataclass, field

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from civic import hooks as civic
from civic.pagination import paginate

from .models import NewsPage
from .search import RESULTS_PER_GROUP, SearchForm, SearchGroup, search_groups


@require_GET
def search(request):
    """`/recherche/?q=`: what anyone may see of the site's pages, news, ideas, projects... (each
    registered `civic.hooks.SEARCH_SOURCES`), grouped by kind; `&type=<name>` pages through
    one kind. An empty query shows the form; an invalid one (too long, NUL) says why (400)."""
    form = SearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    context = {"form": form, "query": query, "groups": None, "page_title": _("Rechercher")}
    if query:
        sources = civic.search_sources_collect()
        only = next((s for s in sources if s.name == form.cleaned_data["type"]), None)
        if only is None:
            context["groups"] = search_groups(query=query, sources=sources)
        else:
            results = paginate(request, only.search(query), RESULTS_PER_GROUP)
            hits = [only.hit(obj) for obj in results.object_list]
            context.update(groups=[SearchGroup(only, results.paginator.count, hits)], page=results)
        context["total"] = sum(group.count for group in context["groups"])
        context["only"] = only
    status = 200 if valid else 400
    return TemplateResponse(request, "cms/search.html", context, status=status)


@require_GET
def robots_txt(request):
    """Crawlers may read the public site, not the admin or personal areas."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /compte/",
        "Disallow: /mon-espace/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@dataclass
class SitemapEntry:
    title: str
    url: str
    children: list["SitemapEntry"] = field(default_factory=list)


def sitemap_tree(request) -> list[SitemapEntry]:
    """The site's live public pages as nested entries under the home page (news items are
    left to the news index, which lists them), then the apps' sections (ideas, budget...)
    from `civic.hooks.menu_items_collect`. One query for the pages."""
    site = Site.find_for_request(request)
    if site is None:
        return [SitemapEntry(item.title, item.url) for item in civic.menu_items_collect(request)]
    root = site.root_page
    pages = root.get_descendants(inclusive=True).live().public().not_type(NewsPage).order_by("path")
    home = None
    by_path: dict[str, SitemapEntry] = {}
    for page in pages:
        entry = SitemapEntry(page.title, page.get_url(request=request) or "")
        by_path[page.path] = entry
        parent = by_path.get(page.path[: -page.steplen])
        if page.pk == root.pk:
            home = entry
        elif parent is not None:
            parent.children.append(entry)
    if home is None:
        return []
    home.children.extend(
        SitemapEntry(item.title, item.url) for item in civic.menu_items_collect(request)
    )
    return [home]


@require_GET
def sitemap_html(request):
    """`/plan-du-site/`: every public page and section of the site, for people (the XML
    sitemap at `/sitemap.xml` is for search engines)."""
    return TemplateResponse(request, "cms/sitemap.html", {"tree": sitemap_tree(request)})
