"""How amounts, counts and dates read in the active language, for templates and messages.

Django's locale formats do most of the work (grouping, month names); two French rules of
typography are added on top: the thousands separator is a narrow no-break space
("850 000 €"), and the first day of a month is written "1er" ("1er décembre 2026").
Month names are always written in full: abbreviations such as "Aoû" read as typos.
Templates use these through the `civic_format` template library.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def _is_french() -> bool:
    return (get_language() or "fr").split("-")[0] == "fr"


def number_grouped(value) -> str:
    """An integer with the locale's thousands grouping: "12 500" (fr), "12,500" (en)."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    text = number_format(number, decimal_pos=0, use_l10n=True, force_grouping=True)
    if _is_french():
        text = text.replace(NBSP, NARROW_NBSP).replace(" ", NARROW_NBSP)
    return text


def euros(value) -> str:
    """An amount in euros: "850 000 €" in French, "€850,000" in English ("" for None)."""
    number = number_grouped(value)
    if not number or not number.lstrip("-").replace(NARROW_NBSP, "").replace(",", "").isdigit():
        return number
    if _is_french():
        return f"{number}{NBSP}€"
    return f"€{number}"


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def date_long(value) -> str:
    """A day written out: "1er décembre 2026", "15 août 2026" (fr); "December 1, 2026" (en)."""
    if not value:
        return ""
    value = _local(value)
    if _is_french():
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {date_format(value, 'F Y')}"
    return date_format(value, "F j, Y")


def datetime_long(value) -> str:
    """A day and a time: "1er décembre 2026 à 18:00" (fr), "December 1, 2026, 6 p.m." (en).

    Each language joins the two its own way, so English never gets the French "à".
    """
    if not value:
        return ""
    value = _local(value)
    if _is_french():
        return f"{date_long(value)} à {date_format(value, 'H:i')}"
    return f"{date_long(value)}, {date_format(value, 'P')}"
