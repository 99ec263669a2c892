"""Benchmark: the analytics dashboard's data build against one raw SQL GROUP BY, on PostgreSQL.

    .venv/bin/python tests/benchmarks/bench_analytics.py [--users 50000] [--events 1000000]
        [--reseed] [--rounds 3]

In its own database (`civic_bench_analytics`, or `CIVIC_BENCH_ANALYTICS_DB`; seeded once and
kept, `--reseed` starts again)
it bulk-generates, with SQL `generate_series` (seconds, not minutes), `--users` citizens with
a district and an age bracket and `--events` participation events over two years: 5 % ideas,
90 % supports (each citizen supports distinct ideas), 5 % votes (one voter record per citizen
in the campaign being voted). Then, in the same run and `--rounds` times each (median kept):

* the dashboard's data build: `participation_raw` (every GROUP BY the dashboard needs, on the
  union of the apps' events) and `dashboard_panels` (pandas, suppression, plotly figures),
  uncached, for the last 365 days (its previous period covers the other year: every event);
* one raw SQL GROUP BY over the same events: unique participants per district and age
  bracket on the same UNION ALL of the three tables, joined to the profiles;
* the dashboard page itself (`/admin/analytics/`, signed in as an agent), uncached, then with
  its figures cached per period as in production (the short TTL of
  `CIVIC_ANALYTICS_CACHE_SECONDS`).

Targets: build / raw <= 3, the cached page < 2 s. Not collected by pytest.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from tests.benchmarks._summary import summary_add  # noqa: E402

DATABASE = os.environ.get("CIVIC_BENCH_ANALYTICS_DB", "civic_bench_analytics")
RATIO_TARGET = 3.0
PAGE_TARGET = 2.0


def setup(reseed: bool) -> None:
    pg = os.environ.get("CIVIC_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    os.environ["DATABASE_URL"] = f"{pg}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civic.settings.dev")
    import subprocess

    base = ["-h", "127.0.0.1", "-U", "postgres"]
    if reseed:
        subprocess.run(["dropdb", *base, "--if-exists", DATABASE], check=True)
    exists = subprocess.run(
        ["psql", *base, "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", *base, DATABASE], check=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND column_name <> 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _copy(
    cursor, table: str, template_id: int, overrides: dict[str, str], source: str, params: list
) -> None:
    """INSERT copies of row `template_id` of `table`, one per row of `source` (SQL after
    FROM, aliased), each column taken from the template unless `overrides` computes it."""
    columns = _columns(cursor, table)
    select = [overrides.get(c, f't."{c}"') for c in columns]
    cursor.execute(
        f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in columns)}) "
        f"SELECT {', '.join(select)} FROM {table} t CROSS JOIN {source} WHERE t.id = %s",
        [*params, template_id],
    )


def seed(users: int, events: int) -> None:
    from django.db import connection, transaction

    from civic.accounts.models import AgeBracket, DistrictAgeBracket, User
    from proposals.models import Idea
    from tests.budget.factories import CampaignFactory
    from tests.factories import CitizenFactory, DistrictFactory
    from tests.proposals.factories import IdeaFactory, ThemeFactory

    if User.objects.filter(email__startswith="bench-").exists():
        return
    started = time.perf_counter()
    ideas = events // 20
    votes = min(users, events // 20)
    supports = events - ideas - votes
    with transaction.atomic(), connection.cursor() as cursor:
        districts = []
        for i, population in enumerate([9200, 7400, 6100, 5800, 4900, 6600]):
            district = DistrictFactory(
                name=f"Quartier {i + 1}", slug=f"q{i + 1}", population=population
            )
            per = population // 5
            for j, bracket in enumerate(["18-29", "30-44", "45-59", "60-74", "75+"]):
                DistrictAgeBracket.objects.create(
                    district=district,
                    bracket=bracket,
                    population=per if j < 4 else population - 4 * per,
                )
            districts.append(district)
        template = CitizenFactory(
            email="bench-template@bench.invalid",
            profile__district=districts[0],
            profile__age_bracket=AgeBracket.FROM_30_TO_44,
        )
        CitizenFactory(
            email="bench-agent@bench.invalid", groups=["Agents"], profile__district=districts[0]
        )
        _copy(
            cursor,
            "accounts_user",
            template.pk,
            {
                "email": "'bench-' || g || '@bench.invalid'",
                "date_joined": "now() - (g %% 730) * interval '1 day'",
            },
            "generate_series(1, %s) g",
            [users],
        )
        cursor.execute(
            "SELECT min(id) FROM accounts_user WHERE email LIKE 'bench-%%' "
            "AND email <> 'bench-template@bench.invalid' "
            "AND email <> 'bench-agent@bench.invalid'"
        )
        first_user = cursor.fetchone()[0]
        # Uneven on purpose: the last district gets 1 citizen in 11 (16.5 % of the town).
        spread = [districts[i // 2].pk for i in range(10)] + [districts[5].pk]
        district_array = "ARRAY[" + ",".join(map(str, spread)) + "]::bigint[]"
        _copy(
            cursor,
            "accounts_profile",
            template.profile.pk,
            {
                "user_id": "u.id",
                "district_id": f"({district_array})[1 + u.id %% 11]",
                # ...and the 18-29 are 1 in 20 (20 % of the town).
                "age_bracket": "CASE WHEN u.id %% 20 = 0 THEN '18-29' ELSE (ARRAY['30-44', "
                "'45-59', '60-74', '75+', '30-44', '45-59'])[1 + u.id %% 6] END",
            },
            "(SELECT id FROM accounts_user WHERE id >= %s AND email LIKE 'bench-%%' AND email "
            "NOT IN ('bench-template@bench.invalid', 'bench-agent@bench.invalid')) u",
            [first_user],
        )
        theme = ThemeFactory(name="Mobilité", slug="mobilite")
        idea = IdeaFactory(author=template, theme=theme)
        _copy(
            cursor,
            "proposals_idea",
            idea.pk,
            {
                "author_id": f"{first_user} + (g %% {users})",
                "channel": "CASE WHEN g %% 10 = 0 THEN 'counter' ELSE 'web' END",
                "created_at": "now() - (g %% 730) * interval '1 day' "
                "- (g %% 24) * interval '1 hour'",
            },
            "generate_series(1, %s) g",
            [ideas - 1],
        )
        first_idea = Idea.objects.order_by("pk").values_list("pk", flat=True).first()
        cursor.execute(
            "INSERT INTO proposals_support (user_id, idea_id, created_at) "
            f"SELECT {first_user} + (g %% {users}), "
            f"{first_idea} + ((g %% {users}) + (g / {users}) * 2777) %% {ideas}, "
            "now() - (g %% 729) * interval '1 day' - (g %% 13) * interval '1 hour' "
            "FROM generate_series(0, %s) g",
            [supports - 1],
        )
        campaign = CampaignFactory(title="BP bench", slug="bp-bench")
        cursor.execute(
            "INSERT INTO budget_voterrecord (campaign_id, user_id, district_id, channel, cast_at) "
            "SELECT %s, p.user_id, p.district_id, "
            "CASE WHEN p.user_id %% 7 = 0 THEN 'counter' ELSE 'web' END, "
            "now() - (p.user_id %% 9) * interval '1 day' "
            f"FROM accounts_profile p WHERE p.user_id >= {first_user} ORDER BY p.user_id "
            "LIMIT %s",
            [campaign.pk, votes],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {users} citizens, {events} events in {time.perf_counter() - started:.1f} s")


RAW = """
SELECT p.district_id, p.age_bracket, COUNT(DISTINCT e.user_id)
FROM (
    SELECT author_id AS user_id FROM proposals_idea WHERE created_at >= %(start)s AND created_at < %(end)s
    UNION ALL
    SELECT user_id FROM proposals_support WHERE created_at >= %(start)s AND created_at < %(end)s
    UNION ALL
    SELECT user_id FROM budget_voterrecord WHERE cast_at >= %(start)s AND cast_at < %(end)s
) e LEFT JOIN accounts_profile p ON p.user_id = e.user_id
GROUP BY p.district_id, p.age_bracket
"""  # noqa: E501


def median_time(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(rounds: int) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from civic.accounts.models import User
    from civic.analytics import panels, selectors
    from civic.analytics.selectors import Period

    settings.CIVIC_ANALYTICS_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    today = timezone.localdate()
    period = Period(today - timezone.timedelta(days=364), today, "week")
    counted = sum(row[3] for row in selectors.participation_raw(period)["events"])

    def build():
        panels.dashboard_panels(selectors.participation_raw(period), period)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW, {"start": period.previous().start, "end": period.end})
            cursor.fetchall()

    build(), raw()  # warm the caches of both the same way
    t_raw = median_time(raw, rounds)
    t_build = median_time(build, rounds)
    client = Client()
    client.force_login(User.objects.get(email="bench-agent@bench.invalid"))
    query = {"du": str(period.since), "au": str(period.until), "pas": "week"}

    def page():
        response = client.get("/admin/analytics/", query)
        assert response.status_code == 200, response.status_code

    page()
    t_page = median_time(page, rounds)
    # What people get: the figures cached per period (a short TTL), the page rendered anew.
    settings.CIVIC_ANALYTICS_CACHE_SECONDS = 300
    page()
    t_cached = median_time(page, rounds)
    ratio = t_build / t_raw
    print(f"events counted by the dashboard: {counted}")
    print(f"raw SQL GROUP BY:      {t_raw * 1000:8.0f} ms")
    print(f"dashboard data build:  {t_build * 1000:8.0f} ms   ratio {ratio:.2f} (target <= 3)")
    print(f"dashboard page, uncached: {t_page * 1000:5.0f} ms")
    print(f"dashboard page, cached:   {t_cached * 1000:5.0f} ms   (target < 2 s)")
    summary_add(
        "analytics",
        f"dashboard data build vs raw GROUP BY ({counted} events)",
        value=f"{ratio:.2f}x",
        target=f"<= {RATIO_TARGET:g}x",
        met=ratio <= RATIO_TARGET,
    )
    summary_add(
        "analytics",
        "dashboard page, figures cached per period",
        value=f"{t_cached:.2f} s (uncached {t_page:.2f} s)",
        target=f"< {PAGE_TARGET:g} s",
        met=t_cached < PAGE_TARGET,
    )
    return 0 if ratio <= RATIO_TARGET and t_cached < PAGE_TARGET else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    setup(args.reseed)
    seed(args.users, args.events)
    return measure(args.rounds)


if __name__ == "__main__":
    sys.exit(main())
