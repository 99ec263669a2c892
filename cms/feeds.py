"""The news RSS feed served by `NewsIndexPage` at `<index>/rss/`."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

FEED_SIZE = 20


class NewsFeed(Feed):
    """The latest live news items of one news index, newest first."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return index_page.title

    # Absolute URLs from the request: Django would otherwise prefix django.contrib.sites'
    # domain, which Civic does not maintain (Wagtail's Site is the source of truth).
    def link(self, index_page):
        return self.request.build_absolute_uri(index_page.get_url(request=self.request))

    def feed_url(self, index_page):
        return self.request.build_absolute_uri()

    def description(self, index_page):
        return index_page.intro or _("Les dernières actualités de la ville.")

    def items(self, index_page):
        return index_page.news()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(request=self.request))

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8, 0)))

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
