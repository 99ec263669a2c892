"""Issue #12, point 2: "open now", the next change in words and the week in French, at fixed
moments in Europe/Paris: public holidays, past midnight, seasons, DST weekends, closures."""

import datetime

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.opening_hours import (
    PARIS,
    Closure,
    facility_is_open,
    hours_next_change,
    hours_next_change_words,
    hours_parse,
    hours_validate,
    hours_week,
)

TOWN_HALL = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
POOL = (
    "Mo-Fr 12:00-13:45,17:00-20:00; Sa 14:00-18:00; Su 09:00-12:30; "
    "Jul-Aug Mo-Su 10:00-19:30; PH off"
)
CINEMA = "Mo-Th 13:30-23:30; Fr-Sa 13:30-01:00; Su 13:30-22:00"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


# Monday 4 May 2026, a working day.
@pytest.mark.parametrize(
    "at, is_open, words",
    [
        (paris(2026, 5, 4, 8, 29), False, "Ouvre à 8 h 30"),
        (paris(2026, 5, 4, 8, 30), True, "Ferme à 12 h"),
        (paris(2026, 5, 4, 12, 15), False, "Ouvre à 13 h 30"),
        (paris(2026, 5, 4, 16, 0), True, "Ferme à 17 h 30"),
        (paris(2026, 5, 4, 17, 30), False, "Ouvre demain à 8 h 30"),
        (paris(2026, 5, 9, 12, 30), False, "Ouvre lundi à 8 h 30"),  # Saturday afternoon
    ],
)
def test_a_working_day(at, is_open, words):
    assert facility_is_open(TOWN_HALL, at=at) is is_open
    assert hours_next_change_words(TOWN_HALL, at=at) == words


def test_a_public_holiday_is_closed_with_ph_off():
    # 14 July 2026 is a Tuesday: the town hall stays closed, opens on Wednesday.
    at = paris(2026, 7, 14, 10, 0)
    assert not facility_is_open(TOWN_HALL, at=at)
    assert hours_next_change_words(TOWN_HALL, at=at) == "Ouvre demain à 8 h 30"
    # Ascension (Thursday 14 May 2026) and Whit Monday (25 May 2026), movable feasts.
    assert not facility_is_open(TOWN_HALL, at=paris(2026, 5, 14, 10, 0))
    assert not facility_is_open(TOWN_HALL, at=paris(2026, 5, 25, 10, 0))
    assert facility_is_open(TOWN_HALL, at=paris(2026, 5, 26, 10, 0))


def test_the_parsers_public_holidays_are_the_holidays_packages_french_ones():
    """`PH` in the expression is read by opening-hours-py's own calendar; the names shown
    come from `holidays`: both must be the same days."""
    parsed = hours_parse("PH")
    for year in (2026, 2027, 2028):
        expected = set(holidays.France(years=year))
        day, found = datetime.date(year, 1, 1), set()
        while day.year == year:
            if parsed.is_open(paris(day.year, day.month, day.day, 12, 0)):
                found.add(day)
            day += datetime.timedelta(days=1)
        assert found == expected, year


def test_a_span_past_midnight_belongs_to_the_evening_it_starts():
    # Friday 8 May 2026 (a holiday, but the cinema has no PH rule) 23:30, then Saturday 00:30.
    assert facility_is_open(CINEMA, at=paris(2026, 5, 8, 23, 30))
    assert facility_is_open(CINEMA, at=paris(2026, 5, 9, 0, 30))
    assert hours_next_change_words(CINEMA, at=paris(2026, 5, 8, 23, 30)) == "Ferme demain à 1 h"
    assert not facility_is_open(CINEMA, at=paris(2026, 5, 9, 1, 0))
    # Thursday night: closed at 23:30, not open past midnight.
    assert not facility_is_open(CINEMA, at=paris(2026, 5, 8, 0, 30))
    week = hours_week(CINEMA, start=datetime.date(2026, 5, 4))
    friday = week[4]
    assert friday.text == "13 h 30 – 1 h"


def test_seasonal_rules_summer_hours_of_the_pool():
    # A Monday of June at 11:00: closed (opens at noon); in July: open from 10:00.
    assert not facility_is_open(POOL, at=paris(2026, 6, 1, 11, 0))
    assert hours_next_change_words(POOL, at=paris(2026, 6, 1, 11, 0)) == "Ouvre à 12 h"
    assert facility_is_open(POOL, at=paris(2026, 7, 6, 11, 0))
    assert hours_next_change_words(POOL, at=paris(2026, 7, 6, 11, 0)) == "Ferme à 19 h 30"
    # Summer Sunday afternoon is open, winter Sunday afternoon closed.
    assert facility_is_open(POOL, at=paris(2026, 8, 2, 15, 0))
    assert not facility_is_open(POOL, at=paris(2026, 2, 1, 15, 0))


def test_a_summer_only_place_opens_next_july():
    hours = "Jul-Aug 11:00-19:00"
    at = paris(2026, 11, 2, 12, 0)
    assert not facility_is_open(hours, at=at)
    assert hours_next_change(hours, at=at) == paris(2027, 7, 1, 11, 0)
    assert hours_next_change_words(hours, at=at) == "Ouvre le jeudi 1 juillet à 11 h"


def test_spring_forward_sunday_keeps_wall_clock_hours():
    """29 March 2026: at 2:00 clocks go to 3:00. A place open 10:00-18:00 opens at 10:00
    summer time (8:00 UTC), not 9:00 UTC."""
    hours = "Su 10:00-18:00"
    assert not facility_is_open(hours, at=utc(2026, 3, 29, 7, 59))
    assert facility_is_open(hours, at=utc(2026, 3, 29, 8, 0))
    assert hours_next_change(hours, at=utc(2026, 3, 29, 9, 0)) == paris(2026, 3, 29, 18, 0)
    assert hours_next_change(hours, at=utc(2026, 3, 29, 9, 0)).astimezone(datetime.UTC) == utc(
        2026, 3, 29, 16, 0
    )


def test_a_night_span_across_the_spring_forward_gap_lasts_one_hour_less():
    hours = "Sa 22:00-04:00"  # Saturday 28 to Sunday 29 March 2026
    assert facility_is_open(hours, at=utc(2026, 3, 28, 23, 30))  # 00:30 winter time
    assert facility_is_open(hours, at=utc(2026, 3, 29, 1, 30))  # 03:30 summer time
    assert not facility_is_open(hours, at=utc(2026, 3, 29, 2, 0))  # 04:00 summer time
    closing = hours_next_change(hours, at=utc(2026, 3, 28, 22, 0))
    assert closing.astimezone(datetime.UTC) == utc(2026, 3, 29, 2, 0)


def test_fall_back_sunday_keeps_wall_clock_hours():
    """25 October 2026: at 3:00 clocks go back to 2:00. 10:00 is 9:00 UTC that day."""
    hours = "Su 10:00-18:00"
    assert not facility_is_open(hours, at=utc(2026, 10, 25, 8, 59))
    assert facility_is_open(hours, at=utc(2026, 10, 25, 9, 0))
    assert not facility_is_open(hours, at=utc(2026, 10, 25, 17, 0))


def test_an_exceptional_closure_overrides_the_hours():
    closures = [Closure(datetime.date(2026, 5, 4), datetime.date(2026, 5, 5), "travaux")]
    at = paris(2026, 5, 4, 10, 0)
    assert not facility_is_open(TOWN_HALL, at=at, closures=closures)
    assert hours_next_change_words(TOWN_HALL, at=at, closures=closures) == (
        "Ouvre mercredi à 8 h 30"
    )
    # Open on the Friday before, it closes at noon as usual.
    assert hours_next_change_words(TOWN_HALL, at=paris(2026, 5, 1, 10, 0), closures=closures) == (
        "Ouvre demain à 9 h"
    )  # 1 May is a holiday; Saturday morning is open
    week = hours_week(TOWN_HALL, start=datetime.date(2026, 5, 4), closures=closures)
    assert week[0].text == "Fermé"
    assert week[0].closure == "Fermeture exceptionnelle : travaux"
    assert week[2].text == "8 h 30 – 12 h, 13 h 30 – 17 h 30"


def test_a_closure_that_ends_a_24_7_place_reopens_it_at_midnight():
    closures = [Closure(datetime.date(2026, 5, 4), datetime.date(2026, 5, 4))]
    at = paris(2026, 5, 4, 12, 0)
    assert not facility_is_open("24/7", at=at, closures=closures)
    assert hours_next_change("24/7", at=at, closures=closures) == paris(2026, 5, 5, 0, 0)
    assert hours_next_change_words("24/7", at=paris(2026, 5, 6, 12, 0)) == "Ouvert 24 h/24"


def test_the_week_in_readable_french_names_the_holiday():
    week = hours_week(TOWN_HALL, start=datetime.date(2026, 7, 13), today=datetime.date(2026, 7, 13))
    assert [day.label for day in week[:2]] == ["lundi 13 juillet", "mardi 14 juillet"]
    assert week[0].is_today and not week[1].is_today
    assert week[0].text == "8 h 30 – 12 h, 13 h 30 – 17 h 30"
    assert week[1].text == "Fermé"
    assert week[1].holiday == "Fête nationale"
    assert week[5].text == "9 h – 12 h"
    assert week[6].text == "Fermé"
    assert hours_week("24/7", start=datetime.date(2026, 7, 13))[0].text == "24 h/24"


def test_empty_or_unknown_hours_are_never_open():
    assert not facility_is_open("", at=paris(2026, 5, 4, 10, 0))
    assert hours_next_change_words("", at=paris(2026, 5, 4, 10, 0)) == ""
    assert not facility_is_open("Mo-Fr 10:00-12:00 unknown", at=paris(2026, 5, 4, 11, 0))


@pytest.mark.parametrize(
    "expression, column, snippet",
    [
        ("Mo-Fr 08:30-12:00,13:30-1x:30", 25, "1x:30"),
        ("Mo-Fx 08:30-12:00", 4, "Fx 08:30-1"),
    ],
)
def test_invalid_hours_are_refused_with_where_and_what(expression, column, snippet):
    with pytest.raises(ValidationError) as refused:
        hours_validate(expression)
    message = " ".join(refused.value.messages)
    assert f"au caractère {column}" in message
    assert f"« {snippet}" in message
    assert "Exemple :" in message


def test_french_day_names_are_refused_with_a_hint_at_the_english_ones():
    with pytest.raises(ValidationError) as refused:
        hours_validate("Lu-Ve 09:00-12:00")
    assert "Mo, Tu, We, Th, Fr, Sa, Su" in " ".join(refused.value.messages)


def test_nul_and_overlong_hours_are_refused():
    for expression in ("Mo 10:00-12:00\x00", "Mo 10:00-12:00; " * 40):
        with pytest.raises(ValidationError):
            hours_validate(expression)
