"""Site-wide views that are not Wagtail pages: search and robots.txt."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from civic import hooks as civic
from civic.pagination import paginate

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
