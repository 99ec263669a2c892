"""State changes of accounts: profiles, role membership, districts."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civic.audit import audit_log

from . import roles
from .models import District, DistrictAgeBracket, Language, Profile, User

PROFILE_FIELDS = (
    "display_name",
    "district",
    "age_bracket",
    "language",
    "notify_status_changes",
    "notify_comments",
    "notify_followed",
)


def _language_for(code: str | None) -> str:
    code = (code or "").split("-")[0].lower()
    return code if code in Language.values else Language.FRENCH


@transaction.atomic
def profile_create(
    *,
    user: User,
    display_name: str,
    district: District | None = None,
    age_bracket: str = "",
    language: str | None = None,
) -> Profile:
    """Create the profile of a newly signed-up citizen and put them in the Citoyens group.

    Guarantees: the profile is valid (`full_clean`), the user is a member of Citoyens, and the
    creation is in the audit log; all or nothing.
    """
    profile = Profile(
        user=user,
        display_name=display_name.strip(),
        district=district,
        age_bracket=age_bracket or "",
        language=_language_for(language),
    )
    profile.full_clean()
    profile.save()
    user_join_role(user=user, role=roles.CITIZENS)
    audit_log(
        actor=user,
        action="accounts.profile.create",
        instance=profile,
        data={"district": district.pk if district else None, "age_bracket": age_bracket},
    )
    return profile


@transaction.atomic
def profile_get_or_create(*, user: User) -> Profile:
    """The user's profile, created empty if they have none (superusers made on the command line,
    accounts made in the admin). Idempotent and safe under concurrent requests."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(*, actor: User, profile: Profile, **changes) -> Profile:
    """Change what a citizen tells the city about themself.

    Only the owner may change their profile. Guarantees: only the fields in `PROFILE_FIELDS`
    change, the result is valid, and the audit log records which fields changed (not their
    values: the log is not a second copy of personal data).
    """
    if actor.pk != profile.user_id:
        raise PermissionDenied("Only its owner can change a profile.")
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    # Compare with what is stored (the caller's instance may already hold the new values).
    stored = Profile.objects.select_for_update().get(pk=profile.pk)
    if isinstance(changes.get("display_name"), str):
        changes["display_name"] = changes["display_name"].strip()
    changed = [name for name, value in changes.items() if getattr(stored, name) != value]
    if not changed:
        return stored
    for name in changed:
        setattr(stored, name, changes[name])
    stored.full_clean()
    stored.save()
    profile = stored
    audit_log(
        actor=actor,
        action="accounts.profile.update",
        instance=profile,
        data={"fields": sorted(changed)},
    )
    return profile


def user_join_role(*, user: User, role: str) -> None:
    """Put `user` in the group of `role` (one of `roles.ALL_ROLES`). Idempotent."""
    if role not in roles.ALL_ROLES:
        raise ValueError(f"Unknown role {role!r}")
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)


@transaction.atomic
def district_save(
    *, actor: User | None, district: District, age_pyramid: dict[str, int]
) -> District:
    """Save `district` with exactly the age pyramid `age_pyramid` ({bracket: population}).

    Guarantees: the pyramid sums to the population (or is empty), it is all or nothing, and
    the change is logged. `actor` None means the system (demo data, imports); a person must
    hold `accounts.change_district` (or `add_district` for a new one).
    """
    if actor is not None:
        needed = "accounts.change_district" if district.pk else "accounts.add_district"
        if not actor.has_perm(needed):
            raise PermissionDenied("Not allowed to edit districts.")
    error = district.pyramid_error(list(age_pyramid.values()))
    if error:
        raise ValidationError({"population": error})
    created = district.pk is None
    district.full_clean()
    district.save()
    DistrictAgeBracket.objects.filter(district=district).exclude(
        bracket__in=list(age_pyramid)
    ).delete()
    for bracket, population in age_pyramid.items():
        DistrictAgeBracket.objects.update_or_create(
            district=district, bracket=bracket, defaults={"population": population}
        )
    audit_log(
        actor=actor,
        action="accounts.district.create" if created else "accounts.district.update",
        instance=district,
        data={"population": district.population},
    )
    return district


# Assisted participation: what an agent does at the counter with the citizen in front of them.

ASSIST_PERMISSION = "accounts.assist_citizen"
ASSISTED_FIELDS = ("district", "age_bracket")


def _check_assist(actor) -> None:
    if not (actor and actor.is_authenticated and actor.has_perm(ASSIST_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas d'inscrire ou de compléter un profil."))


@transaction.atomic
def citizen_register_assisted(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    display_name: str = "",
    district: District | None = None,
    age_bracket: str = "",
) -> User:
    """Register, at the counter, a citizen who has no email address (assisted participation).

    The person gets a record without email and without a usable password: they cannot log
    in, an agent finds them by name at the counter. Staff with `accounts.assist_citizen`
    only. Guarantees: the user and their profile are valid (`full_clean`), the citizen is in
    Citoyens, and the registration is logged with the agent as actor (district and age
    bracket, not the name); all or nothing.
    """
    _check_assist(actor)
    first_name, last_name = first_name.strip(), last_name.strip()
    if not (first_name and last_name):
        raise ValidationError(_("Indiquez le prénom et le nom de la personne."))
    user = User(email=None, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    profile = Profile(
        user=user,
        display_name=(display_name or "").strip() or f"{first_name} {last_name[:1]}.",
        district=district,
        age_bracket=age_bracket or "",
    )
    profile.full_clean()
    profile.save()
    user_join_role(user=user, role=roles.CITIZENS)
    audit_log(
        actor=actor,
        action="accounts.profile.assisted_create",
        instance=profile,
        data={"district": district.pk if district else None, "age_bracket": age_bracket or ""},
    )
    return user


@transaction.atomic
def profile_complete_assisted(*, actor: User, user: User, **changes) -> Profile:
    """An agent completes, with the citizen present, their district or age bracket.

    Staff with `accounts.assist_citizen` only; only `ASSISTED_FIELDS` can change, and only
    from empty (what the citizen told the city themself is theirs to change, in their
    profile). Guarantees: valid result, one transaction, and the audit log records each
    changed field before and after.
    """
    _check_assist(actor)
    unknown = set(changes) - set(ASSISTED_FIELDS)
    if unknown:
        raise ValueError(f"Not assisted fields: {sorted(unknown)}")
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    before, after = {}, {}
    for name, value in changes.items():
        current = getattr(profile, name)
        if value in (None, "") or value == current:
            continue
        if current not in (None, ""):
            raise ValidationError(
                {name: _("Déjà renseigné : seule la personne peut le modifier (Mon espace).")}
            )
        before[name] = _audit_value(current)
        after[name] = _audit_value(value)
        setattr(profile, name, value)
    if not after:
        return profile
    profile.full_clean()
    profile.save()
    audit_log(
        actor=actor,
        action="accounts.profile.assisted_update",
        instance=profile,
        data={"before": before, "after": after},
    )
    return profile


def _audit_value(value):
    if isinstance(value, District):
        return {"id": value.pk, "name": value.name}
    return value
