"""Read and write participatory-budgeting elections in the Pabulib ``.pb`` format.

The format (https://pabulib.org/format) is a ``;``-separated text file with three sections,
each introduced by a line holding only its name and followed by a header line:

* ``META`` (``key;value``): at least ``budget`` and ``vote_type`` (``approval``, ``choose-1``,
  ``cumulative``, ``scoring`` or ``ordinal``); often ``rule``, ``max_length``,
  ``min_project_score_threshold``...
* ``PROJECTS``: ``project_id;cost`` then optional ``votes``, ``score``, ``name``, ``selected``
  and any other column.
* ``VOTES``: ``voter_id;vote`` (comma-separated project ids), ``points`` for cumulative and
  scoring ballots, then any other column (age, sex, ...).

Fields may be quoted (``"a;b"``) as in CSV. The parser turns a file into plain dataclasses
and knows nothing about rules or the database: `budget.rules` tallies a
:class:`PabulibElection`, and the campaign models will import and export through it.

Numbers are kept exact: the budget and the costs are :class:`~decimal.Decimal` (as written,
``"376634.74"`` stays ``376634.74``), points are integers. A value ``none`` (any case) or an
empty cell in an optional column means "absent", as in pabutools' parser.

Every problem raises :class:`PabulibError` naming the line, so a command can tell the user
exactly where the file is wrong.
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TextIO

import numpy as np

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
POINT_VOTE_TYPES = ("cumulative", "scoring")
SECTIONS = ("meta", "projects", "votes")

_PROJECT_COLUMNS = ("project_id", "cost", "votes", "score", "name", "selected")
_VOTER_COLUMNS = ("voter_id", "vote", "points")


class PabulibError(ValueError):
    """A malformed Pabulib file; ``line`` is the 1-based line number where it was found."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(slots=True)
class PabulibProject:
    """One row of the PROJECTS section. ``extra`` holds every other column, as text."""

    project_id: str
    cost: Decimal
    name: str = ""
    votes: int | None = None
    score: int | None = None
    selected: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class PabulibVoter:
    """One ballot of the VOTES section.

    ``vote`` lists project ids in the order written (for ordinal ballots: most preferred
    first); ``points`` is parallel to ``vote`` for cumulative and scoring ballots, else None.
    """

    voter_id: str
    vote: tuple[str, ...]
    points: tuple[int, ...] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class BallotArrays:
    """Ballots as columns: ballot ``i`` names ``projects[offsets[i]:offsets[i + 1]]``
    (indices into ``PabulibElection.projects``, in ballot order), with ``points`` parallel
    to ``projects`` for cumulative and scoring ballots (else None)."""

    offsets: np.ndarray
    projects: np.ndarray
    points: np.ndarray | None


class _BallotBuilder:
    def __init__(self, *, with_points: bool):
        self.offsets = array("q", [0])
        self.projects = array("q")
        self.points = array("q") if with_points else None

    def add(self, projects: list[int], points: tuple[int, ...] | None) -> None:
        self.projects.extend(projects)
        self.offsets.append(len(self.projects))
        if self.points is not None and points:
            self.points.extend(points)

    def build(self) -> BallotArrays:
        return BallotArrays(
            offsets=np.frombuffer(self.offsets, dtype=np.int64),
            projects=np.frombuffer(self.projects, dtype=np.int64),
            points=None if self.points is None else np.frombuffer(self.points, dtype=np.int64),
        )


@dataclass
class PabulibElection:
    """A whole ``.pb`` file: META as a dict of strings, projects and voters in file order."""

    meta: dict[str, str]
    projects: list[PabulibProject]
    voters: list[PabulibVoter]
    project_columns: list[str] = field(default_factory=list)
    voter_columns: list[str] = field(default_factory=list)
    _arrays: BallotArrays | None = field(default=None, repr=False, compare=False)

    def ballot_arrays(self) -> BallotArrays:
        """The ballots as flat numpy columns, built while parsing (else from ``voters`` on
        first use). Computed once: build a new election rather than edit ``voters`` after."""
        if self._arrays is None:
            index = {p.project_id: i for i, p in enumerate(self.projects)}
            builder = _BallotBuilder(with_points=self.vote_type in POINT_VOTE_TYPES)
            for voter in self.voters:
                builder.add([index[p] for p in voter.vote], voter.points)
            self._arrays = builder.build()
        return self._arrays

    @property
    def vote_type(self) -> str:
        return self.meta["vote_type"]

    @property
    def budget(self) -> Decimal:
        return _parse_decimal(self.meta["budget"])

    @property
    def rule(self) -> str | None:
        return self.meta.get("rule")

    @property
    def min_project_score_threshold(self) -> int | None:
        value = self.meta.get("min_project_score_threshold")
        return int(_parse_decimal(value)) if value not in (None, "") else None

    @property
    def max_length(self) -> int | None:
        value = self.meta.get("max_length")
        return int(value) if value not in (None, "") else None

    def project(self, project_id: str) -> PabulibProject:
        for project in self.projects:
            if project.project_id == project_id:
                return project
        raise KeyError(project_id)


def _parse_decimal(text: str) -> Decimal:
    # Some files write decimal commas ("1234,5"); pabutools accepts them too.
    value = Decimal(text.strip().replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def _absent(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.lower() == "none"


def _int_or_none(text: str, column: str, line: int) -> int | None:
    if _absent(text):
        return None
    try:
        value = _parse_decimal(text)
    except InvalidOperation:
        raise PabulibError(f"column {column!r}: {text!r} is not a number", line) from None
    if value != value.to_integral_value():
        raise PabulibError(f"column {column!r}: {text!r} is not a whole number", line)
    return int(value)


class _Lines:
    """CSV rows with the physical line number each one starts on."""

    def __init__(self, stream: TextIO):
        self._reader = csv.reader(stream, delimiter=";", strict=True)
        self.line = 0

    def __iter__(self) -> Iterator[list[str]]:
        reader = self._reader
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise PabulibError(f"unreadable CSV ({error})", start) from None
            self.line = start
            yield row


def parse(stream: TextIO) -> PabulibElection:
    """Parse a Pabulib file from an open text stream (use ``newline=""``)."""
    meta: dict[str, str] = {}
    projects: list[PabulibProject] = []
    voters: list[PabulibVoter] = []
    project_ids: dict[str, int] = {}
    builder: _BallotBuilder | None = None
    project_columns: list[str] = []
    voter_columns: list[str] = []
    section = ""
    header: list[str] = []
    expect_header = False
    seen: set[str] = set()
    lines = _Lines(stream)

    for row in lines:
        line = lines.line
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        first = row[0].strip()
        if len(row) == 1 and first.lower() in SECTIONS:
            section = first.lower()
            if not seen and section != "meta":
                raise PabulibError("the file must start with a META section", line)
            if section in seen:
                raise PabulibError(f"section {first} appears twice", line)
            seen.add(section)
            expect_header = True
            continue
        if not section:
            raise PabulibError("the file must start with a META section", line)
        if expect_header:
            header = [cell.strip() for cell in row]
            expect_header = False
            required = {
                "meta": ("key", "value"),
                "projects": ("project_id", "cost"),
                "votes": ("voter_id", "vote"),
            }[section]
            missing = [name for name in required if name not in header]
            if missing:
                raise PabulibError(
                    f"{section.upper()} header lacks column(s) {', '.join(missing)}", line
                )
            if section == "projects":
                project_columns = header
            elif section == "votes":
                if "projects" not in seen:
                    raise PabulibError("VOTES section before PROJECTS", line)
                voter_columns = header
                _check_meta(meta, line)
                builder = _BallotBuilder(with_points=meta["vote_type"] in POINT_VOTE_TYPES)
            continue
        if len(row) != len(header):
            raise PabulibError(
                f"{len(row)} fields where the {section.upper()} header has {len(header)}", line
            )
        if section == "meta":
            meta[row[0].strip()] = row[1].strip()
        elif section == "projects":
            project = _parse_project(header, row, line)
            if project.project_id in project_ids:
                raise PabulibError(f"project {project.project_id!r} listed twice", line)
            project_ids[project.project_id] = len(projects)
            projects.append(project)
        else:
            voter = _parse_voter(header, row, line, meta["vote_type"], project_ids)
            voters.append(voter)
            builder.add([project_ids[p] for p in voter.vote], voter.points)

    for name in SECTIONS:
        if name not in seen:
            raise PabulibError(f"no {name.upper()} section")
    return PabulibElection(
        meta=meta,
        projects=projects,
        voters=voters,
        project_columns=project_columns,
        voter_columns=voter_columns,
        _arrays=builder.build() if builder else None,
    )


def _check_meta(meta: dict[str, str], line: int) -> None:
    if "budget" not in meta:
        raise PabulibError("META has no budget", line)
    try:
        budget = _parse_decimal(meta["budget"])
    except InvalidOperation:
        raise PabulibError(f"META budget {meta['budget']!r} is not a number", line) from None
    if budget < 0:
        raise PabulibError("META budget is negative", line)
    vote_type = meta.get("vote_type")
    if vote_type not in VOTE_TYPES:
        raise PabulibError(
            f"META vote_type {vote_type!r} is not one of {', '.join(VOTE_TYPES)}", line
        )


def _parse_project(header: list[str], row: list[str], line: int) -> PabulibProject:
    values = dict(zip(header, row, strict=True))
    project_id = values["project_id"].strip()
    if not project_id:
        raise PabulibError("empty project_id", line)
    try:
        cost = _parse_decimal(values["cost"])
    except InvalidOperation:
        raise PabulibError(f"cost {values['cost']!r} is not a number", line) from None
    if cost < 0:
        raise PabulibError(f"cost {values['cost']!r} is negative", line)
    return PabulibProject(
        project_id=project_id,
        cost=cost,
        name=values.get("name", "").strip(),
        votes=_int_or_none(values.get("votes", ""), "votes", line),
        score=_int_or_none(values.get("score", ""), "score", line),
        selected=_int_or_none(values.get("selected", ""), "selected", line),
        extra={k: v for k, v in values.items() if k not in _PROJECT_COLUMNS},
    )


def _parse_voter(
    header: list[str], row: list[str], line: int, vote_type: str, project_ids: dict[str, int]
) -> PabulibVoter:
    values = dict(zip(header, row, strict=True))
    raw_vote = values["vote"].strip()
    vote = (
        tuple(p.strip() for p in raw_vote.split(",") if p.strip()) if not _absent(raw_vote) else ()
    )
    for project_id in vote:
        if project_id not in project_ids:
            raise PabulibError(f"vote for unknown project {project_id!r}", line)
    if len(set(vote)) != len(vote):
        raise PabulibError("a project appears twice in one ballot", line)
    if vote_type == "choose-1" and len(vote) > 1:
        raise PabulibError("a choose-1 ballot names more than one project", line)
    points = None
    if vote_type in POINT_VOTE_TYPES:
        raw_points = values.get("points", "")
        if vote and _absent(raw_points):
            raise PabulibError(f"a {vote_type} ballot without points", line)
        cells = [p for p in raw_points.split(",") if p.strip()] if vote else []
        if len(cells) != len(vote):
            raise PabulibError(f"{len(vote)} projects but {len(cells)} points", line)
        points = tuple(_int_or_none(p, "points", line) for p in cells)
    return PabulibVoter(
        voter_id=values["voter_id"].strip(),
        vote=vote,
        points=points,
        extra={k: v for k, v in values.items() if k not in _VOTER_COLUMNS},
    )


def parse_string(text: str) -> PabulibElection:
    """Parse a Pabulib file held in a string."""
    return parse(io.StringIO(text.removeprefix("\ufeff"), newline=""))


def parse_file(path: str | Path) -> PabulibElection:
    """Parse a Pabulib file from disk (UTF-8, with or without BOM)."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return parse(stream)


def _format_number(value: Decimal | int) -> str:
    return str(value)


def write(election: PabulibElection, stream: TextIO) -> None:
    """Write ``election`` in the Pabulib format (LF line ends, minimal quoting).

    Column order follows ``project_columns``/``voter_columns`` when set, else the standard
    columns then the extra ones. Parsing the output gives back an equal election.
    """
    writer = csv.writer(stream, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(election.meta.items())

    project_columns = election.project_columns or _default_columns(
        ("project_id", "cost", "votes", "score", "name", "selected"),
        (p.extra for p in election.projects),
        present=lambda name: any(getattr(p, name) not in (None, "") for p in election.projects),
    )
    writer.writerow(["PROJECTS"])
    writer.writerow(project_columns)
    for project in election.projects:
        writer.writerow([_project_cell(project, column) for column in project_columns])

    voter_columns = election.voter_columns or _default_columns(
        ("voter_id", "vote", "points"),
        (v.extra for v in election.voters),
        present=lambda name: name != "points" or election.vote_type in POINT_VOTE_TYPES,
    )
    writer.writerow(["VOTES"])
    writer.writerow(voter_columns)
    for voter in election.voters:
        writer.writerow([_voter_cell(voter, column) for column in voter_columns])


def write_string(election: PabulibElection) -> str:
    """Return ``election`` as Pabulib text."""
    buffer = io.StringIO()
    write(election, buffer)
    return buffer.getvalue()


def write_file(election: PabulibElection, path: str | Path) -> None:
    """Write ``election`` to ``path`` as UTF-8 Pabulib text."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        write(election, stream)


def _default_columns(standard, extras: Iterable[dict[str, str]], present) -> list[str]:
    columns = [name for name in standard if name in ("project_id", "cost", "voter_id", "vote")]
    columns += [name for name in standard if name not in columns and present(name)]
    for extra in extras:
        columns += [name for name in extra if name not in columns]
    return columns


def _project_cell(project: PabulibProject, column: str) -> str:
    if column in ("project_id", "name"):
        return getattr(project, column)
    if column in ("cost", "votes", "score", "selected"):
        value = getattr(project, column)
        return "" if value is None else _format_number(value)
    return project.extra.get(column, "")


def _voter_cell(voter: PabulibVoter, column: str) -> str:
    if column == "voter_id":
        return voter.voter_id
    if column == "vote":
        return ",".join(voter.vote)
    if column == "points":
        return "" if voter.points is None else ",".join(str(p) for p in voter.points)
    return voter.extra.get(column, "")
