"""A consultation published while already open is announced at once (otherwise the command
`consultations_notify_openings` announces it when it opens). Connected in `apps.py`."""

from django.db import transaction


def announce_on_publish(sender, instance, **kwargs):
    from . import services

    if instance.is_open() and instance.opening_notified_at is None:
        transaction.on_commit(services.openings_notify)
