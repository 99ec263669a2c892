from django import template
from django.contrib.contenttypes.models import ContentType

from civic.notifications import selectors
from civic.notifications.followables import is_followable

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state(context, obj):
    """What the follow button needs: `followable`, `following`, `content_type_id`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or not is_followable(obj):
        return {"followable": False}
    return {
        "followable": True,
        "following": selectors.is_following(user=user, obj=obj),
        "content_type_id": ContentType.objects.get_for_model(obj).pk,
        "object_id": obj.pk,
    }
