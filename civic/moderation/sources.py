"""The moderation queue's plug-in point.

Every kind of contribution that waits for a moderator (ideas, official answers, budget
projects, comments; later consultation answers) is a `ModerationSource`, registered on
`civic.hooks.MODERATION_SOURCES`::

    @hooks.register(civic.MODERATION_SOURCES)
    def idea_source():
        return IdeaModerationSource()

A source hands the queue a queryset of what waits (`pending()`), annotated with
`waiting_since`: the queue sorts, filters, counts and paginates it in the database, then
asks the source for the rows of one page only (`items_for()`, a query or two whatever the
page's size). A source performs its actions by calling its own app's services (which check
permissions and write the audit log). The queue view, the dashboard panel and the menu badge
only ever talk to sources.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404

from civic import hooks as civic


def moderation_delay() -> timedelta:
    """The moderation delay promised to contributors (`CIVIC_MODERATION_DELAY_HOURS`)."""
    return timedelta(hours=settings.CIVIC_MODERATION_DELAY_HOURS)


@dataclass(frozen=True)
class ModerationAction:
    """Something a moderator can do to an item of a source.

    `needs_reason`: the form asks for a reason (a `ModerationReason` template or free text);
    `reason_required`: it must not be empty. `form_class` adds fields of the source's own
    (the idea kept for a duplicate, the text of an official answer). `bulk`: offered on the
    selected rows of the listing (only actions without `form_class`).
    """

    name: str
    label: str
    needs_reason: bool = False
    reason_required: bool = False
    bulk: bool = False
    form_class: type[forms.Form] | None = None
    permission: str | None = None
    destructive: bool = False
    help_text: str = ""


@dataclass
class QueueItem:
    """One row of the queue, whatever its source."""

    source: str
    pk: int
    kind_label: str
    title: str
    waiting_since: datetime
    excerpt: str = ""
    author_name: str = ""
    url: str = ""
    context_label: str = ""
    district: str = ""
    theme: str = ""
    detail: str = ""
    actions: list[ModerationAction] = field(default_factory=list)
    # Personal data (email, IP address) shown to administrators only, on the item's page.
    private_details: dict[str, str] = field(default_factory=dict)
    # Filled in by the queue (selectors.items_with_age) against the source's delay.
    age: timedelta | None = None
    overdue: bool = False
    due_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.source}:{self.pk}"


class ModerationSource:
    """Base class of a source. Subclasses set the attributes and implement the methods."""

    name: str = ""
    label: str = ""
    # `ModerationReason.kind` offered for this source's reasons (besides "all").
    reason_kind: str = ""
    # Permission to see the source's items (and, by default, to act on them).
    permission: str = ""
    # Display order in the queue's summary and filters (smaller first).
    order: int = 100
    # Queue filters the source understands: "district", "theme".
    filters: frozenset[str] = frozenset()
    actions: list[ModerationAction] = []

    def delay(self) -> timedelta:
        """How long an item may wait before it is overdue (the promised moderation delay)."""
        return moderation_delay()

    # Reads ------------------------------------------------------------------------------
    def pending(self, *, district: str | None = None, theme: str | None = None) -> models.QuerySet:
        """What awaits a moderator, annotated with `waiting_since` (a datetime), with what
        `item_for` shows joined (`select_related`, annotations), narrowed to `district` /
        `theme` when the source lists them in `filters`. The queue orders and slices it."""
        raise NotImplementedError

    def count(self) -> int:
        """How many items wait (the menu badge): one COUNT query."""
        return self.pending().count()

    def items_for(self, pks: list[Any]) -> dict[Any, QueueItem]:
        """The queue rows of these pending items (one page), by pk, in a fixed number of
        queries. Items no longer pending are left out."""
        return {pk: self.item_for(obj) for pk, obj in self.pending().in_bulk(pks).items()}

    def get_object(self, pk: Any) -> models.Model:
        """The object behind an item (whatever its state), or Http404."""
        raise NotImplementedError

    def item_for(self, obj: models.Model) -> QueueItem:
        """The queue row describing `obj`: a row of `pending()`, or the object of an action
        page (`get_object()`, without the annotations)."""
        raise NotImplementedError

    def theme_choices(self) -> list[tuple[str, str]]:
        return []

    def form_kwargs(self, action: ModerationAction, obj: models.Model) -> dict:
        """Extra keyword arguments for `action.form_class` (e.g. the object itself)."""
        return {}

    # Writes -----------------------------------------------------------------------------
    def perform(self, *, actor, action: str, obj: models.Model, data: dict) -> str:
        """Do `action` on `obj` through the owning app's services; return a message.

        `data` holds `reason` (str) and the cleaned fields of `action.form_class`. Raises
        PermissionDenied or ValidationError as the services do.
        """
        raise NotImplementedError

    # Permissions ------------------------------------------------------------------------
    def visible_to(self, user) -> bool:
        return bool(user and user.is_active and self.permission and user.has_perm(self.permission))

    def action(self, name: str) -> ModerationAction | None:
        return next((a for a in self.actions if a.name == name), None)

    def can(self, user, action: ModerationAction) -> bool:
        return bool(user and user.is_active and user.has_perm(action.permission or self.permission))

    def actions_for(self, user) -> list[ModerationAction]:
        return [a for a in self.actions if self.can(user, a)]


def sources_all() -> list[ModerationSource]:
    """Every registered source, in registration order (one per name)."""
    found: dict[str, ModerationSource] = {}
    for source in civic.flattened(civic.MODERATION_SOURCES):
        found.setdefault(source.name, source)
    return sorted(found.values(), key=lambda source: source.order)


def sources_for(user) -> list[ModerationSource]:
    """The sources `user` may see."""
    return [source for source in sources_all() if source.visible_to(user)]


def source_get(name: str) -> ModerationSource:
    for source in sources_all():
        if source.name == name:
            return source
    raise Http404(name)
