from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import guide_views, legal, views

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("confidentialite/", legal.privacy_notice, name="privacy_notice"),
    path("mentions-legales/", legal.legal_notice, name="legal_notice"),
    path("plan-du-site/", views.sitemap_html, name="sitemap_html"),
    path("equipements/", guide_views.facility_list, name="facility_list"),
    path("equipements/<slug:slug>/", guide_views.facility_detail, name="facility_detail"),
    path("agenda/", guide_views.event_list, name="event_list"),
    path("agenda/calendrier.ics", guide_views.event_calendar, name="event_calendar"),
    path(
        "agenda/categorie/<slug:slug>.ics",
        guide_views.event_calendar,
        name="event_category_calendar",
    ),
    path("agenda/<slug:slug>/", guide_views.event_detail, name="event_detail"),
]
