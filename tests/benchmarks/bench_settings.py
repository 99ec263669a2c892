"""The production settings plus the benchmark's bare view (`tests/benchmarks/bench_urls.py`)
and static files collected outside the worktree. Used only by the HTTP benchmarks."""

import os

from civic.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bench_urls"
STATIC_ROOT = os.environ.get("CIVIC_BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
