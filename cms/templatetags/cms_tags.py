"""Template tags for the site chrome: main navigation and breadcrumb."""

from django import template
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.models import Page

from civic.accounts.selectors import admin_user_ids
from civic.hooks import menu_items_collect
from civic.page_cache.holes import hole_filler
from civic.page_cache.memo import frame_memo, tables_memo

from ..models import site_for_request

register = template.Library()


def _site_root(request):
    site = site_for_request(request) if request else None
    return site.root_page if site else None


def _menu_pages(request, root) -> list[tuple[str, str, str]]:
    """(title, url, tree path) of the live `show_in_menus` children of `root`, read once per
    version of the frame and language (`civic.page_cache.memo`)."""

    def read():
        children = root.get_children().live().in_menu()
        return [
            (child.title, child.get_url(request=request) or "", child.path) for child in children
        ]

    return frame_memo(request, ("cms main menu", root.pk, get_language()), read)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """The `show_in_menus` children of the site root, plus the entries apps register on
    `civic.hooks.MAIN_MENU_ITEMS`; the current section gets aria-current."""
    request = context.get("request")
    root = _site_root(request)
    request_path = request.path if request else ""
    items = []
    if root is not None:
        current_page = context.get("page")
        current_path = (
            getattr(current_page, "path", None) if isinstance(current_page, Page) else None
        )
        for position, (title, url, path) in enumerate(_menu_pages(request, root), start=1):
            if current_path:
                inside = current_path.startswith(path)
            else:
                inside = bool(url) and url != "/" and request_path.startswith(url)
            exact = inside and (current_path == path or request_path == url)
            # aria-current="page" on the page itself, "true" on the section it belongs to.
            current = "page" if exact else ("true" if inside else "")
            items.append({"title": title, "url": url, "current": current, "order": position * 10})
    for entry in menu_items_collect(request):
        inside = request_path.startswith(entry.url)
        current = ("page" if request_path == entry.url else "true") if inside else ""
        items.append(
            {"title": entry.title, "url": entry.url, "current": current, "order": entry.order}
        )
    items.sort(key=lambda item: item["order"])
    return {"items": items, "request": request}


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page=None):
    """Ancestors of `page` (from the site root) for the breadcrumb trail."""
    request = context.get("request")
    page = page or context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {}
    crumbs = [
        {"title": ancestor.title, "url": ancestor.get_url(request=request)}
        for ancestor in page.get_ancestors().filter(depth__gt=2)
    ]
    return {"crumbs": crumbs, "current": page.title}


@register.simple_tag(takes_context=True)
def render_section(context, section):
    """Render a `civic.hooks.Section`: its template with its own context on top of ours."""
    template = context.template.engine.get_template(section.template)
    with context.push(**section.context):
        return template.render(context)


@hole_filler("alerts", per_request=True)
def alerts_fill(context, arg) -> str:
    """The active alerts' banners (base.html): a hole, since they start and end by the clock
    (the alerts are read once per version of their table: `guide_selectors.alerts_not_over`).
    Their markup is kept per process for the same alerts and language."""
    from django.template.loader import render_to_string

    from cms.guide_selectors import ALERT_TABLES, alerts_active

    request = context.get("request")
    alerts = alerts_active(request=request)
    if not alerts:
        return ""
    return tables_memo(
        request,
        ("cms alerts banner", tuple(alert.pk for alert in alerts), get_language()),
        lambda: render_to_string("cms/includes/alerts.html", {"alerts": alerts}),
        tables=ALERT_TABLES,
    )


@hole_filler("userbar", per_request=True)
def userbar(context, arg=""):
    """Wagtail's user bar, for whoever may open the admin. Who may (`admin_user_ids`, a few
    staff accounts) is read once per version of the frame (`civic.page_cache.memo`): a
    citizen's page no longer pays the two permission queries that answer no."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    if user.pk not in frame_memo(request, "admin users", admin_user_ids):
        return ""
    return wagtailuserbar(context)
