from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "civic.page_cache"
    label = "page_cache"
    verbose_name = "Cache des pages publiques"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .versions import writes_watch

        # Every connection of every process (web workers, commands, task workers) watches
        # its own writes: whatever changes the database makes the cached pages old.
        connection_created.connect(writes_watch, dispatch_uid="page_cache_writes_watch")
