"""The kinds of email the platform sends, and the profile preference that allows each."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    name: str
    # The `Profile` boolean that must be True for the email to go; None = always sent.
    preference: str | None


KINDS: dict[str, NotificationKind] = {
    kind.name: kind
    for kind in [
        NotificationKind("idea_received", None),
        NotificationKind("idea_status_changed", "notify_status_changes"),
        NotificationKind("idea_official_answer", "notify_status_changes"),
        NotificationKind("idea_duplicate", "notify_status_changes"),
        NotificationKind("comment_reply", "notify_comments"),
        NotificationKind("comment_on_my_content", "notify_comments"),
        NotificationKind("followed_update", "notify_followed"),
        NotificationKind("project_review_decision", "notify_status_changes"),
    ]
}
