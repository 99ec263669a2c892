"""Amounts, counts and dates as the active language writes them (see `civic.formats`).

Shared by every app's templates: ``{% load civic_format %}`` then ``{{ cost|euros }}``,
``{{ count|number }}``, ``{{ day|date_long }}``, ``{{ moment|datetime_long }}``.
"""

from django import template

from civic import formats

register = template.Library()

register.filter("euros", formats.euros)
register.filter("number", formats.number_grouped)
register.filter("date_long", formats.date_long)
register.filter("datetime_long", formats.datetime_long)
