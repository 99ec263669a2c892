"""What the HTTP benchmarks share: a seeded PostgreSQL database, gunicorn with the
benchmark's settings on it, worker CPU time, and a small HTTP client.

    env = bench_env(database="civic_bench_small", redis_db=5)
    seed("small", env)                        # once per database (kept between runs)
    with start_server("tests.benchmarks.bench_settings", env) as server:
        before = cpu_of(server.worker_pids)
        status, seconds = server.get("/__bare__/")
        used = cpu_of(server.worker_pids) - before

Everything stays on the loopback: gunicorn binds 127.0.0.1 on a free port. The settings are
the production ones (`tests/benchmarks/bench_settings.py` adds only the bare view), with the
secrets set to dummy values by `bench_env`; requests carry `X-Forwarded-Proto: https` as they
would behind the city's reverse proxy, so HTTPS-only cookies and CSRF work as in production.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
BENCH_SETTINGS = "tests.benchmarks.bench_settings"
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SEEDED_MARK = "civic_bench_seeded"


def bench_env(*, database: str, redis_db: int, **extra: str) -> dict[str, str]:
    """The environment of `manage.py` and gunicorn for one benchmark database: PostgreSQL
    on 127.0.0.1 (override the server with BENCH_PG, e.g. postgres://postgres@127.0.0.1:5432),
    Redis database `redis_db`, dummy production secrets, media and static files in /tmp."""
    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    redis = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379").rstrip("/")
    scratch = Path(tempfile.gettempdir()) / f"civic-bench-{database}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS,
        "DATABASE_URL": f"{pg}/{database}",
        "REDIS_URL": f"{redis}/{redis_db}",
        "DJANGO_SECRET_KEY": "bench-only-8f2e6c1d9b7a4e3f5c0d2b8a6e4f1c7d9b3a5e0f2c8d6b4a",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "CIVIC_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CIVIC_MEDIA_ROOT": str(scratch / "media"),
        "CIVIC_BENCH_STATIC_ROOT": str(scratch / "static"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    """`manage.py <args>` in the worktree with `env`; raises on failure."""
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return done.stdout or ""


def _psql(sql: str, env: dict[str, str], database: str = "postgres") -> str:
    import psycopg

    url = env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{database}"
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchone()[0] if cursor.description else ""


def seed(size: str, env: dict[str, str], *, fresh: bool = False) -> bool:
    """The database of `env` migrated and loaded with `seed_demo --size <size>`, static files
    collected. Done once: a database already marked as seeded is kept (`fresh=True` drops and
    seeds it again). Returns True when it seeded."""
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    exists = _psql(f"SELECT count(*) FROM pg_database WHERE datname = '{database}'", env)
    if exists and not fresh:
        seeded = _psql(
            f"SELECT count(*) FROM pg_tables WHERE tablename = '{SEEDED_MARK}'", env, database
        )
        if seeded:
            return False
    if exists:
        _psql(f'DROP DATABASE "{database}" WITH (FORCE)', env)
    _psql(f'CREATE DATABASE "{database}"', env)
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "seed_demo", "--size", size, "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    _psql(f"CREATE TABLE {SEEDED_MARK} (size text)", env, database)
    _psql(f"INSERT INTO {SEEDED_MARK} VALUES ('{size}')", env, database)
    return True


def cpu_of(pids) -> float:
    """User + system CPU seconds used so far by the processes `pids` (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            # The command name (field 2) may hold spaces: split after its closing parenthesis.
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / CLOCK_TICKS


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found += [int(child) for child in children]
    return sorted(found)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running gunicorn: its address, its master and worker pids, and a client."""

    port: int
    master_pid: int
    worker_pids: list[int]
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, *, cookies: dict[str, str] | None = None) -> tuple[int, float]:
        """GET `path` on a fresh connection (gunicorn's sync workers close each one);
        returns (status, wall seconds). The body is read whole."""
        return self.request("GET", path, cookies=cookies)[:2]

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str] | None = None,
        body: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, float, http.client.HTTPResponse, bytes]:
        sent = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}{path}",
            **(headers or {}),
        }
        jar = cookies if cookies is not None else self.cookies
        if jar:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        return response.status, time.perf_counter() - start, response, content

    def login(self, email: str, password: str) -> dict[str, str]:
        """Sign in through the real login form; returns the signed-in cookies."""
        jar: dict[str, str] = {}
        status, _, response, content = self.request("GET", "/compte/login/", cookies=jar)
        _keep_cookies(response, jar)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: {status}")
        status, _, response, _ = self.request(
            "POST",
            "/compte/login/",
            cookies=jar,
            body={
                "login": email,
                "password": password,
                "csrfmiddlewaretoken": token.group(1).decode(),
            },
        )
        _keep_cookies(response, jar)
        if status != 302 or "sessionid" not in jar:
            raise RuntimeError(f"login of {email} failed: {status}")
        return jar


def _keep_cookies(response, jar: dict[str, str]) -> None:
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, content = pair.partition("=")
            jar[key.strip()] = content.strip()


def cache_clear(env: dict[str, str]) -> None:
    """Empty the Redis database of `env` (cache and sessions): pages cached from another
    benchmark database must not be served from this one."""
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


@contextmanager
def start_server(settings: str = BENCH_SETTINGS, env: dict[str, str] | None = None, workers=2):
    """gunicorn serving `civic.wsgi` with `settings`, `workers` sync workers, on a free
    loopback port, after emptying its Redis database; yields a `Server` once it answers, stops
    it (and waits) on exit."""
    env = {**(env or os.environ), "DJANGO_SETTINGS_MODULE": settings}
    cache_clear(env)
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                GUNICORN,
                "civic.wsgi",
                "--bind",
                f"{HOST}:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--forwarded-allow-ips",
                HOST,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            server = Server(port=port, master_pid=process.pid, worker_pids=[])
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start:\n" + log.read().decode()[-3000:])
                try:
                    server.get("/__bare__/")
                    server.worker_pids = _children(process.pid)
                    if len(server.worker_pids) == workers:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            # Warm every worker (imports, URL resolvers, templates) before anything is measured.
            for _ in range(4 * workers):
                server.get("/__bare__/")
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
