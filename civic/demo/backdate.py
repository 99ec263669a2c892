"""The one way the demo writes what no service would: a date in the past.

The apps' demos (`<app>/demo.py`) go through the services, so the demo has the status
history, validation and audit entries a real city would have. But a service stamps its
rows with the present (`created_at`, `published_at`, an audit entry's `timestamp`), and
the demo tells a story that started months ago. `backdate()` moves those dates afterwards,
row by row, with an `UPDATE` that skips `save()`, signals and validation: it is never for
anything but the demo.
"""

from django.db import models
from wagtail.log_actions import registry


def backdate(obj: models.Model, **fields) -> None:
    """Set `fields` (dates, as a rule) on the saved row of `obj`, and on `obj` itself."""
    type(obj)._base_manager.filter(pk=obj.pk).update(**fields)
    for name, value in fields.items():
        setattr(obj, name, value)


def audit_entries(instance: models.Model) -> list:
    """`instance`'s audit entries (`civic.audit.audit_log`), oldest first: to backdate them."""
    return list(registry.get_logs_for_instance(instance).order_by("timestamp", "pk"))
