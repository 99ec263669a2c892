"""Sign-ins, failed sign-ins and strong-authentication changes in the audit log.

Connected in `AccountsConfig.ready()`. An entry is logged on the account concerned (visible
to administrators only: Wagtail shows log entries of users to who may edit users), with the
client's IP address in `data`; never a password. A failed sign-in for an address that has no
account is logged without the address (it may be someone else's, mistyped).
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from civic.audit import audit_log, audit_log_unattached

LOGIN = "accounts.user.login"
LOGIN_FAILED = "accounts.user.login_failed"
MFA_ADDED = "accounts.user.mfa_add"
MFA_REMOVED = "accounts.user.mfa_remove"


def client_ip(request) -> str:
    if request is None:
        return ""
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def on_user_logged_in(sender, request, user, **kwargs):
    audit_log(actor=user, action=LOGIN, instance=user, data={"ip": client_ip(request)})


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    identifier = credentials.get("email") or credentials.get("username") or ""
    user = None
    if isinstance(identifier, str) and identifier.strip() and "\x00" not in identifier:
        user = get_user_model()._default_manager.filter(email__iexact=identifier.strip()).first()
    data = {"ip": client_ip(request)}
    if user is not None:
        audit_log(actor=None, action=LOGIN_FAILED, instance=user, data=data)
    else:
        audit_log_unattached(
            action=LOGIN_FAILED,
            model=get_user_model(),
            label=gettext("Compte inconnu"),
            data={**data, "unknown_account": True},
        )


def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    audit_log(
        actor=user,
        action=MFA_ADDED,
        instance=user,
        data={"type": str(authenticator.type), "ip": client_ip(request)},
    )


def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    audit_log(
        actor=request.user if request is not None else user,
        action=MFA_REMOVED,
        instance=user,
        data={"type": str(authenticator.type), "ip": client_ip(request)},
    )


def connect() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals as auth_signals

    auth_signals.user_logged_in.connect(on_user_logged_in, dispatch_uid="civic_audit_login")
    auth_signals.user_login_failed.connect(
        on_user_login_failed, dispatch_uid="civic_audit_login_failed"
    )
    mfa_signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="civic_mfa_add")
    mfa_signals.authenticator_removed.connect(
        on_authenticator_removed, dispatch_uid="civic_mfa_remove"
    )
