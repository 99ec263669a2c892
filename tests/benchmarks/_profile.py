"""Where a request's CPU goes: the profile a benchmark prints when one of its targets is missed.

    lines = profiled(send, requests=50)  # send(): one request, in-process (Django's Client)
    print("\\n".join(lines))

`send` is run a few times to warm the per-process caches, `requests` times without a profiler
(the CPU it costs in-process, the figure the shares below are of), then `requests` times under
cProfile with a CPU timer (`time.process_time`: waiting on PostgreSQL or Redis is not counted,
as in the benchmark's worker CPU). The table lists the functions, the project's and the
libraries', by their share of the profiled CPU, the functions through which everything passes
(the middleware stack, the view's dispatch: over 60 %) and those under 3 % left out.
"""

import cProfile
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRAPPER_SHARE = 0.6
NOISE_SHARE = 0.03


def _where(file: str, line: int, name: str) -> str:
    """`budget/selectors.py:640 ballot_listing`, `django/contrib/auth/__init__.py:295 get_user`."""
    for base in ("site-packages/", str(ROOT) + "/"):
        at = file.find(base)
        if at >= 0:
            file = file[at + len(base) :]
            break
    return f"{file}:{line} {name}" if line else name


def profiled(send, *, requests: int, top: int = 20) -> list[str]:
    """The lines of a Markdown table: what `send()` spends its CPU on (see the module)."""
    for _ in range(3):
        send()
    started = time.process_time()
    for _ in range(requests):
        send()
    plain_ms = 1000 * (time.process_time() - started) / requests
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(requests):
        send()
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(stats.total_tt, 1e-9)
    rows = []
    for (file, line, name), (_calls, ncalls, _tottime, cumtime, _callers) in stats.stats.items():
        share = cumtime / total
        if NOISE_SHARE <= share <= WRAPPER_SHARE:
            rows.append((share, ncalls / requests, _where(file, line, name)))
    rows.sort(key=lambda row: -row[0])
    lines = [
        f"In-process, without the profiler: {plain_ms:.2f} ms of CPU per request. Shares of the "
        f"profiled CPU (cumulative; {requests} requests):",
        "",
        "| share | calls per request | function |",
        "|---|---|---|",
    ]
    lines += [f"| {share:.0%} | {calls:g} | {where} |" for share, calls, where in rows[:top]]
    return lines
