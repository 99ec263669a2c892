"""Who may delete or unpublish a page (issue #8, point 7), for every page type of the site
(cms and the modules: consultations).

Wagtail derives delete and unpublish from the page permissions of a group: whoever may
publish (the Élus, on the whole tree) may also unpublish any page and delete any page without
children. Civic keeps those for administrators: other roles may delete or unpublish only a
page they wrote (its owner), never a site's home page and never a section (a page with
children, whose removal takes other people's pages with it).

`RemovalRestrictedPageMixin` gives a page type the rule through Wagtail's own
`permissions_for_user`, so every button, menu item, view and bulk action follows it; every
page type of the site mixes it in (a module's page types too). The hooks in
`cms.wagtail_hooks` refuse a delete that would still reach Wagtail's view (a page type
without the mixin, a hand-written URL) and hide the actions from the editor's menu.
"""

import contextlib

from wagtail.models import PagePermissionTester

from civic.accounts.roles import user_is_administrator

_CACHE_ATTRIBUTE = "_civic_is_administrator"


def is_administrator(user) -> bool:
    """`roles.user_is_administrator`, remembered on the user for one request (a page listing
    asks it for every row)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = user_is_administrator(user)
        with contextlib.suppress(AttributeError):  # AnonymousUser-like objects
            setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def removal_allowed(user, page) -> bool:
    """Whether `user` may delete or unpublish `page`, beyond what Wagtail's own page
    permissions say: administrators always; others only a page of theirs that is neither a
    site's home page nor a section."""
    if is_administrator(user):
        return True
    if page.depth <= 2:  # the tree's root and the sites' home pages
        return False
    if page.numchild:
        return False
    return page.owner_id is not None and page.owner_id == user.pk


class CivicPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and removal_allowed(self.user, self.page)

    def can_unpublish(self):
        return super().can_unpublish() and removal_allowed(self.user, self.page)


class RemovalRestrictedPageMixin:
    """Mix into a page type before `Page`: delete and unpublish follow `removal_allowed`."""

    def permissions_for_user(self, user):
        return CivicPagePermissionTester(user, self)


def refusal_response(request):
    """The 403 a refused delete or unpublish gets."""
    from django.http import HttpResponseForbidden
    from django.utils.translation import gettext

    return HttpResponseForbidden(
        gettext(
            "Seuls les administrateurs suppriment ou dépublient la page d'accueil, une "
            "rubrique ou la page d'une autre personne."
        )
    )


def refuse_page_delete(request, page):
    """`before_delete_page`: pages of a type without the mixin follow the rule too."""
    if not removal_allowed(request.user, page):
        return refusal_response(request)
    return None


def refuse_page_bulk_removal(request, action_type, objects, action_class_instance):
    """`before_bulk_action`: the explorer's bulk delete and bulk unpublish."""
    from wagtail.models import Page

    if action_type not in ("delete", "unpublish"):
        return None
    if not any(issubclass(model, Page) for model in action_class_instance.models):
        return None
    if not all(removal_allowed(request.user, page) for page in objects):
        return refusal_response(request)
    return None


def hide_unpublish_from_action_menu(menu_items, request, context):
    """`construct_page_action_menu`: no "Dépublier" in the editor's menu when not allowed."""
    page = context.get("page")
    if page is None or getattr(page, "pk", None) is None:
        return
    if not removal_allowed(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


def hide_removal_listing_buttons(buttons, page, user, context=None):
    """`construct_page_listing_buttons`: no delete/unpublish in the explorer's row menus."""
    if removal_allowed(user, page):
        return
    for button in buttons:
        dropdown = getattr(button, "dropdown_buttons", None)
        if dropdown is not None:
            dropdown[:] = [b for b in dropdown if not _is_removal_button(b)]
    buttons[:] = [b for b in buttons if not _is_removal_button(b)]


def _is_removal_button(button) -> bool:
    url = str(getattr(button, "url", "") or "")
    return "/delete/" in url or "/unpublish/" in url
