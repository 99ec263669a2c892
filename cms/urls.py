from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import legal, views

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("confidentialite/", legal.privacy_notice, name="privacy_notice"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("plan-du-site/", views.sitemap_html, name="sitemap_html"),
]
