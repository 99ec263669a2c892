"""Who may delete or unpublish a page: the rule lives in `civic.page_permissions` (every
module's page types follow it); the names are kept here for cms's own imports."""

from civic.page_permissions import (  # noqa: F401
    CivicPagePermissionTester,
    RemovalRestrictedPageMixin,
    hide_removal_listing_buttons,
    hide_unpublish_from_action_menu,
    is_administrator,
    refusal_response,
    refuse_page_bulk_removal,
    refuse_page_delete,
    removal_allowed,
)
