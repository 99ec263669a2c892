"""Ingeville's site pages for `manage.py seed_demo`: home, news, practical information.

Idempotent: pages are found by slug, images by title, and nothing that already exists is
changed, so running it twice changes nothing. Images are drawn by `civic.demo.pictures`.
"""

import datetime
import json

from django.utils import timezone
from wagtail.models import Page, Site

from civic.demo.pictures import demo_image

from .demo_content import INFORMATION, NEWS
from .models import HomePage, InformationPage, NewsIndexPage, NewsPage, SiteSettings

CITY_NAME = "Ville d'Ingeville"
HOME_SLUG = "accueil"

LARGE_EXTRA_NEWS = 120


def seed(*, stdout, size="small"):
    """Build (or complete) Ingeville's site. Idempotent: existing pages are left unchanged."""
    home = _home_page(stdout)
    _site_settings(home)
    news_index = _news_index(home)
    created = 0
    today = timezone.localdate()
    for slug, title, days_ago, intro, tags, palette, paragraphs, heading in NEWS:
        if NewsPage.objects.filter(slug=slug).exists():
            continue
        image = demo_image(title=title, palette=palette) if palette else None
        body = [("paragraph", f"<p>{paragraphs[0]}</p>"), ("heading", heading)]
        body += [("paragraph", f"<p>{text}</p>") for text in paragraphs[1:]]
        page = NewsPage(
            title=title,
            slug=slug,
            date=today - datetime.timedelta(days=days_ago),
            intro=intro,
            image=image,
            body=_stream(body),
        )
        page.tags.add(*tags)
        _publish(news_index, page)
        created += 1
    if size == "large":
        created += _large_news(news_index, today)
    stdout.write(f"  {created} actualités créées")

    created = 0
    for slug, title, intro, in_menu, blocks in INFORMATION:
        if InformationPage.objects.filter(slug=slug).exists():
            continue
        page = InformationPage(
            title=title, slug=slug, intro=intro, show_in_menus=in_menu, body=_stream(blocks)
        )
        _publish(home, page)
        created += 1
    stdout.write(f"  {created} pages d'information créées")


def _home_page(stdout):
    """The HomePage at the site root, replacing Wagtail's default "Welcome" page once."""
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Accueil",
            slug=HOME_SLUG,
            seo_title="Ville d'Ingeville – participer et s'informer",
            hero_title="Ingeville, une ville qui se construit avec vous",
            hero_intro="Proposez vos idées, votez pour les projets de votre quartier, "
            "donnez votre avis sur les projets de la ville et retrouvez toutes les "
            "informations pratiques.",
            hero_image=demo_image(
                title="Ingeville – vue sur la ville", palette=("#083a66", "#0b6e6d")
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write("  page d'accueil créée")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk or site.site_name != "Ingeville":
        site.root_page = home
        site.site_name = "Ingeville"
        site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page: a plain Page with no children.
    welcome = Page.objects.filter(depth=2, content_type__model="page").exclude(pk=home.pk)
    for page in welcome:
        if page.numchild == 0 and not page.sites_rooted_here.exists():
            page.delete()
    return home


def _site_settings(home):
    site = Site.objects.get(root_page=home, is_default_site=True)
    settings = SiteSettings.for_site(site)
    if settings.city_name != CITY_NAME:
        settings.city_name = CITY_NAME
        settings.contact_address = "Hôtel de ville\n1 place de la Mairie\n95999 Ingeville"
        settings.contact_phone = "01 23 45 67 89"
        settings.contact_email = "contact@ingeville.fr"
        settings.contact_hours = "Du lundi au vendredi, 8 h 30 – 17 h 30 ; le samedi, 9 h – 12 h"
        settings.dpo_name = "Mme Sophie Marchand"
        settings.dpo_email = "dpo@ingeville.fr"
        settings.sender_email = "ne-pas-repondre@ingeville.fr"
        settings.mastodon_url = "https://mastodon.example/@ingeville"
        settings.facebook_url = "https://www.facebook.com/ingeville.example"
        settings.instagram_url = "https://www.instagram.com/ingeville.example"
        settings.youtube_url = "https://www.youtube.com/@ingeville.example"
        settings.save()


def _news_index(home):
    index = NewsIndexPage.objects.filter(slug="actualites").first()
    if index is None:
        index = NewsIndexPage(
            title="Actualités",
            slug="actualites",
            show_in_menus=True,
            intro="Travaux, vie municipale, concertations, événements : toute l'actualité "
            "d'Ingeville.",
        )
        _publish(home, index)
    return index


def _large_news(news_index, today):
    existing = set(
        NewsPage.objects.filter(slug__startswith="breve-").values_list("slug", flat=True)
    )
    created = 0
    for n in range(LARGE_EXTRA_NEWS):
        slug = f"breve-{n + 1:03d}"
        if slug in existing:
            continue
        page = NewsPage(
            title=f"Brève municipale n° {n + 1}",
            slug=slug,
            date=today - datetime.timedelta(days=90 + n),
            intro="Une information courte de la ville d'Ingeville.",
            body=_stream([("paragraph", "<p>Texte de la brève.</p>")]),
        )
        page.tags.add("Brèves")
        _publish(news_index, page)
        created += 1
    return created


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()


def _stream(blocks):
    """StreamField raw JSON from (type, value) pairs; FAQ items given as (question, answer)."""
    raw = []
    for block_type, value in blocks:
        if block_type == "faq":
            value = {
                "title": value["title"],
                "items": [{"question": q, "answer": a} for q, a in value["items"]],
            }
        raw.append({"type": block_type, "value": value})
    return json.dumps(raw)
