"""The dashboard's panels, built from the selectors' aggregated rows with pandas.

pandas only ever receives aggregated frames (one row per group); small cells are hidden here
(`civic.analytics.suppression`) before anything is charted or tabled, so the charts, the
tables, the report and `/statistiques/` publish exactly the same figures.
"""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from civic.accounts.models import AgeBracket

from . import figures
from .selectors import REPRESENTED_BRACKETS, UNDER_REPRESENTED, Period
from .suppression import Cell, format_number, hidden_cell, hidden_reasons, people_total

STEP_LABELS = {"day": "jour", "week": "semaine", "month": "mois"}
CHANNEL_LABELS = {
    "web": gettext_noop("Site web"),
    "counter": gettext_noop("Guichet"),
    "phone": gettext_noop("Téléphone"),
    "mail": gettext_noop("Courrier"),
}


def channel_label(channel: str) -> str:
    return _(CHANNEL_LABELS.get(channel, channel))


@dataclass
class Table:
    """A published table: its caption, column headings, rows of Cells, and the rows to
    highlight (under-represented groups). `figure` is the plotly figure drawing the same
    figures (a dict, JSON-ready), or None."""

    key: str
    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    highlight: list[bool] = field(default_factory=list)
    figure: dict | None = None
    note: str = ""
    panel: str = "participation"

    @property
    def dom_id(self) -> str:
        return "analytics-" + slugify(self.key)

    @property
    def chart_id(self) -> str:
        return self.dom_id + "-chart"

    @property
    def body(self) -> list[tuple[list[Cell], bool]]:
        flags = self.highlight or [False] * len(self.rows)
        return list(zip(self.rows, flags, strict=True))


@dataclass
class KeyFigure:
    label: str
    current: Cell
    previous: Cell
    change: str


def _text(value: str) -> Cell:
    return Cell(None, str(value))


def _number(value, digits: int = 0) -> Cell:
    return Cell(value, format_number(value, digits))


def _people_column(counts: list[int], *, secondary: str = "smallest") -> list[Cell]:
    reasons = hidden_reasons(counts, secondary=secondary)
    return [
        hidden_cell(reason) if reason else _number(count)
        for count, reason in zip(counts, reasons, strict=True)
    ]


def _change(current: Cell, previous: Cell) -> str:
    if current.hidden or previous.hidden or current.value is None or previous.value is None:
        return "—"
    if previous.value == 0:
        return _("nouveau") if current.value else "="
    change = (current.value - previous.value) / previous.value * 100
    return f"{'+' if change > 0 else ''}{format_number(change)} %"


def key_figures(raw: dict) -> list[KeyFigure]:
    """Unique participants, new accounts and each kind of contribution, with the change
    against the previous period. Counts below 10 are hidden (they count people)."""
    people = pd.DataFrame(raw["people"], columns=["current", "district", "bracket", "n"])
    events = pd.DataFrame(raw["events"], columns=["kind", "current", "bucket", "n"])
    per_period = people.groupby("current")["n"].sum() if len(people) else pd.Series(dtype=int)
    by_kind = (
        events.groupby(["kind", "current"])["n"].sum() if len(events) else pd.Series(dtype=int)
    )

    def pair(label, current, previous):
        cur, prev = people_total(int(current)), people_total(int(previous))
        return KeyFigure(label, cur, prev, _change(cur, prev))

    found = [
        pair(_("Participants uniques"), per_period.get(1, 0), per_period.get(0, 0)),
        pair(_("Nouveaux comptes"), raw["accounts"]["current"], raw["accounts"]["previous"]),
    ]
    for kind, label in raw["kinds"]:
        found.append(pair(label, by_kind.get((kind, 1), 0), by_kind.get((kind, 0), 0)))
    return found


def time_series(raw: dict, period: Period) -> Table:
    """Contributions per bucket and kind in the period, small cells hidden (as everywhere)."""
    events = pd.DataFrame(raw["events"], columns=["kind", "current", "bucket", "n"])
    events = events[events["current"] == 1]
    labels = dict(raw["kinds"])
    buckets = _buckets(period)
    if len(events):
        events = events.assign(bucket=pd.to_datetime(events["bucket"]).dt.tz_localize(None))
        events = events.assign(bucket=events["bucket"].dt.date)
        frame = events.pivot_table(index="bucket", columns="kind", values="n", aggfunc="sum")
    else:
        frame = pd.DataFrame()
    frame = frame.reindex(index=buckets, columns=list(labels), fill_value=0).fillna(0)
    frame = frame.astype(int)
    # Each kind's column is suppressed like a column of people (a handful of contributions
    # in a month is a handful of people); the period's total per kind is a published key
    # figure, hence the secondary suppression.
    columns = {kind: _people_column([int(v) for v in frame[kind]]) for kind in labels}
    rows = [
        [_text(_bucket_label(bucket, period.step)), *[columns[kind][i] for kind in labels]]
        for i, bucket in enumerate(buckets)
    ]
    return Table(
        key="series",
        caption=_("Contributions par %(step)s et par type") % {"step": _(STEP_LABELS[period.step])},
        columns=[_("Période"), *labels.values()],
        rows=rows,
        figure=figures.lines(
            x=[_bucket_label(b, period.step) for b in buckets],
            series={labels[k]: [cell.value for cell in columns[k]] for k in labels},
        ),
        note=_(
            "Un nombre de contributions de 1 à 9 est affiché « < 10 » ; « masqué » : chiffre "
            "caché pour que le total de la période ne permette pas de le retrouver."
        ),
    )


def _buckets(period: Period) -> list:
    """Every bucket start of the period, empty ones included (a gap is a figure too)."""
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[period.step]
    start = pd.Timestamp(period.since)
    if period.step == "week":
        start -= pd.Timedelta(days=start.weekday())
    elif period.step == "month":
        start = start.replace(day=1)
    return [ts.date() for ts in pd.date_range(start, pd.Timestamp(period.until), freq=freq)]


def _bucket_label(bucket, step: str) -> str:
    if step == "month":
        return bucket.strftime("%m/%Y")
    return bucket.strftime("%d/%m/%Y")


def _representativeness(
    *, key, caption, groups: list[tuple[Any, str, int]], counts: dict, unknown: int, first: str
) -> Table:
    """Participants per group against the population: the index is the group's share of the
    participants whose group is known divided by its share of the population; below
    `UNDER_REPRESENTED` the row is highlighted. A hidden count hides its share and index."""
    participants = [int(counts.get(gid, 0)) for gid, _label, _pop in groups]
    cells = _people_column([*participants, unknown], secondary="largest")
    known = sum(participants)
    total_population = sum(pop for _gid, _label, pop in groups)
    rows, highlight, index_values = [], [], []
    for (_gid, label, pop), n, cell in zip(groups, participants, cells, strict=False):
        share_part = n / known if known else None
        share_pop = pop / total_population if total_population else None
        index = share_part / share_pop if share_part is not None and share_pop else None
        if cell.hidden:
            row = [_text(label), cell, _number(pop), Cell(None, "—", True), Cell(None, "—", True)]
            index_values.append(None)
            under = False
        else:
            row = [
                _text(label),
                cell,
                _number(pop),
                _number(share_part * 100 if share_part is not None else None, 1),
                _number(index, 2),
            ]
            index_values.append(index)
            under = index is not None and index < UNDER_REPRESENTED
        if under:
            row[-1] = Cell(index, f"{format_number(index, 2)} ({_('sous-représenté')})")
        rows.append(row)
        highlight.append(under)
    rows.append([_text(_("Non renseigné")), cells[-1], _text("—"), _text("—"), _text("—")])
    highlight.append(False)
    return Table(
        key=key,
        caption=caption,
        columns=[
            first,
            _("Participants"),
            _("Population"),
            _("Part des participants (%)"),
            _("Indice de représentativité"),
        ],
        rows=rows,
        highlight=highlight,
        figure=figures.index_bars(
            labels=[label for _gid, label, _pop in groups],
            values=index_values,
            threshold=UNDER_REPRESENTED,
        ),
        note=_(
            "Indice = part du groupe parmi les participants dont le groupe est connu, divisée "
            "par sa part dans la population. 1 = représenté comme dans la population ; en "
            "dessous de %(under)s, le groupe est sous-représenté (ligne signalée)."
        )
        % {"under": format_number(UNDER_REPRESENTED, 1)},
    )


def representativeness(raw: dict) -> list[Table]:
    people = pd.DataFrame(raw["people"], columns=["current", "district", "bracket", "n"])
    people = people[people["current"] == 1]
    by_district = people.groupby("district", dropna=False)["n"].sum()
    brackets = people.assign(bracket=people["bracket"].fillna("").replace("", None))
    by_bracket = brackets.groupby("bracket", dropna=False)["n"].sum()
    districts = [(pk, name, pop) for pk, name, pop in raw["populations"]["districts"]]
    district_counts = {k: v for k, v in by_district.items() if not pd.isna(k)}
    unknown_district = int(by_district[by_district.index.isna()].sum())
    bracket_pop = raw["populations"]["brackets"]
    groups = [
        (b, str(AgeBracket(b).label), int(bracket_pop[b]))
        for b in REPRESENTED_BRACKETS
        if bracket_pop.get(b)
    ]
    bracket_counts = {k: v for k, v in by_bracket.items() if not pd.isna(k)}
    # Participants of a bracket left out of the comparison count as "not known" here.
    unknown_bracket = int(by_bracket.sum()) - sum(
        int(bracket_counts.get(b, 0)) for b, _l, _p in groups
    )
    return [
        _representativeness(
            key="districts",
            caption=_("Représentativité par quartier"),
            groups=districts,
            counts=district_counts,
            unknown=unknown_district,
            first=_("Quartier"),
        ),
        _representativeness(
            key="ages",
            caption=_("Représentativité par tranche d'âge"),
            groups=groups,
            counts=bracket_counts,
            unknown=unknown_bracket,
            first=_("Tranche d'âge"),
        ),
    ]


def channels(raw: dict) -> Table:
    frame = pd.DataFrame(raw["channels"], columns=["channel", "contributions", "participants"])
    order = [c for c in CHANNEL_LABELS if c in set(frame["channel"])] + sorted(
        set(frame["channel"]) - set(CHANNEL_LABELS)
    )
    frame = frame.set_index("channel").reindex(order)
    people = _people_column([int(v) for v in frame["participants"]])
    rows = [
        [_text(channel_label(c)), _number(int(frame.loc[c, "contributions"])), cell]
        for c, cell in zip(order, people, strict=True)
    ]
    return Table(
        key="channels",
        caption=_("Participation par canal"),
        columns=[_("Canal"), _("Contributions"), _("Participants")],
        rows=rows,
        figure=figures.bars(
            labels=[channel_label(c) for c in order],
            values=[int(v) for v in frame["contributions"]],
            name=_("Contributions"),
        ),
        note=_("Une personne qui a participé par deux canaux compte dans chacun."),
    )


def source_table(table: dict) -> Table:
    """An app's table, its people columns suppressed (and the figures derived from them)."""
    rows = table["rows"]
    keys = [key for key, _label in table["columns"]]
    masks = {
        key: hidden_reasons([int(row.get(key) or 0) for row in rows]) for key in table["people"]
    }
    out = []
    for i, row in enumerate(rows):
        row_hidden = any(masks[key][i] for key in masks)
        cells = []
        for key in keys:
            value = row.get(key)
            if key in masks and masks[key][i]:
                cells.append(hidden_cell(masks[key][i]))
            elif key in table["derived"] and row_hidden:
                cells.append(Cell(None, "—", True))
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(_number(value, 0 if isinstance(value, int) else 2))
            else:
                cells.append(_text("—" if value is None else value))
        out.append(cells)
    figure = None
    if table["chart"] == "bar" and rows and len(keys) > 1:
        value_key = table["people"][0] if table["people"] else keys[1]
        figure = figures.bars(
            labels=[str(row.get(keys[0], "")) for row in rows],
            values=[cells[keys.index(value_key)].value for cells in out],
            name=dict(table["columns"])[value_key],
        )
    return Table(
        key=table["key"],
        caption=table["title"],
        columns=[label for _key, label in table["columns"]],
        rows=out,
        figure=figure,
        panel=table["panel"],
    )


def moderation_tables(figures_: dict) -> list[Table]:
    pending = Table(
        key="moderation_pending",
        caption=_("File de modération : éléments en attente par source"),
        columns=[_("Source"), _("En attente"), _("En retard"), _("Délai promis (heures)")],
        rows=[
            [
                _text(r["source"]),
                _number(r["pending"]),
                _number(r["overdue"]),
                _number(r["delay_hours"]),
            ]
            for r in figures_["pending"]
        ],
        highlight=[bool(r["overdue"]) for r in figures_["pending"]],
        figure=figures.bars(
            labels=[r["source"] for r in figures_["pending"]],
            values=[r["pending"] for r in figures_["pending"]],
            name=_("En attente"),
        ),
        panel="moderation",
    )
    decisions = Table(
        key="moderation_delay",
        caption=_("Délai médian de décision sur la période"),
        columns=[_("Type"), _("Décisions"), _("Délai médian (heures)"), _("Délai promis (heures)")],
        rows=[
            [
                _text(r["kind"]),
                _number(r["decided"]),
                _number(r["median_hours"], 1),
                _number(r["promised_hours"]),
            ]
            for r in figures_["decisions"]
        ],
        highlight=[r["late"] for r in figures_["decisions"]],
        panel="moderation",
    )
    return [pending, decisions]


def dashboard_panels(raw: dict, period: Period) -> dict:
    """Every panel of the dashboard (and the report) from the cached aggregated rows."""
    tables = [source_table(t) for t in raw["tables"]]
    return {
        "key_figures": key_figures(raw),
        "series": time_series(raw, period),
        "representativeness": representativeness(raw),
        "channels": channels(raw),
        "tables": tables,
        "budget": [t for t in tables if t.panel == "budget"],
        "ideas": [t for t in tables if t.panel == "ideas"],
        "consultations": [t for t in tables if t.panel == "consultations"],
        "other": [
            t for t in tables if t.panel not in ("budget", "ideas", "consultations", "moderation")
        ],
    }
