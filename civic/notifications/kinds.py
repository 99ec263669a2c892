"""The kinds of email the platform sends, and the profile preference that allows each.

Each app declares its own kinds on `civic.hooks.NOTIFICATION_KINDS`; `notification_send`
refuses a kind nobody declared, so a typo fails loudly instead of turning an email off.
"""

from dataclasses import dataclass

from civic import hooks as civic


@dataclass(frozen=True)
class NotificationKind:
    name: str
    # The `Profile` boolean that must be True for the email to go; None = always sent.
    preference: str | None


def kinds_all() -> dict[str, NotificationKind]:
    """Every declared kind, by name."""
    return {kind.name: kind for kind in civic.flattened(civic.NOTIFICATION_KINDS)}
