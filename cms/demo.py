"""Ingeville's site pages for `manage.py seed_demo`: home, news, practical information.

Idempotent: pages are found by slug, images by title, and nothing that already exists is
changed, so running it twice changes nothing. Images are drawn with Pillow (no download).
"""

import datetime
import io
import json
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

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
        image = _demo_image(title, palette) if palette else None
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
            hero_image=_demo_image("Ingeville – vue sur la ville", ("#083a66", "#0b6e6d")),
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


def _demo_image(title, palette):
    """A Wagtail image drawn with Pillow (gradient, sun, skyline); reused by title."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    buffer = io.BytesIO()
    _draw_city(palette, seed=title).save(buffer, format="PNG", optimize=True)
    name = f"demo-{slugify(title)[:50]}.png"
    image = Image(title=title, file=ImageFile(buffer, name=name))
    image.save()
    return image


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _draw_city(palette, *, seed, width=1200, height=675):
    """A flat illustration: sky gradient, sun, three rows of buildings with lit windows, a river."""
    rng = random.Random(seed)
    top, bottom = _hex(palette[0]), _hex(palette[1])
    white, night = (255, 255, 255), (12, 28, 48)
    canvas = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / height))
    sun_x, sun_y = rng.randint(760, 1060), rng.randint(100, 190)
    for radius, alpha in ((120, 0.12), (95, 0.25)):
        glow = _mix(_mix(top, bottom, sun_y / height), (242, 165, 65), alpha)
        draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=glow)
    draw.ellipse([sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70], fill=(242, 165, 65))
    ground = height - 110
    for layer in range(3):
        # far rows are pale (haze), near rows dark
        colour = _mix(_mix(top, night, 0.35 + 0.2 * layer), white, 0.45 - 0.2 * layer)
        window = _mix((255, 214, 140), colour, 0.15 * layer)
        x = rng.randint(-60, 0)
        base = ground + layer * 28
        while x < width:
            w = rng.randint(60, 140)
            h = rng.randint(110, 330) - layer * 60
            draw.rectangle([x, base - h, x + w, height], fill=colour)
            if rng.random() < 0.3:
                draw.polygon(
                    [(x - 4, base - h), (x + w // 2, base - h - 45), (x + w + 4, base - h)],
                    fill=colour,
                )
            if layer:
                for wy in range(base - h + 18, base - 20, 30):
                    for wx in range(x + 12, x + w - 16, 24):
                        if rng.random() < 0.45:
                            draw.rectangle([wx, wy, wx + 10, wy + 14], fill=window)
            x += w + rng.randint(4, 26)
    river_top = height - 48
    draw.rectangle([0, river_top, width, height], fill=_mix(bottom, white, 0.25))
    for i in range(4):
        y = river_top + 10 + i * 9
        for start in range(rng.randint(-80, 0), width, 160):
            draw.line([(start, y), (start + 70, y)], fill=_mix(bottom, white, 0.6), width=2)
    return canvas
