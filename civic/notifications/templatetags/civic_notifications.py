from django import template

register = template.Library()


@register.filter
def status_label(obj, value) -> str:
    """The human label of `value` in `obj`'s `status` choices (e.g. an old status)."""
    try:
        choices = dict(obj._meta.get_field("status").flatchoices)
    except Exception:  # an object without a status field
        return str(value)
    return str(choices.get(value, value))
