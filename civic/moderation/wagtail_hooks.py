from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from civic import hooks as civic
from civic.moderation import admin_urls, selectors
from civic.moderation.comment_source import CommentModerationSource
from civic.moderation.models import ModerationReason
from civic.moderation.panels import QueueSummaryPanel
from civic.moderation.sources import sources_for
from civic.notifications.kinds import NotificationKind


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include(admin_urls, namespace="moderation"))]


class QueueMenuItem(MenuItem):
    """The queue's menu entry, with the number of waiting items ("Modération (4)": the
    sidebar is too narrow for "File de modération (4)")."""

    def is_shown(self, request):
        return bool(sources_for(request.user))

    def render_component(self, request):
        count = selectors.queue_count(user=request.user)
        label = f"{_('Modération')} ({count})" if count else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname
        )


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("File de modération"),
        reverse("moderation:queue"),
        name="moderation-queue",
        icon_name="tasks",
        order=150,
    )


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if sources_for(request.user):
        panels.append(QueueSummaryPanel(selectors.queue_summary(user=request.user)))


@hooks.register(civic.MODERATION_SOURCES)
def comment_source():
    return CommentModerationSource()


class ModerationReasonViewSet(SnippetViewSet):
    model = ModerationReason
    icon = "comment"
    menu_label = _("Motifs de modération")
    menu_order = 160
    add_to_admin_menu = False
    list_display = ["title", "kind"]
    list_filter = ["kind"]
    search_fields = ["title", "text"]


register_snippet(ModerationReasonViewSet)


@hooks.register(civic.AUDIT_ACTIONS)
def register_moderation_actions(actions):
    actions.register_action(
        "moderation.comment.flag", _("Signaler un commentaire"), _("Commentaire signalé")
    )
    actions.register_action(
        "moderation.comment.hide",
        _("Masquer un commentaire signalé"),
        _("Commentaire masqué après plusieurs signalements"),
    )
    actions.register_action(
        "moderation.comment.approve", _("Rétablir un commentaire"), _("Commentaire rétabli")
    )
    actions.register_action(
        "moderation.comment.remove", _("Retirer un commentaire"), _("Commentaire retiré")
    )


@hooks.register(civic.NOTIFICATION_KINDS)
def comment_notification_kinds():
    return [
        NotificationKind("comment_reply", "notify_comments"),
        NotificationKind("comment_on_my_content", "notify_comments"),
    ]


@hooks.register(civic.DASHBOARD_SECTIONS)
def my_comments_section(request):
    comments = selectors.comments_of_user(user=request.user, limit=10)
    return civic.Section(
        template="moderation/includes/dashboard_comments.html",
        context={"my_comments": comments},
        order=40,
    )


@hooks.register(civic.ANALYTICS_FIGURES)
def comments_analytics():
    """Comments are one kind of contribution whatever they comment (ideas, projects...)."""
    return civic.AnalyticsSource(
        name="comments",
        label=_("Commentaires"),
        order=15,
        events=[
            civic.AnalyticsEvents(
                "comment",
                _("Commentaires"),
                selectors.comment_events,
                moment="submit_date",
                order=30,
            )
        ],
    )
