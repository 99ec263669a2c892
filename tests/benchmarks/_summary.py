"""One summary table for `make bench`: each benchmark appends its results against their
targets to the file named by `CIVIC_BENCH_SUMMARY` (JSON lines), and
`python tests/benchmarks/_summary.py FILE` prints them as one table at the end.

    summary_add("pages", "/idees/ CPU per request vs bare, 1x", value=3.2, target="<= 5x",
                met=True)
"""

import json
import os
import sys


def summary_add(
    benchmark: str, measure: str, *, value: str, target: str, met: bool, note: str = ""
) -> None:
    """Record one result (no-op unless CIVIC_BENCH_SUMMARY names a file); `note` says, for a
    missed target, by how much and where the benchmark printed why."""
    path = os.environ.get("CIVIC_BENCH_SUMMARY")
    if not path:
        return
    row = {"benchmark": benchmark, "measure": measure, "value": value, "target": target}
    row["note"] = note
    with open(path, "a") as out:
        out.write(json.dumps({**row, "met": bool(met)}, ensure_ascii=False) + "\n")


def summary_print(path: str) -> int:
    """Print the table; exit status 1 when a target is missed or nothing was recorded."""
    try:
        with open(path) as rows_file:
            rows = [json.loads(line) for line in rows_file if line.strip()]
    except FileNotFoundError:
        rows = []
    print("\n| benchmark | measure | value | target | met |")
    print("|---|---|---|---|---|")
    for row in rows:
        met = "yes" if row["met"] else "**MISSED**"
        if row.get("note"):
            met += f" ({row['note']})"
        print(
            f"| {row['benchmark']} | {row['measure']} | {row['value']} | {row['target']} | {met} |"
        )
    missed = sum(not row["met"] for row in rows)
    print(f"\n{len(rows) - missed} of {len(rows)} targets met.")
    return 1 if missed or not rows else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "--failed":
        # `_summary.py FILE --failed NAME`: that benchmark ended with an error status.
        os.environ["CIVIC_BENCH_SUMMARY"] = sys.argv[1]
        summary_add(sys.argv[3], "exit status", value="error", target="0", met=False)
        sys.exit(0)
    sys.exit(summary_print(sys.argv[1]))
