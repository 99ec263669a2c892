from wagtail import hooks

from civic import hooks as civic
from civic.notifications import selectors
from civic.notifications.kinds import NotificationKind


@hooks.register(civic.NOTIFICATION_KINDS)
def follow_notification_kinds():
    return [NotificationKind("followed_update", "notify_followed")]


@hooks.register(civic.DASHBOARD_SECTIONS)
def my_follows_section(request):
    return civic.Section(
        template="notifications/includes/dashboard_follows.html",
        context={"my_follows": selectors.follows_of_user(user=request.user, limit=10)},
        order=50,
    )
