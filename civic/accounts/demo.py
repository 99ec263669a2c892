"""Ingeville's districts and people, for `manage.py seed_demo`. Idempotent.

40,000 inhabitants in six districts, each with its own age pyramid; one account per role
(printed by `seed_demo`), and citizens spread over the districts and age brackets that the
other modules' demos use as authors and voters (`demo_citizens()`).
"""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.utils.text import slugify

from . import roles, services
from .models import AgeBracket, District, DistrictAgeBracket, Language, Profile, User

DEMO_PASSWORD = "demo-ingeville-2027"  # Demo only: printed on screen by `make run`.

# (role label, email, password): printed by `seed_demo`.
DEMO_ACCOUNTS = [
    ("Administrateur", "admin@ingeville.fr", DEMO_PASSWORD),
    ("Élu", "elu@ingeville.fr", DEMO_PASSWORD),
    ("Agent", "agent@ingeville.fr", DEMO_PASSWORD),
    ("Modérateur", "moderateur@ingeville.fr", DEMO_PASSWORD),
    ("Citoyen", "citoyen@ingeville.fr", DEMO_PASSWORD),
]

# email: (role group, display name, district name, age bracket)
_ROLE_ACCOUNTS = {
    "admin@ingeville.fr": (roles.ADMINISTRATORS, "Administration Ingeville", None, ""),
    "elu@ingeville.fr": (roles.ELECTED, "Claire Dubois, adjointe", "Centre-Ville", "45-59"),
    "agent@ingeville.fr": (roles.STAFF, "Service participation", None, ""),
    "moderateur@ingeville.fr": (roles.MODERATORS, "Équipe de modération", None, ""),
    "citoyen@ingeville.fr": (roles.CITIZENS, "Camille L.", "Les Prés", "30-44"),
}

CITIZEN_EMAIL_DOMAIN = "habitants.ingeville.fr"
CITIZEN_COUNT = {"small": 60, "large": 2000}

_BRACKETS = AgeBracket.values  # 0-10, 11-15, 16-17, 18-29, 30-44, 45-59, 60-74, 75+

# Population and age-pyramid weights (per mille, one per bracket) of each district: a
# student and young-worker centre, family suburbs, an ageing seaside district...
DISTRICTS = [
    (
        "Centre-Ville",
        9200,
        [95, 45, 20, 230, 215, 170, 140, 85],
        "Le cœur historique : mairie, marché couvert, commerces et logements étudiants.",
    ),
    (
        "Les Prés",
        7400,
        [165, 85, 30, 105, 235, 190, 125, 65],
        "Quartier pavillonnaire et familial, groupe scolaire et parc des Prés.",
    ),
    (
        "La Gare",
        6100,
        [120, 55, 25, 210, 240, 165, 120, 65],
        "Autour de la gare : logements récents, bureaux et pôle d'échanges.",
    ),
    (
        "Bel-Air",
        5800,
        [85, 45, 20, 90, 150, 205, 235, 170],
        "Résidences calmes sur les coteaux, foyer-logement et maison de santé.",
    ),
    (
        "Le Port",
        4900,
        [90, 50, 20, 120, 165, 200, 210, 145],
        "Ancien port de pêche : quais, halle aux poissons, activités nautiques.",
    ),
    (
        "Les Hauts de Ville",
        6600,
        [175, 90, 35, 140, 215, 175, 110, 60],
        "Quartier populaire en renouvellement urbain : collège, centre social, stade.",
    ),
]

_FIRST_NAMES = [
    "Camille", "Lucas", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Louis", "Inès", "Jules",
    "Sarah", "Gabriel", "Emma", "Yanis", "Jade", "Mathis", "Zoé", "Karim", "Lina", "Théo",
    "Aïcha", "Paul", "Nora", "Antoine", "Rose", "Malik", "Julie", "Marc", "Fatou", "Pierre",
]  # fmt: skip
_PSEUDONYMS = [
    "Jardinier du Port", "Cycliste des Prés", "Voisine de la Gare", "Bel-Airois", "Marcheuse",
    "Parent d'élève", "Habitant des Hauts", "Lectrice assidue", "Rameur du dimanche",
]  # fmt: skip

# Who participates: mostly adults, a few teenagers (16-17 may vote in some campaigns). The
# demo's participation is uneven on purpose, as it is in real towns, so that the analytics
# dashboard shows what it is for: the 18-29 take little part (6 % of the participants for
# about 15 % of the inhabitants)...
_PARTICIPANT_BRACKETS = ["16-17", "18-29", "30-44", "45-59", "60-74", "75+"]
_PARTICIPANT_WEIGHTS = [3, 6, 32, 29, 21, 9]
# ...and neither does Les Hauts de Ville (a third of what its population would give).
PARTICIPATION_FACTORS = {"Les Hauts de Ville": 0.33}


def participation_weights(districts: list[District]) -> list[float]:
    """How likely a demo participant lives in each district: its population, lowered where
    the demo's participation is low on purpose (`PARTICIPATION_FACTORS`)."""
    return [d.population * PARTICIPATION_FACTORS.get(d.name, 1) for d in districts]


def age_pyramid(population: int, weights: list[int]) -> dict[str, int]:
    """Split `population` over the age brackets in proportion to `weights`, summing exactly
    to `population` (largest remainders get the leftover people)."""
    total_weight = sum(weights)
    shares = [population * w / total_weight for w in weights]
    counts = [int(s) for s in shares]
    leftover = population - sum(counts)
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in by_remainder[:leftover]:
        counts[i] += 1
    return dict(zip(_BRACKETS, counts, strict=True))


def demo_citizens() -> QuerySet[User]:
    """The demo's ordinary citizens (not the role accounts), in a stable order."""
    return User.objects.filter(email__endswith=f"@{CITIZEN_EMAIL_DOMAIN}").order_by("email")


def seed(*, stdout, size: str = "small") -> None:
    districts = _seed_districts()
    stdout.write(f"  {len(districts)} quartiers, {sum(d.population for d in districts)} habitants")
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    _seed_role_accounts(districts, password_hash)
    created = _seed_citizens(districts, password_hash, CITIZEN_COUNT.get(size, 60))
    stdout.write(f"  {len(_ROLE_ACCOUNTS)} comptes de rôle, {created} citoyens créés")


def _seed_districts() -> list[District]:
    districts = []
    for name, population, weights, description in DISTRICTS:
        district = District.objects.filter(slug=slugify(name)).first() or District(
            slug=slugify(name)
        )
        pyramid = age_pyramid(population, weights)
        unchanged = (
            district.pk
            and district.population == population
            and dict(
                DistrictAgeBracket.objects.filter(district=district).values_list(
                    "bracket", "population"
                )
            )
            == pyramid
        )
        if not unchanged:
            district.name = name
            district.population = population
            district.description = description
            services.district_save(actor=None, district=district, age_pyramid=pyramid)
        districts.append(district)
    return districts


def _seed_role_accounts(districts: list[District], password_hash: str) -> None:
    by_name = {d.name: d for d in districts}
    for email, (role, display_name, district_name, age_bracket) in _ROLE_ACCOUNTS.items():
        is_admin = role == roles.ADMINISTRATORS
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"password": password_hash, "is_staff": is_admin, "is_superuser": is_admin},
        )
        services.user_join_role(user=user, role=role)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not Profile.objects.filter(user=user).exists():
            Profile.objects.create(
                user=user,
                display_name=display_name,
                district=by_name.get(district_name),
                age_bracket=age_bracket,
            )


def _seed_citizens(districts: list[District], password_hash: str, count: int) -> int:
    """Create the missing demo citizens (bulk); returns how many were created."""
    emails = [f"habitant-{n:04d}@{CITIZEN_EMAIL_DOMAIN}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [(n, email) for n, email in enumerate(emails, start=1) if email not in existing]
    if not missing:
        return 0
    rng = random.Random(2027)
    User.objects.bulk_create([User(email=email, password=password_hash) for _n, email in missing])
    users = list(User.objects.filter(email__in=[e for _n, e in missing]).order_by("email"))
    citizens = Group.objects.get(name=roles.CITIZENS)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=citizens.pk) for u in users]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    weights = participation_weights(districts)
    profiles = []
    for user in users:
        number = int(user.email.split("-")[1].split("@")[0])
        if number % 7 == 0:
            display_name = f"{_PSEUDONYMS[number % len(_PSEUDONYMS)]} {number}"
        else:
            first = _FIRST_NAMES[number % len(_FIRST_NAMES)]
            display_name = f"{first} {chr(ord('A') + (number * 7) % 26)}."
        profiles.append(
            Profile(
                user=user,
                display_name=display_name,
                # Every tenth citizen chose not to give a district or an age bracket.
                district=None if number % 10 == 0 else rng.choices(districts, weights)[0],
                age_bracket=""
                if number % 10 == 5
                else rng.choices(_PARTICIPANT_BRACKETS, _PARTICIPANT_WEIGHTS)[0],
                language=Language.ENGLISH if number % 25 == 0 else Language.FRENCH,
            )
        )
    Profile.objects.bulk_create(profiles)
    return len(users)
