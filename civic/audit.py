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

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.actions.edit import EditAction
from wagtail.log_actions import LogFormatter, log, registry


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
    from wagtail.models import ModelLogEntry

    if registry.get_log_model_for_instance(instance) is not ModelLogEntry:
        return log(instance=instance, action=action, user=actor, data=data or {})
    return _model_log_entry_create(instance=instance, action=action, actor=actor, data=data)


def _model_log_entry_create(*, instance, action: str, actor, data):
    """What `log()` writes for a model that is not a page, without its two foreign-key
    SELECTs: `ModelLogEntry.save()` runs `full_clean()`, which reads back the content type
    (from Django's cache) and the actor (the signed-in user) only to see that they exist.
    Every other field is validated as `save()` would; one INSERT."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import ModelLogEntry

    context = get_active_log_context()
    entry = ModelLogEntry(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        label=ModelLogEntry.objects.get_instance_title(instance),
        action=action,
        timestamp=timezone.now(),
        data=data or {},
        user=actor or context.user,
        uuid=context.uuid,
    )
    entry.full_clean(exclude=["content_type", "user"])
    ModelLogEntry.objects.bulk_create([entry])
    return entry


# What an edit changed ----------------------------------------------------------------------
#
# Wagtail's admin saves an object through the edit action registered for its model
# (`wagtail.actions.registry`). `AuditedEditAction`, registered for a model with
# `audited_edit_register()` in a `register_actions` hook, takes a snapshot of the object as
# stored before and after the save and logs `<app>.<model>.edit` with
# `data["changes"] = {field: {"label": ..., "before": ..., "after": ...}}`. The action is
# registered with `edit_action_register()`, whose formatter shows the changes in the object's
# history and in the site history ("Titre : A → B").

# Never recorded, whatever the model: secrets and bookkeeping.
SNAPSHOT_EXCLUDED = {"password", "last_login", "date_joined", "latest_revision"}
# Long texts are cut in the log entry: the reviewer needs to see what changed, not a copy.
SNAPSHOT_TEXT_LIMIT = 500
MESSAGE_VALUE_LIMIT = 80


def _display(value) -> Any:
    """A JSON value a reviewer can read: people by their public name, objects by their title."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        public_name = getattr(value, "public_name", None)
        return str(public_name if public_name is not None else value)
    text = str(value)
    if len(text) > SNAPSHOT_TEXT_LIMIT:
        text = text[: SNAPSHOT_TEXT_LIMIT - 1] + "…"
    return text


def audit_snapshot(instance: models.Model, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The readable state of `instance`: its editable fields, many-to-many relations and
    child rows (a campaign's envelopes), as `{field: {"label": ..., "value": ...}}`."""
    skipped = SNAPSHOT_EXCLUDED | set(exclude)
    state: dict[str, Any] = {}
    for field in instance._meta.get_fields():
        name = field.name
        if name in skipped:
            continue
        if field.many_to_many and not field.auto_created:
            related = getattr(instance, name).all()
            value = sorted(_display(obj) for obj in related)
            label = field.verbose_name
        elif field.one_to_many and _is_child_relation(field):
            accessor = field.get_accessor_name()
            value = [_child_display(obj) for obj in getattr(instance, accessor).all()]
            label = field.related_model._meta.verbose_name_plural
        elif field.concrete and not field.auto_created and field.editable and not field.is_relation:
            if field.choices:
                value = _display(getattr(instance, f"get_{name}_display")())
            else:
                value = _display(getattr(instance, field.attname))
            label = field.verbose_name
        elif field.concrete and field.many_to_one and field.editable:
            value = _display(getattr(instance, name))
            label = field.verbose_name
        else:
            continue
        state[name] = {"label": str(label), "value": value}
    return state


def _child_display(child: models.Model) -> str:
    """ "Ville (montant : 300000)": a child row by its name and its own values."""
    values = [
        f"{entry['label']} : {_format_value(entry['value'])}"
        for name, entry in audit_snapshot(child).items()
        if not _is_parental_key(child._meta.get_field(name))
        and _format_value(entry["value"]) != str(child)
    ]
    return f"{child} ({', '.join(values)})" if values else str(child)


def _is_parental_key(field) -> bool:
    from modelcluster.fields import ParentalKey

    return isinstance(field, ParentalKey)


def _is_child_relation(field) -> bool:
    """Rows edited with their parent (modelcluster's ParentalKey), e.g. envelopes."""
    from modelcluster.fields import ParentalKey

    return isinstance(field.remote_field, ParentalKey)


def audit_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """`{field: {"label", "before", "after"}}` for each field whose value differs.

    `before` and `after` are `audit_snapshot()`s (or plain `{field: value}` dicts).
    """
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = _value(before.get(name)), _value(after.get(name))
        if old != new:
            entry = before.get(name) if isinstance(before.get(name), dict) else after.get(name)
            label = entry.get("label", name) if isinstance(entry, dict) else name
            changes[name] = {"label": label, "before": old, "after": new}
    return changes


def _value(entry):
    return entry.get("value") if isinstance(entry, dict) and "value" in entry else entry


def edit_action_name(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.edit"


class AuditedEditAction(EditAction):
    """Wagtail's edit action, logged as `<app>.<model>.edit` with the fields it changed."""

    def _edit(self, skip_permission_checks=False):
        action = edit_action_name(type(self.instance))
        if not self.log_action or not registry.action_exists(action):
            return super()._edit(skip_permission_checks=skip_permission_checks)
        model = type(self.instance)
        with transaction.atomic():
            stored = model._default_manager.filter(pk=self.instance.pk).first()
            before = audit_snapshot(stored) if stored is not None else {}
            wagtail_action, self.log_action = self.log_action, None
            try:
                instance = super()._edit(skip_permission_checks=skip_permission_checks)
            finally:
                self.log_action = wagtail_action
            after = audit_snapshot(model._default_manager.get(pk=instance.pk))
            log(
                instance=instance,
                action=action,
                user=self.user,
                revision=self.revision,
                content_changed=self.content_changed,
                data={"changes": audit_changes(before, after)},
            )
        return instance


def audited_edit_register(actions_registry, models_: Iterable[type[models.Model]]) -> None:
    """In a `register_actions` hook: edits of `models_` in the admin record what changed."""
    for model in models_:
        actions_registry.register(model, AuditedEditAction)


def _format_value(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return gettext("oui")
    if value is False:
        return gettext("non")
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    text = str(value)
    return text if len(text) <= MESSAGE_VALUE_LIMIT else text[: MESSAGE_VALUE_LIMIT - 1] + "…"


def changes_summary(changes: dict[str, Any]) -> list[str]:
    """One line per changed field: "Titre : A → B"."""
    return [
        gettext("%(field)s : %(before)s → %(after)s")
        % {
            "field": str(change.get("label") or name).capitalize(),
            "before": _format_value(change.get("before")),
            "after": _format_value(change.get("after")),
        }
        for name, change in changes.items()
    ]


class ChangesLogFormatter(LogFormatter):
    """ "Projet modifié — Titre : A → B ; Coût estimé : 1 → 2"."""

    def format_message(self, log_entry):
        changes = (log_entry.data or {}).get("changes") or {}
        if not changes:
            return gettext("%(message)s (aucun champ changé)") % {"message": self.message}
        return f"{self.message} — {' ; '.join(changes_summary(changes))}"


def edit_action_register(actions, model: type[models.Model], label, message) -> None:
    """In a `register_log_actions` hook: the `<app>.<model>.edit` action of `model`."""
    formatter = type(
        "EditLogFormatter", (ChangesLogFormatter,), {"label": label, "message": message}
    )
    actions.register_action(edit_action_name(model))(formatter)


# Events without an edited object: exports, logins ------------------------------------------

EXPORT_ACTION = "accounts.user.export"
EXPORT_FILTERS_LIMIT = 20


def audit_export(*, actor, what: str, export_format: str, filters: dict[str, Any]) -> None:
    """Record that `actor` downloaded `what` (e.g. "proposals.idea") as a spreadsheet.

    Logged on the actor's own account: the entry says who took which data, with the filters
    that chose the rows, never the rows themselves.
    """
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    kept = dict(list(filters.items())[:EXPORT_FILTERS_LIMIT])
    audit_log(
        actor=actor,
        action=EXPORT_ACTION,
        instance=actor,
        data={"export": what, "format": export_format, "filters": kept},
    )


class AuditedExportMixin:
    """For a Wagtail listing view with `list_export`: each CSV/XLSX download is logged."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        model = getattr(self, "model", None)
        what = model._meta.label_lower if model is not None else self.export_what
        filters = {
            key: [value[:100] for value in self.request.GET.getlist(key)][:10]
            for key in self.request.GET
            if key != "export"
        }
        audit_export(
            actor=self.request.user, what=what, export_format=spreadsheet_format, filters=filters
        )
        return response


def audit_log_unattached(
    *, action: str, model: type[models.Model], label: str, data: dict[str, Any], actor=None
):
    """An entry about `model` that concerns no stored object (a sign-in attempt for an unknown
    address). Its object id is "0", which no row has, so Wagtail shows it without a link."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    if not registry.action_exists(action):
        raise UnknownAuditAction(f"Audit action {action!r} is not registered.")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id="0",
        label=label[:255],
        action=action,
        user=actor,
        data=data,
        timestamp=timezone.now(),
    )
