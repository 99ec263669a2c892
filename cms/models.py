"""The site's Wagtail pages (home, news, practical information) and its settings."""

import copy
import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.search import index

from civic.hooks import HOME_SECTIONS, primary_action_collect, sections_collect
from civic.identity import SiteIdentity
from civic.page_cache.memo import frame_memo
from civic.pagination import paginate

from .blocks import BodyBlock, InformationBlock
from .page_permissions import RemovalRestrictedPageMixin

NEWS_PER_PAGE = 10
HOME_NEWS_COUNT = 3


class HomePage(RemovalRestrictedPageMixin, Page):
    """The site root: a hero, the latest news and the sections other modules contribute."""

    hero_title = models.CharField(_("titre d'accroche"), max_length=120, blank=True)
    hero_intro = models.TextField(_("texte d'accroche"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image d'accroche"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading=_("Accroche"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    # Children are left open on purpose: each module's page types (consultations,
    # facilities guide, ...) declare HomePage as their parent.

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def latest_news(self, limit=HOME_NEWS_COUNT):
        return news_queryset().descendant_of(self)[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = list(self.latest_news())
        context["news_index"] = NewsIndexPage.objects.live().descendant_of(self).first()
        context["info_pages"] = InformationPage.objects.live().public().child_of(self)
        context["sections"] = sections_collect(HOME_SECTIONS, request)
        # The main button invites to participate now (an open vote first), not to read.
        context["primary_action"] = primary_action_collect(request)
        return context


def news_queryset():
    """Live, public news items, newest first, with what their cards show prefetched."""
    return (
        NewsPage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related("tags", "image__renditions")
        .order_by("-date", "-first_published_at", "-pk")
    )


class NewsIndexPage(RemovalRestrictedPageMixin, RoutablePageMixin, Page):
    """The news list (10 per page, `?tag=` filter) and its RSS feed at `rss/`."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    def news(self, tag=""):
        queryset = news_queryset().child_of(self)
        if tag:
            queryset = queryset.filter(Q(tags__slug=tag) | Q(tags__name__iexact=tag)).distinct()
        return queryset

    def tags(self):
        """The tags of this index's live news, by name, for the filter links."""
        tags = Tag.objects.filter(
            cms_newspagetag_items__content_object__path__startswith=self.path,
            cms_newspagetag_items__content_object__live=True,
        ).distinct()
        return sorted(tags, key=lambda tag: unicodedata.normalize("NFKD", tag.name.casefold()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()[:100]
        context["tag"] = tag
        context["tags"] = self.tags()
        context["news_page"] = paginate(request, self.news(tag), NEWS_PER_PAGE)
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(RemovalRestrictedPageMixin, Page):
    """One news item."""

    date = models.DateField(_("date"), default=datetime.date.today)
    intro = models.TextField(
        _("chapô"), max_length=300, help_text=_("Résumé affiché dans les listes (300 caractères).")
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("thèmes"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")


class InformationPage(RemovalRestrictedPageMixin, Page):
    """A practical information sheet ("Votre ville en bref", "Démarches", ...)."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)
    body = StreamField(InformationBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.InformationPage"]
    subpage_types = ["cms.InformationPage"]

    class Meta:
        verbose_name = _("page d'information")
        verbose_name_plural = _("pages d'information")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context


def default_city_name() -> str:
    """Until the city names itself: CIVIC_SITE_NAME."""
    return settings.CIVIC_SITE_NAME


LEGAL_TEXT_HELP = _("Laissez vide pour publier le texte par défaut, établi à partir des contacts.")


def site_for_request(request):
    """`Site.find_for_request`, whose lookup (a query) is made once per version of the frame
    (`civic.page_cache.memo`) for each host and port; kept on the request as Wagtail does."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        where = (request._get_raw_host(), request.get_port())
        request._wagtail_site = frame_memo(
            request, ("wagtail Site", *where), lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who the city is on the site and in its emails: name, logo, contacts, legal texts.

    The one source of the city's name (`civic.identity.site_identity`).
    """

    city_name = models.CharField(
        _("nom de la ville"),
        max_length=100,
        default=default_city_name,
        help_text=_("Affiché en tête du site et dans chaque e-mail envoyé aux habitants."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_address = models.TextField(_("adresse de la mairie"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("courriel"), blank=True)
    contact_hours = models.TextField(_("horaires d'ouverture"), blank=True)
    dpo_name = models.CharField(
        _("délégué à la protection des données"), max_length=100, blank=True
    )
    dpo_email = models.EmailField(_("courriel du DPO"), blank=True)
    sender_email = models.EmailField(
        _("adresse d'expédition"),
        blank=True,
        help_text=_(
            "L'adresse d'où partent les e-mails de la plateforme, sous le nom de la ville. "
            "Vide : celle que l'hébergeur a configurée (CIVIC_FROM_EMAIL)."
        ),
    )
    privacy_notice = RichTextField(
        _("notice de confidentialité"), blank=True, help_text=LEGAL_TEXT_HELP
    )
    legal_notice = RichTextField(_("mentions légales"), blank=True, help_text=LEGAL_TEXT_HELP)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)

    select_related = ["logo"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("city_name"), FieldPanel("logo"), FieldPanel("sender_email")],
            heading=_("Identité"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_hours"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("privacy_notice"),
                FieldPanel("legal_notice"),
            ],
            heading=_("Protection des données et mentions légales"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Réseaux sociaux"),
        ),
    ]

    class Meta:
        verbose_name = _("paramètres du site")
        verbose_name_plural = _("paramètres du site")

    def social_links(self):
        """(label, url) of each social network the city filled in, in a stable order."""
        links = [
            ("Mastodon", self.mastodon_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]

    @classmethod
    def for_request(cls, request):
        """Wagtail's `for_request` (kept on the request), with the site and its settings read
        once per version of the frame (`civic.page_cache.memo`): every page's frame asks."""
        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = site_for_request(request)
        found = frame_memo(
            request, ("cms.SiteSettings", site and site.pk), lambda: cls.for_site(site)
        )
        site_settings = copy.copy(found)  # `_request` is this request's, not the next one's
        site_settings._request = request
        setattr(request, attribute, site_settings)
        return site_settings

    @classmethod
    def for_request_or_default_site(cls, request=None):
        """The settings of `request`'s site, else of the default site (None without sites)."""
        if request is not None:
            return cls.for_request(request)

        def default():
            site = Site.objects.filter(is_default_site=True).first()
            return cls.for_site(site) if site is not None else None

        return frame_memo(None, "cms.SiteSettings of the default site", default)

    def identity(self) -> SiteIdentity:
        return SiteIdentity(
            name=self.city_name or default_city_name(), sender_address=self.sender_email
        )

    def privacy_contact(self) -> str:
        """Where to write about personal data: the DPO's address, else the city's."""
        return self.dpo_email or self.contact_email


# The facilities guide, its agenda and alerts (see guide_models.py).
from .guide_models import (  # noqa: E402, F401
    Alert,
    Event,
    EventCategory,
    Facility,
    FacilityCategory,
    FacilityClosure,
    PharmacyDuty,
)
