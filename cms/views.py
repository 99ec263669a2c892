"""Site-wide views that are not Wagtail pages: search and robots.txt."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .models import paginate

SEARCH_RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    """Full-text search over the live, public pages of the site."""
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        pages = Page.objects.live().public().specific().search(query)
        results = paginate(request, pages, SEARCH_RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "cms/search.html",
        {"query": query, "results": results, "page_title": _("Rechercher")},
    )


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
