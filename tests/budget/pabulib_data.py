"""The shared Pabulib files (`../shared/data/pabulib/` beside the repository) and the
outcomes pabutools 1.2.3 gives on them. Missing data is a failure, never a skip."""

import json
from functools import cache
from pathlib import Path

from budget.pabulib import PabulibElection, parse_file

DATA_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pabulib"
OUTCOMES_FILE = DATA_DIR / "pabutools_outcomes.json"
FILE_NAMES = sorted(p.name for p in DATA_DIR.glob("*.pb"))
# pabutools runs live in the tests only on these (< 60 KB: Wieliczka, 94 KB, would add 8 s);
# every file is also compared with the outcomes recorded in pabutools_outcomes.json.
SMALL_FILE_NAMES = [n for n in FILE_NAMES if (DATA_DIR / n).stat().st_size < 60_000]


@cache
def election(name: str) -> PabulibElection:
    return parse_file(DATA_DIR / name)


@cache
def outcomes() -> dict:
    return json.loads(OUTCOMES_FILE.read_text(encoding="utf-8"))["files"]
