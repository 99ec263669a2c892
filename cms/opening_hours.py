"""Opening hours in OpenStreetMap `opening_hours` syntax, read in Europe/Paris.

The expression is parsed by opening-hours-py (`OpeningHours(expr, timezone=Paris,
country="FR")`): its `PH` is France's public holidays, the same calendar as the `holidays`
package (guarded by `tests/cms/test_opening_hours.py`), which gives the holidays their names
in the week's schedule. Exceptional closures (whole days, from a date to a date) are cut out of
what the expression opens. Every comparison is made in UTC, so a daylight-saving weekend
neither doubles nor loses an hour; every moment shown is in Europe/Paris.

    facility_is_open(hours, at=now)            -> bool
    hours_next_change(hours, at=now)           -> datetime | None
    hours_next_change_words(hours, at=now)     -> "Ferme à 17 h 30", "Ouvre demain à 9 h"
    hours_week(hours, start=date)              -> seven `DaySchedule`s in readable French
"""

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from opening_hours import OpeningHours, ParserError, State

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC
# How far ahead the next opening is looked for (a seasonal place closed all winter).
HORIZON = datetime.timedelta(days=400)
MAX_LENGTH = 500

# What the parser expected, in words an editor understands.
EXPECTED_WORDS = {
    "wday": "un jour (Mo, Tu, We, Th, Fr, Sa, Su)",
    "extended_time": "une heure (HH:MM, par exemple 08:30)",
    "time": "une heure (HH:MM, par exemple 08:30)",
    "hour": "une heure (HH:MM)",
    "minute": "des minutes (deux chiffres)",
    "month": "un mois (Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec)",
    "rule_separator": "« ; » entre deux règles",
    "EOI": "la fin de l'expression",
}


@dataclass(frozen=True)
class Closure:
    """An exceptional closure: closed all day from `start` to `end` (both included)."""

    start: datetime.date
    end: datetime.date
    reason: str = ""

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DaySchedule:
    """One day of the week's schedule: its date and label, its opening spans in words."""

    date: datetime.date
    label: str  # "lundi 4 mai"
    spans: list[str] = field(default_factory=list)  # ["9 h – 12 h", "13 h 30 – 17 h 30"]
    holiday: str = ""  # "Fête nationale"
    closure: str = ""  # "Fermeture exceptionnelle : travaux"
    is_today: bool = False

    @property
    def text(self) -> str:
        return ", ".join(self.spans) if self.spans else _("Fermé")


# Parsing and validation -------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def hours_parse(expression: str) -> OpeningHours:
    """The parsed expression (cached: the same hours are read for every row of a page)."""
    return OpeningHours(
        expression.strip(),
        timezone=PARIS,
        country="FR",
        auto_country=False,
        auto_timezone=False,
    )


def hours_error_message(expression: str, error: Exception) -> str:
    """The parser's complaint in French, pointing at the column and the character."""
    text = str(error)
    position = re.search(r"-->\s*\d+:(\d+)", text)
    expected = re.search(r"=\s*expected\s+(.+)", text)
    if position is None:
        return _("Horaires illisibles : %(error)s") % {"error": text.strip()}
    column = int(position.group(1))
    snippet = expression[column - 1 : column + 9] or _("(fin de l'expression)")
    tokens = re.split(r",\s*|\s+or\s+", expected.group(1).strip()) if expected else []
    words = [EXPECTED_WORDS[token.strip()] for token in tokens if token.strip() in EXPECTED_WORDS]
    if len(tokens) > 3 or not words:
        words = [
            _(
                "des jours abrégés en anglais (Mo, Tu, We, Th, Fr, Sa, Su), des mois ou des "
                "heures HH:MM"
            )
        ]
    message = _("Horaires illisibles au caractère %(column)s, à « %(snippet)s »") % {
        "column": column,
        "snippet": snippet,
    }
    if words:
        message += _(" : attendu %(expected)s") % {"expected": " ou ".join(dict.fromkeys(words))}
    return message + _(". Exemple : « Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off ».")


def hours_validate(expression: str) -> None:
    """Django validator: raises a `ValidationError` that says where the expression is wrong."""
    if not expression or not expression.strip():
        return
    if "\x00" in expression or len(expression) > MAX_LENGTH:
        raise ValidationError(_("Horaires trop longs ou illisibles."), code="invalid_hours")
    try:
        hours_parse(expression)
    except (ParserError, SyntaxError, ValueError) as error:
        raise ValidationError(
            hours_error_message(expression.strip(), error), code="invalid_hours"
        ) from error


# Open spans -------------------------------------------------------------------------------


def _utc(moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PARIS)
    return moment.astimezone(UTC)


def _closure_spans(closures: Iterable[Closure]) -> list[tuple[datetime.datetime, ...]]:
    """Closures as UTC spans from the first day's midnight to the midnight after the last."""
    spans = []
    for closure in closures:
        start = datetime.datetime.combine(closure.start, datetime.time(), tzinfo=PARIS)
        end = datetime.datetime.combine(
            closure.end + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS
        )
        spans.append((_utc(start), _utc(end)))
    return sorted(spans)


def _subtract(span, cuts):
    """The parts of `span` (start, end) outside every cut."""
    parts = [span]
    for cut_start, cut_end in cuts:
        kept = []
        for start, end in parts:
            if cut_end <= start or cut_start >= end:
                kept.append((start, end))
                continue
            if start < cut_start:
                kept.append((start, cut_start))
            if cut_end < end:
                kept.append((cut_end, end))
        parts = kept
    return parts


def open_spans(
    expression: str,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    closures: Iterable[Closure] = (),
) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
    """The open spans (UTC, merged when they touch, cut by the closures) meeting
    [start, end). A span running past `end` is given whole, up to the next change."""
    if not expression or not expression.strip():
        return
    parsed = hours_parse(expression)
    cuts = _closure_spans(closures)
    start_utc, end_utc = _utc(start), _utc(end)
    pending = None
    for begin, finish, state, _comment in parsed.intervals(start_utc.astimezone(PARIS)):
        begin_utc = _utc(begin)
        if begin_utc >= end_utc and pending is None:
            return
        finish_utc = (
            _utc(finish) if finish is not None else datetime.datetime.max.replace(tzinfo=UTC)
        )
        if state != State.OPEN:
            if pending is not None:
                yield from _subtract(pending, cuts)
                pending = None
            if begin_utc >= end_utc:
                return
            continue
        if pending is not None and pending[1] >= begin_utc:
            pending = (pending[0], max(pending[1], finish_utc))
        else:
            if pending is not None:
                yield from _subtract(pending, cuts)
            pending = (begin_utc, finish_utc)
        if finish is None:
            break
    if pending is not None:
        yield from _subtract(pending, cuts)


@dataclass(frozen=True)
class HoursState:
    """Whether a place is open at a moment, and the next moment (Europe/Paris) that changes,
    within about a year (None: nothing changes, always open or closed for good)."""

    is_open: bool
    next_change: datetime.datetime | None


def hours_state(
    expression: str, *, at: datetime.datetime, closures: Iterable[Closure] = ()
) -> HoursState:
    """The state at `at` and the next change, read from one pass over the open spans."""
    moment = _utc(at)
    for begin, finish in open_spans(
        expression, start=moment, end=moment + HORIZON, closures=list(closures)
    ):
        if finish <= moment:
            continue
        is_open = begin <= moment
        change = finish if is_open else begin
        if change.year >= 9999 or change > moment + HORIZON:
            return HoursState(is_open, None)
        return HoursState(is_open, change.astimezone(PARIS))
    return HoursState(False, None)


def facility_is_open(
    expression: str, *, at: datetime.datetime, closures: Iterable[Closure] = ()
) -> bool:
    """Whether the place is open at `at` (unknown or empty hours: not open)."""
    moment = _utc(at)
    for begin, finish in open_spans(
        expression, start=moment, end=moment + datetime.timedelta(seconds=1), closures=closures
    ):
        if begin <= moment < finish:
            return True
    return False


def hours_next_change(
    expression: str, *, at: datetime.datetime, closures: Iterable[Closure] = ()
) -> datetime.datetime | None:
    """The next moment (Europe/Paris) the place opens or closes after `at`, within about a
    year; None when nothing changes (always open, or closed for good)."""
    return hours_state(expression, at=at, closures=closures).next_change


# In words ---------------------------------------------------------------------------------


def time_words(moment: datetime.time | datetime.datetime) -> str:
    """9 h, 17 h 30, 0 h."""
    if moment.minute:
        return f"{moment.hour} h {moment.minute:02d}"
    return f"{moment.hour} h"


def _day_words(moment: datetime.datetime, *, today: datetime.date) -> str:
    """'' for today, 'demain', 'lundi', or 'le lundi 4 mai' further away."""
    day = moment.date()
    if day == today:
        return ""
    if day == today + datetime.timedelta(days=1):
        return _("demain")
    if day < today + datetime.timedelta(days=7):
        return date_format(day, "l")
    return _("le %(date)s") % {"date": date_format(day, "l j F")}


def hours_next_change_words(
    expression: str,
    *,
    at: datetime.datetime,
    closures: Iterable[Closure] = (),
    state: HoursState | None = None,
) -> str:
    """ "Ferme à 17 h 30", "Ferme demain à 2 h", "Ouvre demain à 9 h", "Ouvre lundi à 8 h 30",
    "Ouvert 24 h/24", or "" when nothing is known ahead. `state`, when the caller has it,
    saves reading the hours again."""
    state = state or hours_state(expression, at=at, closures=closures)
    is_open, change = state.is_open, state.next_change
    if change is None:
        return _("Ouvert 24 h/24") if is_open else ""
    today = _utc(at).astimezone(PARIS).date()
    day = _day_words(change, today=today)
    when = f"{day} à {time_words(change)}" if day else f"à {time_words(change)}"
    if is_open:
        return _("Ferme %(when)s") % {"when": when}
    return _("Ouvre %(when)s") % {"when": when}


@functools.lru_cache(maxsize=16)
def _french_holidays(year: int) -> holidays.HolidayBase:
    return holidays.France(years=year, language="fr")


def holiday_name(day: datetime.date) -> str:
    """The French public holiday's name on `day` ("Fête nationale"), or ""."""
    return _french_holidays(day.year).get(day) or ""


def hours_week(
    expression: str,
    *,
    start: datetime.date,
    closures: Iterable[Closure] = (),
    days: int = 7,
    today: datetime.date | None = None,
) -> list[DaySchedule]:
    """The schedule of `days` days from `start`, each day's spans in words. A span that starts
    one day and ends the next ("22 h – 2 h") is shown on the day it starts; a day open around
    the clock reads "24 h/24"."""
    closures = list(closures)
    window_start = datetime.datetime.combine(start, datetime.time(), tzinfo=PARIS)
    window_end = datetime.datetime.combine(
        start + datetime.timedelta(days=days), datetime.time(), tzinfo=PARIS
    )
    spans = list(open_spans(expression, start=window_start, end=window_end, closures=closures))
    schedule = []
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        day_start = _utc(datetime.datetime.combine(day, datetime.time(), tzinfo=PARIS))
        day_end = _utc(
            datetime.datetime.combine(
                day + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS
            )
        )
        words = []
        for begin, finish in spans:
            if begin <= day_start and finish >= day_end:
                words = [_("24 h/24")]
                break
            starts_today = day_start <= begin < day_end
            continues = begin < day_start < finish and offset == 0
            if not (starts_today or continues):
                continue
            shown_start = max(begin, day_start).astimezone(PARIS)
            shown_end = finish.astimezone(PARIS)
            words.append(f"{time_words(shown_start)} – {time_words(shown_end)}")
        closure = next((c for c in closures if c.covers(day)), None)
        schedule.append(
            DaySchedule(
                date=day,
                label=date_format(day, "l j F"),
                spans=words,
                holiday=holiday_name(day),
                closure=(
                    (_("Fermeture exceptionnelle : %(reason)s") % {"reason": closure.reason})
                    if closure and closure.reason
                    else (_("Fermeture exceptionnelle") if closure else "")
                ),
                is_today=day == today,
            )
        )
    return schedule
