"""Amounts, counts and dates as each language writes them (civic.formats and the
`civic_format` template filters), and the pages that show them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from civic import formats

PARIS = datetime.timezone(datetime.timedelta(hours=1))


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fr", 850_000, "850\u202f000\u00a0€"),
        ("fr", 1_250_000, "1\u202f250\u202f000\u00a0€"),
        ("fr", 0, "0\u00a0€"),
        ("en", 850_000, "€850,000"),
        ("en", 999, "€999"),
    ],
)
def test_amounts_are_grouped_as_the_language_writes_them(language, value, expected):
    with translation.override(language):
        assert formats.euros(value) == expected
        rendered = Template("{% load civic_format %}{{ value|euros }}").render(
            Context({"value": value})
        )
        assert rendered == expected


def test_missing_amounts_and_counts_are_blank_not_none():
    assert formats.euros(None) == ""
    assert formats.number_grouped("") == ""
    with translation.override("fr"):
        assert formats.number_grouped(12_500) == "12\u202f500"
    with translation.override("en"):
        assert formats.number_grouped(12_500) == "12,500"


def test_the_first_of_the_month_is_1er_and_months_are_written_in_full():
    with translation.override("fr"):
        assert formats.date_long(datetime.date(2026, 12, 1)) == "1er décembre 2026"
        assert formats.date_long(datetime.date(2026, 8, 2)) == "2 août 2026"
        moment = datetime.datetime(2027, 3, 1, 18, 30, tzinfo=PARIS)
        assert formats.datetime_long(moment) == "1er mars 2027 à 18:30"
        rendered = Template("{% load civic_format %}{{ day|date_long }}").render(
            Context({"day": datetime.date(2026, 8, 1)})
        )
        assert rendered == "1er août 2026"


def test_english_dates_have_no_french_words():
    with translation.override("en"):
        assert formats.date_long(datetime.date(2026, 12, 1)) == "December 1, 2026"
        moment = datetime.datetime(2027, 3, 1, 18, 30, tzinfo=PARIS)
        text = formats.datetime_long(moment)
        assert text == "March 1, 2027, 6:30 p.m."
        assert " à " not in text and "1er" not in text


def test_a_result_names_the_city_envelope_in_the_readers_language():
    template = Template("{% load budget_tags %}{{ envelope|envelope_name }}")
    published_in_french = {"name": "Toute la ville", "district": None}
    with translation.override("en"):
        assert template.render(Context({"envelope": published_in_french})) == "Whole city"
    with translation.override("fr"):
        assert template.render(Context({"envelope": published_in_french})) == "Toute la ville"
    district = {"name": "Nord", "district": 3}
    assert template.render(Context({"envelope": district})) == "Nord"


def test_my_comments_write_the_first_of_the_month_1er():
    from django.template.loader import render_to_string

    first = datetime.datetime(2026, 12, 1, 18, 0, tzinfo=PARIS)
    comment = type("Comment", (), {"submit_date": first, "comment": "Bien", "target": None})
    with translation.override("fr"):
        html = render_to_string(
            "moderation/includes/dashboard_comments.html", {"my_comments": [comment]}
        )
    assert "1er décembre 2026" in html
