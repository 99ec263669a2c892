"""`{% hole "name" arg %}`: a part of a page that differs per request (`civic.page_cache.holes`)."""

from django import template
from django.utils.safestring import mark_safe

from ..holes import FILLERS, RECORDING, hole_marker

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name, arg=""):
    """A marker while the page's skeleton is recorded, else the filler's text at once."""
    if context.get(RECORDING):
        return mark_safe(hole_marker(name, str(arg)))
    return mark_safe(FILLERS[name](context, str(arg)))
