"""Where each page type may be created in the Wagtail tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, InformationPage, NewsIndexPage, NewsPage


class PageTypeRestrictionsTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_tree_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_news_live_under_a_news_index_only(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})

    def test_information_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(InformationPage, {HomePage, InformationPage})
        self.assertAllowedSubpageTypes(InformationPage, {InformationPage})
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanCreateAt(HomePage, InformationPage)
