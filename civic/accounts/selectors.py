"""Reads about accounts and districts."""

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet, Sum

from .models import District, User


def district_list() -> QuerySet[District]:
    """Every district, by name (for form choices and public lists)."""
    return District.objects.order_by("name")


def district_population_total() -> int:
    """The city's population: the sum of its districts' populations (0 when none)."""
    return District.objects.aggregate(total=Sum("population"))["total"] or 0


def user_has_totp(user: User) -> bool:
    """Whether `user` protects their account with an authenticator app (TOTP)."""
    from allauth.mfa.models import Authenticator

    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_has_verified_email(user) -> bool:
    """Whether `user` is signed in and has confirmed at least one email address (allauth):
    what submitting an idea or a project, supporting, commenting and voting online ask."""
    from allauth.account.models import EmailAddress

    if user is None or not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def user_can_access_admin(user: User) -> bool:
    """Whether `user`'s roles let them into the Wagtail admin."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def admin_user_ids() -> frozenset[int]:
    """The ids of the active accounts that may open the Wagtail admin, in one query: the
    superusers and whoever holds `wagtailadmin.access_admin` directly or through a group
    (Django's `ModelBackend` rule, which `user_can_access_admin` asks per person)."""
    access = Q(codename="access_admin", content_type__app_label="wagtailadmin")
    permission = Permission.objects.filter(access).values("pk")
    rule = Q(is_superuser=True) | Q(user_permissions__in=permission)
    rule |= Q(groups__permissions__in=permission)
    return frozenset(
        User.objects.filter(rule, is_active=True).values_list("pk", flat=True).distinct()
    )


def user_is_privileged(user: User) -> bool:
    """Users whose role gives access to other people's data or to publishing: the DOMAIN asks
    strong authentication for them."""
    return user.is_authenticated and (user.is_superuser or user_can_access_admin(user))
