from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civic.accounts"
    label = "accounts"
    verbose_name = _("Comptes et quartiers")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles, signals

        post_migrate.connect(roles.sync_group_permissions_on_migrate, sender=self)
        signals.connect()
