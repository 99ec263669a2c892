"""Civic's audit trail: who did what to which object, and when.

Every service that changes something that matters calls `audit_log()` inside its
transaction, so the entry exists if and only if the change was committed. Entries are
Wagtail log entries (`PageLogEntry` for pages, `ModelLogEntry` for everything else): they
show in the admin under *Rapports → Historique du site* and in each object's history.

An app declares its actions once, in its `wagtail_hooks.py`::

    @hooks.register("register_log_actions")
    def register_idea_actions(actions):
        actions.register_action("proposals.idea.publish", _("Publier une idée"), _("Idée publiée"))

and its services record them::

    audit_log(actor=user, action="proposals.idea.publish", instance=idea, data={"reason": r})

Action names are `<app>.<model>.<verb>`. `data` holds what a reviewer needs to understand the
change (old/new status, reason); it never holds personal data beyond the actor.
"""

from typing import Any

from django.db import models
from wagtail.log_actions import log, registry


class UnknownAuditAction(LookupError):
    """Raised for an action nobody registered: a typo must not lose an audit entry silently."""


def audit_log(
    *,
    actor: models.Model | None,
    action: str,
    instance: models.Model,
    data: dict[str, Any] | None = None,
):
    """Record `action` by `actor` on `instance`; returns the log entry.

    `actor` is None only for the system itself (scheduled purges, imports run by a command).
    Call it inside the service's transaction.
    """
    if not registry.action_exists(action):
        raise UnknownAuditAction(f"Audit action {action!r} is not registered.")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return log(instance=instance, action=action, user=actor, data=data or {})
