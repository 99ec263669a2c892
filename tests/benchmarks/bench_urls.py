"""The site's URLs plus `/__bare__/`: one small template rendered after one SELECT, through
the whole middleware stack, the yardstick the page benchmark compares every page with."""

from django.contrib.sites.models import Site
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from civic.urls import urlpatterns as site_urlpatterns

BARE = engines["django"].from_string(
    '<!doctype html><html lang="fr"><title>{{ site.name }}</title><p>{{ site.domain }}</p>'
)


def bare(request):
    site = Site.objects.only("name", "domain").order_by("pk").first()
    return HttpResponse(BARE.render({"site": site}, request))


urlpatterns = [path("__bare__/", bare), *site_urlpatterns]
