"""Reads of the moderation app: the queue, its summary, comment threads."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, F, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment

from civic.moderation.sources import QueueItem, moderation_delay, sources_for


def items_with_age(
    items: list[QueueItem], *, now: datetime | None = None, delay: timedelta | None = None
) -> list[QueueItem]:
    """Sets each item's age, due date and `overdue` against the promised delay."""
    now = now or timezone.now()
    delay = delay if delay is not None else moderation_delay()
    for item in items:
        item.age = max(now - item.waiting_since, timedelta(0))
        item.due_at = item.waiting_since + delay
        item.overdue = item.age > delay
    return items


def queue_rows(
    *,
    user,
    kind: str | None = None,
    district: str | None = None,
    theme: str | None = None,
    overdue_only: bool = False,
    now: datetime | None = None,
) -> QuerySet | list:
    """Everything `user` may moderate that is waiting, oldest first, as `(source name, pk,
    waiting_since)` rows: one SQL query (a UNION of the sources' querysets) that a
    `Paginator` counts and slices in the database. `queue_items()` turns a page into rows.

    A source that cannot filter by district (or theme) drops out when that filter is set,
    rather than showing rows the filter does not apply to.
    """
    now = now or timezone.now()
    parts = []
    for source in sources_for(user):
        if kind and source.name != kind:
            continue
        if (district and "district" not in source.filters) or (
            theme and "theme" not in source.filters
        ):
            continue
        pending = source.pending(district=district or None, theme=theme or None)
        if overdue_only:
            pending = pending.filter(waiting_since__lt=now - source.delay())
        parts.append(
            pending.order_by()
            .annotate(queue_source=Value(source.name, output_field=CharField()), queue_pk=F("pk"))
            .values_list("queue_source", "queue_pk", "waiting_since")
        )
    if not parts:
        return []
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return rows.order_by("waiting_since", "queue_source", "queue_pk")


def queue_items(*, user, rows, now: datetime | None = None) -> list[QueueItem]:
    """The `QueueItem`s of `rows` (a page of `queue_rows()`), in their order, with their age
    and the actions `user` may take: one fetch per source present on the page."""
    now = now or timezone.now()
    rows = list(rows)
    wanted: dict[str, list] = {}
    for name, pk, _since in rows:
        wanted.setdefault(name, []).append(pk)
    items: dict[tuple[str, object], QueueItem] = {}
    for source in sources_for(user):
        if source.name not in wanted:
            continue
        actions = source.actions_for(user)
        found = source.items_for(wanted[source.name])
        for pk, item in found.items():
            item.actions = actions
            items[(source.name, pk)] = item
        items_with_age(list(found.values()), now=now, delay=source.delay())
    return [items[(name, pk)] for name, pk, _since in rows if (name, pk) in items]


@dataclass
class QueueSummaryRow:
    name: str
    label: str
    count: int
    overdue: int
    oldest_age: timedelta | None


def queue_summary(*, user, now: datetime | None = None) -> list[QueueSummaryRow]:
    """Per source `user` may see: how many items wait, how many are overdue, the oldest age
    (one aggregate query per source)."""
    now = now or timezone.now()
    rows = []
    for source in sources_for(user):
        late = Q(waiting_since__lt=now - source.delay())
        stats = source.pending().aggregate(
            count=Count("pk"), overdue=Count("pk", filter=late), oldest=Min("waiting_since")
        )
        rows.append(
            QueueSummaryRow(
                name=source.name,
                label=source.label,
                count=stats["count"],
                overdue=stats["overdue"],
                oldest_age=max(now - stats["oldest"], timedelta(0)) if stats["oldest"] else None,
            )
        )
    return rows


def queue_count(*, user) -> int:
    """How many items wait for `user` (the menu badge, on every admin page: a COUNT query
    per source)."""
    return sum(source.count() for source in sources_for(user))


# Comments -----------------------------------------------------------------------------


def comments_flagged():
    """Comments waiting for a moderator: reported at least once and not removed.

    Annotated with `flag_count` and `waiting_since` (the first report since the last
    decision, since a decision clears the flags).
    """
    removal = Q(flags__flag=CommentFlag.SUGGEST_REMOVAL)
    return (
        XtdComment.norel_objects.filter(is_removed=False)
        .annotate(
            flag_count=Count("flags", filter=removal),
            waiting_since=Min("flags__flag_date", filter=removal),
        )
        .filter(flag_count__gt=0)
        .select_related("user__profile", "content_type")
        .order_by("waiting_since")
    )


def comments_public_for(obj, *, user=None) -> list[dict]:
    """The public discussion on `obj`: top-level comments with their replies, oldest first.

    Each entry: `{"comment", "replies": [...], "likes", "liked"}`; authors come with their
    profile (pseudonym), flags are counted in the same queries whatever the number of
    comments.
    """
    content_type = ContentType.objects.get_for_model(obj)
    likes = CommentFlag.objects.filter(flag=LIKEDIT_FLAG)
    comments = (
        XtdComment.norel_objects.filter(
            content_type=content_type, object_pk=str(obj.pk), is_public=True, is_removed=False
        )
        .select_related("user__profile")
        .annotate(like_count=Count("flags", filter=Q(flags__flag=LIKEDIT_FLAG)))
        .order_by("thread_id", "order")
    )
    if user is not None and user.is_authenticated:
        comments = comments.annotate(
            liked=Exists(likes.filter(comment=OuterRef("pk"), user=user)),
            flagged=Exists(
                CommentFlag.objects.filter(
                    comment=OuterRef("pk"), user=user, flag=CommentFlag.SUGGEST_REMOVAL
                )
            ),
        )
    threads: list[dict] = []
    by_pk: dict[int, dict] = {}
    for comment in comments:
        entry = {"comment": comment, "replies": []}
        if comment.level == 0:
            threads.append(entry)
            by_pk[comment.pk] = entry
        elif comment.parent_id in by_pk:  # a reply whose parent is hidden stays hidden
            by_pk[comment.parent_id]["replies"].append(entry)
    return threads


def comments_public_of_model(model):
    """Visible comments on each row of `model`, correlated with the outer query's `pk`
    (for a count subquery). django-comments stores the object's key as text, hence the cast."""
    return XtdComment.norel_objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=Cast(OuterRef("pk"), output_field=CharField()),
        is_public=True,
        is_removed=False,
    )


def comment_count_public(obj) -> int:
    content_type = ContentType.objects.get_for_model(obj)
    return XtdComment.norel_objects.filter(
        content_type=content_type, object_pk=str(obj.pk), is_public=True, is_removed=False
    ).count()


def comments_of_user(*, user, limit: int = 10):
    """`user`'s own comments, newest first, with the object they are about."""
    comments = list(
        XtdComment.norel_objects.filter(user=user, is_removed=False)
        .select_related("content_type")
        .order_by("-submit_date")[:limit]
    )
    by_type: dict[int, list[XtdComment]] = {}
    for comment in comments:
        by_type.setdefault(comment.content_type_id, []).append(comment)
    for items in by_type.values():
        model = items[0].content_type.model_class()
        objects = model._default_manager.in_bulk([c.object_pk for c in items]) if model else {}
        for comment in items:
            comment.target = (
                objects.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
            )
    return comments


def comment_events() -> QuerySet[XtdComment]:
    """Every comment posted, on whatever content, as participation events (analytics)."""
    return XtdComment.objects.all()
