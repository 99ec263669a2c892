"""Benchmark: every public page and API list against a bare view, under gunicorn.

    .venv/bin/python tests/benchmarks/bench_pages.py [--sizes small large] [--seconds 1.5]

For each volume (`seed_demo` at 1x, then `--size large`, about 10x the ideas, projects and
news), in its own PostgreSQL database (seeded once, kept between runs; `--reseed` starts
again), it starts gunicorn (2 sync workers, the production settings plus the bare view of
`bench_settings.py`, Redis cache and sessions) and measures each page in blocks interleaved
with blocks of `/__bare__/` (one small template, one SELECT, the whole middleware stack):
bare, page, bare, page, ... `--rounds` times, `--seconds` each, `--concurrency` clients.
For each page it prints, relative to the bare blocks of the same run: throughput, p50 and
p95 latency, and worker CPU per request (user + system time of the gunicorn workers from
/proc/<pid>/stat, before and after each block, divided by the requests of the block). CPU
per request is the figure the target is about (<= 5x bare): the load generator shares the
machine, worker CPU does not count it. Any answer other than 200 is an error (exit status 1).

The vote page is requested signed in as the demo citizen (who has not voted); every other page
anonymously. Stops by itself: about a minute per volume once the databases are seeded.
Not collected by pytest (`norecursedirs` holds `tests/benchmarks`).
"""

import argparse
import json
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks._server import HOST, bench_env, cpu_of, manage, seed, start_server  # noqa: E402
from tests.benchmarks._summary import summary_add  # noqa: E402

CPU_TARGET = 5.0
CITIZEN = ("citoyen@ingeville.fr", "demo-ingeville-2027")
OPEN, FINISHED = "budget-participatif-2027", "budget-participatif-2026"

# The demo objects a page shows: the listed idea with most comments, a 2027 project on the
# ballot with a photo (the richest project page), the open consultation, the facility with the
# most exceptional closures, the next published event.
LOOKUP = """
import json
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Site
from budget.models import Project
from cms.guide_models import Event, Facility
from consultations.models import ConsultationPage
from proposals.models import Idea
idea = (Idea.objects.filter(status__in=Idea.LISTED_STATUSES)
        .annotate(n=Count("supports")).order_by("-n", "pk").first())
project = (Project.objects.filter(campaign__slug="OPEN", status="on_ballot", photos__isnull=False)
           .order_by("pk").first())
now = timezone.now()
consultation = (ConsultationPage.objects.live().public()
                .filter(opens_at__lte=now, closes_at__gt=now).order_by("pk").first())
facility = Facility.objects.annotate(n=Count("closures")).order_by("-n", "pk").first()
event = (Event.objects.filter(is_published=True, starts_at__gte=now)
         .order_by("starts_at", "pk").first())
site = Site.objects.get(is_default_site=True)
print(json.dumps({"idea": idea.pk, "project": project.pk,
                  "consultation": consultation.relative_url(site),
                  "facility": facility.slug, "event": event.slug}))
""".replace("OPEN", OPEN)


def pages(ids: dict) -> list[tuple[str, str, bool]]:
    """(label, path, signed in) of every page measured."""
    return [
        ("home", "/", False),
        ("news", "/actualites/", False),
        ("ideas", "/idees/", False),
        ("idea", f"/idees/{ids['idea']}/", False),
        ("campaign", f"/budget-participatif/{OPEN}/", False),
        ("project", f"/budget-participatif/{OPEN}/projets/{ids['project']}/", False),
        ("vote (signed in)", f"/budget-participatif/{OPEN}/vote/", True),
        ("results 2026", f"/budget-participatif/{FINISHED}/resultats/", False),
        ("consultations", "/consultations/", False),
        ("consultation", ids["consultation"], False),
        ("facilities", "/equipements/", False),
        ("facilities open now", "/equipements/?ouvert=1", False),
        ("facility", f"/equipements/{ids['facility']}/", False),
        ("agenda", "/agenda/", False),
        ("event", f"/agenda/{ids['event']}/", False),
        ("statistics", "/statistiques/", False),
        ("search", "/recherche/?q=parc", False),
        ("API ideas", "/api/v1/ideas", False),
        ("API projects", f"/api/v1/campaigns/{OPEN}/projects", False),
        ("API consultations", "/api/v1/consultations", False),
        ("API facilities", "/api/v1/facilities", False),
    ]


@dataclass
class Block:
    requests: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Block") -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.cpu += other.cpu
        self.latencies += other.latencies
        self.errors += other.errors

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.cpu / self.requests

    def percentile(self, q: int) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]


def measure(server, path: str, cookies, *, seconds: float, concurrency: int) -> Block:
    """`concurrency` clients request `path` until `seconds` have passed (each at least twice)."""
    block = Block()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        done = 0
        while done < 2 or time.perf_counter() < deadline:
            status, latency = server.get(path, cookies=cookies)
            done += 1
            with lock:
                block.requests += 1
                block.latencies.append(latency)
                if status != 200:
                    block.errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    cpu, start = cpu_of(server.worker_pids), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    block.seconds = time.perf_counter() - start
    block.cpu = cpu_of(server.worker_pids) - cpu
    return block


def bench_size(size: str, options) -> list[dict]:
    env = bench_env(database=f"{options.database}_{size}", redis_db=options.redis_db)
    if options.uncached:
        env["CIVIC_PAGE_CACHE"] = "0"
    started = time.perf_counter()
    if seed(size, env, fresh=options.reseed):
        print(f"[{size}] seeded in {time.perf_counter() - started:.0f} s", flush=True)
    ids = json.loads(manage(env, "shell", "-c", LOOKUP, capture=True).strip().splitlines()[-1])
    rows = []
    with start_server(env=env, workers=options.workers) as server:
        signed_in = server.login(*CITIZEN)
        for label, path, private in pages(ids):
            if options.pages and not any(word in label for word in options.pages):
                continue
            cookies = signed_in if private else {}
            for _ in range(2 * options.workers):  # warm: renditions, per-process caches
                server.get(path, cookies=cookies)
            bare, page = Block(), Block()
            for _ in range(options.rounds):
                for block, url, jar in ((bare, "/__bare__/", {}), (page, path, cookies)):
                    block.add(
                        measure(
                            server,
                            url,
                            jar,
                            seconds=options.seconds,
                            concurrency=options.concurrency,
                        )
                    )
            row = {
                "size": size,
                "page": label,
                "path": path,
                "signed_in": private,
                "requests": page.requests,
                "throughput": page.throughput / bare.throughput,
                "p50": page.percentile(50) / bare.percentile(50),
                "p95": page.percentile(95) / bare.percentile(95),
                "p50_ms": page.percentile(50) * 1000,
                "cpu": page.cpu_per_request / bare.cpu_per_request,
                "cpu_ms": page.cpu_per_request * 1000,
                "bare_cpu_ms": bare.cpu_per_request * 1000,
                "errors": page.errors + bare.errors,
            }
            rows.append(row)
            print(
                f"[{size}] {label}: {row['cpu']:.1f}x CPU ({row['cpu_ms']:.1f} ms), "
                f"{row['throughput']:.2f} throughput, p50 {row['p50_ms']:.0f} ms"
                + (f", {len(row['errors'])} errors" if row["errors"] else ""),
                flush=True,
            )
    for row in rows:
        if row["cpu"] > CPU_TARGET:
            row["profile"] = page_profile(env, row["path"], signed_in=row["signed_in"])
            print(f"\n[{size}] {row['page']}: {row['cpu']:.1f}x, over {CPU_TARGET:g}x. Where its")
            print("CPU goes, profiled in-process on the same database:\n")
            print("\n".join(row["profile"]) + "\n", flush=True)
    return rows


# A page's profile, in a `manage.py shell` on the benchmark's database (`_profile.py`).
PROFILE = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from tests.benchmarks._profile import profiled
path, email, host = json.loads(ARGS)
client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=host)
if email:
    client.force_login(get_user_model().objects.get(email=email))
def send():
    status = client.get(path).status_code
    assert status == 200, status
print(json.dumps(profiled(send, requests=50)))
"""


def page_profile(env: dict[str, str], path: str, *, signed_in: bool) -> list[str]:
    """Where `path` spends its CPU (`_profile.profiled`), requested as the benchmark did."""
    args = json.dumps([path, CITIZEN[0] if signed_in else None, HOST])
    script = PROFILE.replace("ARGS", repr(args))
    return json.loads(manage(env, "shell", "-c", script, capture=True).strip().splitlines()[-1])


def table(rows: list[dict]) -> None:
    print(
        "\n| volume | page | requests | throughput vs bare | p50 vs bare | p95 vs bare "
        "| p50 | worker CPU/request vs bare | CPU/request | target <= 5x |"
    )
    print("|---" * 10 + "|")
    for r in rows:
        volume = "1x" if r["size"] == "small" else "10x"
        met = "met" if r["cpu"] <= CPU_TARGET and not r["errors"] else "**missed**"
        print(
            f"| {volume} | {r['page']} | {r['requests']} | {r['throughput']:.2f} "
            f"| {r['p50']:.1f}x | {r['p95']:.1f}x | {r['p50_ms']:.0f} ms | {r['cpu']:.1f}x "
            f"| {r['cpu_ms']:.1f} ms | {met} |"
        )
    bare = statistics.median(r["bare_cpu_ms"] for r in rows)
    print(f"\nBare view: {bare:.2f} ms of worker CPU per request (median over the blocks).")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["small", "large"])
    parser.add_argument("--seconds", type=float, default=1.5, help="per block")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database",
        default=os.environ.get("CIVIC_BENCH_DATABASE", "civic_bench"),
        help="prefix of the databases (<prefix>_small, <prefix>_large; CIVIC_BENCH_DATABASE)",
    )
    parser.add_argument("--redis-db", type=int, default=5)
    parser.add_argument("--reseed", action="store_true", help="drop and seed the databases")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--pages", nargs="+", help="only the pages whose label has a word")
    parser.add_argument(
        "--uncached", action="store_true", help="every page rendered (CIVIC_PAGE_CACHE=0)"
    )
    options = parser.parse_args()

    rows = []
    for size in options.sizes:
        rows += bench_size(size, options)
    table(rows)
    if options.json:
        Path(options.json).write_text(json.dumps(rows, indent=1))
    mode = "rendered" if options.uncached else "anonymous from the cache"
    print(f"Pages {mode}; the vote page is always rendered (signed in).")
    for r in rows:
        volume = "1x" if r["size"] == "small" else "10x"
        summary_add(
            "pages" + (" (uncached)" if options.uncached else ""),
            f"{r['page']} worker CPU/request vs bare, {volume}",
            value=f"{r['cpu']:.1f}x",
            target=f"<= {CPU_TARGET:g}x",
            met=r["cpu"] <= CPU_TARGET,
            note=(
                f"by {r['cpu'] - CPU_TARGET:.1f}x; profile printed above"
                if r["cpu"] > CPU_TARGET
                else ""
            ),
        )
    errors = sum(len(r["errors"]) for r in rows)
    summary_add("pages", "errors", value=str(errors), target="0", met=not errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
