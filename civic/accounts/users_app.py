"""Wagtail's user admin, built from Civic's viewset (see `civic.accounts.admin_forms`).

Listed in INSTALLED_APPS in place of "wagtail.users" (Wagtail's documented way to customise
the user forms and listing)."""

from wagtail.users.apps import WagtailUsersAppConfig


class CivicUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "civic.accounts.admin_forms.CivicUserViewSet"
