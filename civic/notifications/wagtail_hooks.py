from wagtail import hooks

from civic.notifications import selectors
from civic.sections import DASHBOARD_SECTIONS, Section


@hooks.register(DASHBOARD_SECTIONS)
def my_follows_section(request, **kwargs):
    if not request.user.is_authenticated:
        return None
    return Section(
        template="notifications/includes/dashboard_follows.html",
        context={"my_follows": selectors.follows_of_user(user=request.user, limit=10)},
        order=50,
    )
