"""Reads of the participation analytics: every figure is aggregated by the database.

The apps hand over their events as unevaluated querysets (`civic.hooks.AnalyticsEvents`);
`_events_union` compiles each one to the same five columns (kind, user id, channel, current
or previous period, time bucket) and UNION ALLs them; each figure is one GROUP BY over that
union, joined to the profiles for district and age bracket. What reaches Python (and pandas)
is one row per group, never one per person: the number of rows does not grow with the number
of participants, and neither does the number of queries.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Trunc
from django.utils import timezone

from civic import hooks as civic
from civic.accounts.models import AgeBracket, District, DistrictAgeBracket, Profile, User
from civic.moderation.sources import sources_all

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
STEPS = ("day", "week", "month")
# Children under 11 hold no account: comparing them with the population would only say so.
REPRESENTED_BRACKETS = [b for b in AgeBracket.values if b != AgeBracket.UNDER_11]
# An index below this marks an under-represented group (and above 1 / this, over-represented).
UNDER_REPRESENTED = 0.8


@dataclass(frozen=True)
class Period:
    """Days `since` to `until` included, in Paris time, cut into `step` buckets."""

    since: date
    until: date
    step: str = "day"

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, tzinfo=PARIS)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.until + timedelta(days=1), time.min, tzinfo=PARIS)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before (for the change of each figure)."""
        return Period(
            self.since - timedelta(days=self.days), self.since - timedelta(days=1), self.step
        )

    @classmethod
    def default(cls, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today - timedelta(days=29), today, "day")


def step_for(days: int) -> str:
    """A readable default bucket for a period of `days` days."""
    return "day" if days <= 62 else "week" if days <= 366 else "month"


def _events_union(period: Period) -> tuple[str, list] | None:
    """One SQL UNION ALL of every source's events from the start of the previous period to
    the end of `period`, or None when no app registered events."""
    previous = period.previous()
    parts, params = [], []
    for source in civic.analytics_sources_collect():
        for events in source.events:
            moment = events.moment
            channel = (
                F(events.channel) if events.channel else Value("web", output_field=CharField())
            )
            queryset = (
                events.queryset()
                .order_by()
                .filter(**{f"{moment}__gte": previous.start, f"{moment}__lt": period.end})
                .annotate(
                    a_kind=Value(events.kind, output_field=CharField()),
                    a_user=F(events.user),
                    a_channel=channel,
                    a_current=Case(
                        When(Q(**{f"{moment}__gte": period.start}), then=Value(1)),
                        default=Value(0),
                        output_field=IntegerField(),
                    ),
                    a_bucket=Trunc(moment, period.step, tzinfo=PARIS),
                )
                .values_list("a_kind", "a_user", "a_channel", "a_current", "a_bucket")
            )
            sql, part_params = queryset.query.sql_with_params()
            parts.append(sql)
            params.extend(part_params)
    if not parts:
        return None
    return " UNION ALL ".join(parts), params


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _event_counts(union) -> list[tuple]:
    """(kind, current 1/0, bucket, contributions) per group."""
    sql, params = union
    return _fetch(
        f"SELECT a_kind, a_current, a_bucket, COUNT(*) FROM ({sql}) ev "
        "GROUP BY a_kind, a_current, a_bucket",
        params,
    )


def _people_counts(union) -> list[tuple]:
    """(current 1/0, district id, age bracket, participants) per group. A person has one
    profile, so the groups of one period partition its participants: their sums are exact."""
    sql, params = union
    profile = Profile._meta.db_table
    return _fetch(
        f"SELECT ev.a_current, p.district_id, p.age_bracket, COUNT(DISTINCT ev.a_user) "
        f"FROM ({sql}) ev LEFT JOIN {profile} p ON p.user_id = ev.a_user "
        "WHERE ev.a_user IS NOT NULL GROUP BY ev.a_current, p.district_id, p.age_bracket",
        params,
    )


def _channel_counts(union) -> list[tuple]:
    """(channel, contributions, participants) in the current period."""
    sql, params = union
    return _fetch(
        f"SELECT a_channel, COUNT(*), COUNT(DISTINCT a_user) FROM ({sql}) ev "
        "WHERE a_current = 1 GROUP BY a_channel",
        params,
    )


def _new_accounts(period: Period) -> dict[str, int]:
    previous = period.previous()
    counts = User.objects.filter(
        date_joined__gte=previous.start, date_joined__lt=period.end
    ).aggregate(
        current=Count("pk", filter=Q(date_joined__gte=period.start)),
        previous=Count("pk", filter=Q(date_joined__lt=period.start)),
    )
    return counts


def populations() -> dict:
    """The city's population per district and per age bracket (two GROUP BY queries)."""
    districts = list(District.objects.order_by("name").values_list("pk", "name", "population"))
    brackets = dict(
        DistrictAgeBracket.objects.values_list("bracket")
        .annotate(total=Sum("population"))
        .values_list("bracket", "total")
    )
    return {"districts": districts, "brackets": brackets}


def moderation_figures(period: Period, *, now: datetime | None = None) -> dict:
    """Pending and overdue items per moderation source, and per decided kind the median time
    to a decision in the period against the promised delay (SQL: a count, then the middle
    row by ORDER BY … OFFSET; two queries per kind)."""
    now = now or timezone.now()
    pending = []
    for source in sources_all():
        late = Q(waiting_since__lt=now - source.delay())
        stats = source.pending().aggregate(count=Count("pk"), overdue=Count("pk", filter=late))
        pending.append(
            {
                "source": str(source.label),
                "pending": stats["count"],
                "overdue": stats["overdue"],
                "delay_hours": source.delay().total_seconds() / 3600,
            }
        )
    decisions = []
    promised = timedelta(hours=settings.CIVIC_MODERATION_DELAY_HOURS)
    for source in civic.analytics_sources_collect():
        for kind in source.decisions:
            decided = (
                kind.queryset()
                .order_by()
                .filter(**{f"{kind.decided}__gte": period.start, f"{kind.decided}__lt": period.end})
            )
            count = decided.count()
            median = None
            if count:
                ordered = decided.annotate(a_delay=F(kind.decided) - F(kind.submitted)).order_by(
                    "a_delay"
                )
                middle = ordered.values_list("a_delay", flat=True)[
                    (count - 1) // 2 : count // 2 + 1
                ]
                values = list(middle)
                median = sum(values, timedelta(0)) / len(values)
            decisions.append(
                {
                    "kind": str(kind.label),
                    "decided": count,
                    "median_hours": median.total_seconds() / 3600 if median else None,
                    "promised_hours": promised.total_seconds() / 3600,
                    "late": bool(median and median > promised),
                }
            )
    return {"pending": pending, "decisions": decisions}


def source_tables(period: Period, *, public_only: bool = False) -> list[dict]:
    """The apps' own aggregated tables for the period, in display order."""
    tables = []
    for source in civic.analytics_sources_collect():
        found = (
            source.tables(period.start, period.end) if callable(source.tables) else source.tables
        )
        for table in sorted(found, key=lambda t: t.order):
            if public_only and not table.public:
                continue
            tables.append(
                {
                    "key": f"{source.name}.{table.key}",
                    "title": str(table.title),
                    "columns": [(key, str(label)) for key, label in table.columns],
                    "rows": table.rows(period.start, period.end),
                    "people": list(table.people),
                    "derived": list(table.derived),
                    "chart": table.chart,
                    "panel": table.panel,
                    "public": table.public,
                }
            )
    return tables


def event_kinds() -> list[tuple[str, str]]:
    """(kind, label) of every registered kind of contribution, in display order."""
    kinds = []
    for source in civic.analytics_sources_collect():
        for events in sorted(source.events, key=lambda e: e.order):
            kinds.append((events.kind, str(events.label)))
    return kinds


def participation_raw(period: Period) -> dict:
    """Everything the dashboard shows except moderation, as aggregated rows (plain Python
    values, cacheable): a fixed number of queries whatever the data size."""
    union = _events_union(period)
    return {
        "kinds": event_kinds(),
        "events": _event_counts(union) if union else [],
        "people": _people_counts(union) if union else [],
        "channels": _channel_counts(union) if union else [],
        "accounts": _new_accounts(period),
        "populations": populations(),
        "tables": source_tables(period),
    }


def participation_raw_cached(period: Period) -> dict:
    """`participation_raw`, cached per period for `CIVIC_ANALYTICS_CACHE_SECONDS` (a short
    TTL: new contributions show within minutes, and the dashboard's queries run at most once
    per period and TTL however many people open it)."""
    seconds = settings.CIVIC_ANALYTICS_CACHE_SECONDS
    if not seconds:
        return participation_raw(period)
    key = f"civic:analytics:{period.since}:{period.until}:{period.step}"
    data = cache.get(key)
    if data is None:
        data = participation_raw(period)
        cache.set(key, data, seconds)
    return data
