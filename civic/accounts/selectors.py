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


CITIZEN_SEARCH_LIMIT = 20


def citizen_search(*, query: str) -> list[User]:
    """The active accounts matching `query`, for an agent (budget counter, consultations' paper
    desk) to pick the person in front of them.

    An address (with "@") matches one account's email exactly (case-insensitive); otherwise
    every word must appear in the first name, last name or public name (citizens registered
    at the counter have no email). At most `CITIZEN_SEARCH_LIMIT`, by last and first name.
    """
    query = (query or "").strip()
    users = User.objects.filter(is_active=True).select_related("profile__district")
    if not query:
        return []
    if "@" in query:
        return list(users.filter(email__iexact=query)[:1])
    for word in query.split()[:5]:
        users = users.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(profile__display_name__icontains=word)
        )
    return list(users.order_by("last_name", "first_name", "pk")[:CITIZEN_SEARCH_LIMIT])


def citizen_get(*, pk: int) -> User | None:
    """The active account `pk` with its profile, or None."""
    return User.objects.filter(pk=pk, is_active=True).select_related("profile__district").first()
