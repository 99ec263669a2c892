"""Ingeville's facilities guide for `manage.py seed_demo`: about sixty places with real,
varied opening hours (the town hall, libraries, the pool and its summer hours, the waste
centre, eight pharmacies and their duty rota, parks...), fifteen upcoming events and one
active alert.

Idempotent: categories, facilities and events are found by slug, the rota and the alert are
created only when there is none, so a second run changes nothing.
"""

import datetime
import math

from django.utils import timezone
from django.utils.text import slugify

from .guide_models import (
    Alert,
    Event,
    EventCategory,
    Facility,
    FacilityCategory,
    PharmacyDuty,
)
from .opening_hours import PARIS

CENTER = (47.08, 2.40)

CATEGORIES = [
    # name, slug, icon, is_pharmacy
    ("Mairie et services municipaux", "mairie", "mairie", False),
    ("Bibliothèques", "bibliotheques", "bibliotheque", False),
    ("Piscines", "piscines", "piscine", False),
    ("Sport", "sport", "sport", False),
    ("Parcs et jardins", "parcs", "parc", False),
    ("Déchèterie et propreté", "dechets", "dechets", False),
    ("Pharmacies", "pharmacies", "pharmacie", True),
    ("Santé", "sante", "sante", False),
    ("Petite enfance et écoles", "enfance", "ecole", False),
    ("Culture", "culture", "culture", False),
    ("Social et associations", "social", "social", False),
]

TOWN_HALL = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"
PHARMACY = "Mo-Fr 09:00-12:30,14:00-19:30; Sa 09:00-12:30,14:00-19:00; PH off"
PARK = "Apr-Sep 07:00-21:30; Oct-Mar 08:00-18:00"
NURSERY = "Mo-Fr 07:30-18:30; PH off"
SCHOOL = "Mo,Tu,Th,Fr 08:20-11:50,13:30-16:30; PH off"
GYM = "Mo-Fr 08:00-22:00; Sa 09:00-20:00; PH off"

# name, category slug, hours, address, accessibility (wheelchair, loop, toilets, parking)
FACILITIES = [
    ("Hôtel de ville", "mairie", TOWN_HALL, "1 place de la Mairie", (1, 1, 1, 1)),
    (
        "Mairie annexe des Tilleuls",
        "mairie",
        "Tu-Fr 09:00-12:00,14:00-17:00; PH off",
        "12 rue des Tilleuls",
        (1, 0, 1, 0),
    ),
    (
        "Mairie annexe du Port",
        "mairie",
        "Mo,We,Fr 09:00-12:00; Th 14:00-18:30; PH off",
        "3 quai du Port",
        (1, 1, 0, 0),
    ),
    (
        "Service état civil",
        "mairie",
        "Mo-Fr 08:30-17:00; Sa 09:00-12:00; PH off",
        "1 place de la Mairie",
        (1, 1, 1, 1),
    ),
    ("Police municipale", "mairie", "Mo-Sa 08:00-19:00; PH off", "8 rue Gambetta", (1, 0, 0, 1)),
    (
        "Maison France services",
        "mairie",
        "Mo-Fr 09:00-12:30,13:30-17:00; PH off",
        "25 avenue Jean-Jaurès",
        (1, 1, 1, 1),
    ),
    (
        "Médiathèque Jules-Verne",
        "bibliotheques",
        "Tu,Th,Fr 13:00-18:30; We,Sa 10:00-18:00; Su 14:00-17:00; Jul-Aug Su off; PH off",
        "5 rue des Écoles",
        (1, 1, 1, 1),
    ),
    (
        "Bibliothèque des Tilleuls",
        "bibliotheques",
        "We 10:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off",
        "14 rue des Tilleuls",
        (1, 0, 0, 0),
    ),
    (
        "Bibliothèque du Port",
        "bibliotheques",
        "Tu,Fr 15:00-18:00; Sa 10:00-12:30; PH off",
        "5 quai du Port",
        (0, 0, 0, 0),
    ),
    ("Ludothèque", "bibliotheques", "We,Sa 14:00-18:00; PH off", "2 rue Voltaire", (1, 0, 1, 0)),
    (
        "Centre aquatique des Ondines",
        "piscines",
        "Mo-Fr 12:00-13:45,17:00-20:00; Sa 14:00-18:00; Su 09:00-12:30; "
        "Jul-Aug Mo-Su 10:00-19:30; PH off",
        "40 avenue du Stade",
        (1, 1, 1, 1),
    ),
    (
        "Piscine d'été de la Plage",
        "piscines",
        "Jul-Aug 11:00-19:00; Jan-Jun,Sep-Dec off",
        "Chemin de la Plage",
        (1, 0, 1, 1),
    ),
    ("Gymnase Pierre-de-Coubertin", "sport", GYM, "42 avenue du Stade", (1, 0, 1, 1)),
    ("Gymnase des Tilleuls", "sport", GYM, "20 rue des Tilleuls", (1, 0, 1, 0)),
    (
        "Stade municipal",
        "sport",
        "Mo-Fr 08:00-21:00; Sa-Su 09:00-18:00",
        "44 avenue du Stade",
        (1, 0, 1, 1),
    ),
    (
        "Patinoire",
        "sport",
        "We 14:00-18:00; Fr 20:30-23:30; Sa 14:00-18:00,20:30-24:00; "
        "Su 10:00-12:00,14:00-18:00; May-Sep off",
        "2 rue de la Glace",
        (1, 0, 1, 1),
    ),
    ("Skatepark", "sport", "08:00-22:00", "Parc de la Prairie", (0, 0, 0, 0)),
    ("Tennis club municipal", "sport", "Mo-Su 08:00-22:00", "Allée des Sports", (1, 0, 1, 1)),
    ("Boulodrome couvert", "sport", "Tu-Su 09:00-19:00", "Allée des Sports", (1, 0, 1, 1)),
    (
        "Dojo municipal",
        "sport",
        "Mo-Fr 17:00-21:30; Sa 09:00-12:00; PH off",
        "6 rue Voltaire",
        (1, 0, 1, 0),
    ),
    ("Parc de la Prairie", "parcs", PARK, "Boulevard de la Prairie", (1, 0, 1, 1)),
    (
        "Jardin des Plantes",
        "parcs",
        "Apr-Sep 08:00-20:00; Oct-Mar 08:30-17:30",
        "Rue Buffon",
        (1, 0, 1, 0),
    ),
    ("Square Victor-Hugo", "parcs", PARK, "Place Victor-Hugo", (1, 0, 0, 0)),
    ("Parc du Château", "parcs", PARK, "Rue du Château", (0, 0, 1, 1)),
    ("Jardins familiaux", "parcs", "Mo-Su 08:00-20:00", "Chemin des Jardins", (0, 0, 0, 0)),
    ("Promenade des berges", "parcs", "24/7", "Quai du Port", (1, 0, 0, 0)),
    (
        "Déchèterie des Grands-Champs",
        "dechets",
        "Mo,We-Sa 09:00-12:00,14:00-18:00; Su 09:00-12:00; "
        "Nov-Feb Mo,We-Sa 09:00-12:00,14:00-17:00; PH off",
        "Zone des Grands-Champs",
        (1, 0, 0, 1),
    ),
    (
        "Ressourcerie",
        "dechets",
        "We-Sa 10:00-18:00; PH off",
        "Zone des Grands-Champs",
        (1, 0, 1, 1),
    ),
    ("Pharmacie de la Mairie", "pharmacies", PHARMACY, "3 place de la République", (1, 0, 0, 0)),
    ("Pharmacie des Tilleuls", "pharmacies", PHARMACY, "16 rue des Tilleuls", (1, 0, 0, 1)),
    (
        "Pharmacie du Port",
        "pharmacies",
        "Mo-Sa 08:30-20:00; PH off",
        "7 quai du Port",
        (1, 0, 0, 0),
    ),
    (
        "Pharmacie de la Gare",
        "pharmacies",
        "Mo-Fr 08:00-20:00; Sa 09:00-19:00; PH off",
        "1 avenue de la Gare",
        (1, 0, 0, 0),
    ),
    ("Pharmacie Centrale", "pharmacies", PHARMACY, "18 rue Gambetta", (0, 0, 0, 0)),
    (
        "Pharmacie du Stade",
        "pharmacies",
        "Mo-Fr 09:00-19:30; Sa 09:00-12:30; PH off",
        "38 avenue du Stade",
        (1, 0, 0, 1),
    ),
    ("Pharmacie des Écoles", "pharmacies", PHARMACY, "9 rue des Écoles", (1, 0, 0, 0)),
    (
        "Pharmacie du Château",
        "pharmacies",
        "Mo 14:00-19:30; Tu-Sa 09:00-12:30,14:00-19:30; PH off",
        "4 rue du Château",
        (0, 0, 0, 0),
    ),
    (
        "Centre municipal de santé",
        "sante",
        "Mo-Fr 08:00-19:00; Sa 08:00-12:00; PH off",
        "30 avenue Jean-Jaurès",
        (1, 1, 1, 1),
    ),
    (
        "Maison médicale de garde",
        "sante",
        "Mo-Fr 20:00-24:00; Sa 12:00-24:00; Su,PH 08:00-24:00",
        "30 avenue Jean-Jaurès",
        (1, 1, 1, 1),
    ),
    (
        "Centre de vaccination",
        "sante",
        "We 13:30-17:00; Sa 09:00-12:00; PH off",
        "30 avenue Jean-Jaurès",
        (1, 0, 1, 1),
    ),
    ("Crèche Les Lutins", "enfance", NURSERY, "10 rue des Écoles", (1, 0, 1, 0)),
    ("Crèche Arc-en-ciel", "enfance", NURSERY, "22 rue des Tilleuls", (1, 0, 1, 0)),
    (
        "Relais petite enfance",
        "enfance",
        "Mo,Tu,Th 09:00-12:00,13:30-17:00; PH off",
        "10 rue des Écoles",
        (1, 0, 1, 0),
    ),
    ("École Jules-Ferry", "enfance", SCHOOL, "12 rue des Écoles", (1, 0, 1, 0)),
    ("École du Port", "enfance", SCHOOL, "9 quai du Port", (0, 0, 0, 0)),
    ("École des Tilleuls", "enfance", SCHOOL, "24 rue des Tilleuls", (1, 0, 1, 0)),
    (
        "Accueil de loisirs",
        "enfance",
        "We 07:30-18:30; Jul-Aug Mo-Fr 07:30-18:30; PH off",
        "26 rue des Tilleuls",
        (1, 0, 1, 0),
    ),
    ("Théâtre municipal", "culture", "Tu-Sa 14:00-18:30", "2 place du Théâtre", (1, 1, 1, 1)),
    (
        "Cinéma Le Palace",
        "culture",
        "Mo-Th 13:30-23:30; Fr-Sa 13:30-01:00; Su 13:30-22:00",
        "15 rue Gambetta",
        (1, 1, 1, 0),
    ),
    (
        "Musée d'histoire locale",
        "culture",
        "We-Su 10:00-12:30,14:00-18:00; Jan off",
        "Rue du Château",
        (0, 1, 0, 0),
    ),
    (
        "Conservatoire de musique",
        "culture",
        "Mo-Fr 14:00-20:30; Sa 09:00-17:00; PH off",
        "7 rue Voltaire",
        (1, 0, 1, 0),
    ),
    ("Salle des fêtes", "culture", "", "Place du Marché", (1, 0, 1, 1)),
    (
        "Archives municipales",
        "culture",
        "Tu,Th 09:00-12:00,13:30-17:00; PH off",
        "1 place de la République",
        (1, 0, 1, 1),
    ),
    (
        "Centre communal d'action sociale",
        "social",
        "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "3 rue de la Solidarité",
        (1, 1, 1, 1),
    ),
    (
        "Maison des associations",
        "social",
        "Mo-Fr 09:00-12:00,14:00-22:00; Sa 09:00-18:00; PH off",
        "11 rue Voltaire",
        (1, 1, 1, 1),
    ),
    (
        "Centre social des Tilleuls",
        "social",
        "Mo-Fr 09:00-12:00,13:30-18:30; PH off",
        "28 rue des Tilleuls",
        (1, 0, 1, 0),
    ),
    (
        "Épicerie solidaire",
        "social",
        "Tu,Th 14:00-18:00; Sa 09:30-12:00; PH off",
        "5 rue de la Solidarité",
        (1, 0, 0, 0),
    ),
    (
        "Espace jeunes",
        "social",
        "Tu-Fr 16:00-19:00; We 13:30-19:00; Fr 16:00-23:00; Sa 14:00-19:00; PH off",
        "9 rue Voltaire",
        (1, 0, 1, 0),
    ),
    (
        "Point information jeunesse",
        "social",
        "Mo-Fr 13:30-18:00; PH off",
        "9 rue Voltaire",
        (1, 0, 1, 0),
    ),
    (
        "Office de tourisme",
        "mairie",
        "Mo-Sa 09:30-12:30,14:00-18:00; Jul-Aug Mo-Su 09:30-19:00",
        "2 place du Marché",
        (1, 1, 1, 0),
    ),
    (
        "Marché couvert",
        "mairie",
        "Tu-Sa 07:00-13:00; Su 07:00-13:30",
        "Place du Marché",
        (1, 0, 1, 1),
    ),
]

EVENT_CATEGORIES = [
    ("Culture", "culture"),
    ("Sport", "sport"),
    ("Vie citoyenne", "citoyennete"),
    ("Environnement", "environnement"),
    ("Jeunesse", "jeunesse"),
]

# title, category, facility name or None, address, days from today, start hour, hours long
EVENTS = [
    ("Conseil municipal", "citoyennete", "Hôtel de ville", "", 3, 19, 3),
    ("Concert de l'harmonie municipale", "culture", "Théâtre municipal", "", 5, 20, 2),
    ("Heure du conte", "culture", "Médiathèque Jules-Verne", "", 2, 10, 1),
    ("Marché de producteurs", "environnement", "Marché couvert", "", 6, 8, 5),
    ("Tournoi de basket des quartiers", "sport", "Gymnase Pierre-de-Coubertin", "", 7, 14, 5),
    ("Atelier compostage", "environnement", "Jardins familiaux", "", 9, 10, 2),
    (
        "Réunion publique : budget participatif",
        "citoyennete",
        "Maison des associations",
        "",
        10,
        18,
        2,
    ),
    ("Ciné-débat « Nos rivières »", "culture", "Cinéma Le Palace", "", 12, 20, 2),
    ("Fête de quartier des Tilleuls", "jeunesse", None, "Place des Tilleuls", 14, 14, 6),
    ("Course des berges", "sport", None, "Départ quai du Port", 16, 9, 3),
    ("Exposition « Ingeville d'hier »", "culture", "Musée d'histoire locale", "", 18, 10, 8),
    ("Forum des associations", "citoyennete", "Salle des fêtes", "", 21, 10, 7),
    ("Nettoyage citoyen des berges", "environnement", None, "Quai du Port", 23, 9, 3),
    ("Après-midi jeux en famille", "jeunesse", "Ludothèque", "", 25, 14, 4),
    ("Bal populaire", "culture", None, "Place du Marché", 28, 21, 4),
]

LARGE_EXTRA_FACILITIES = 900


def _point(index: int) -> tuple[float, float]:
    """A spread of points around the city centre (a spiral, deterministic)."""
    angle = index * 2.399963  # golden angle: no two places on top of each other
    radius = 0.0025 * math.sqrt(index + 1)
    return (
        round(CENTER[0] + radius * math.sin(angle), 6),
        round(CENTER[1] + radius * 1.5 * math.cos(angle), 6),
    )


def seed(*, stdout, size="small"):
    categories = {}
    for name, slug, icon, is_pharmacy in CATEGORIES:
        categories[slug], _ = FacilityCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "is_pharmacy": is_pharmacy}
        )
    created = 0
    facilities = {}
    for index, (name, category, hours, address, access) in enumerate(FACILITIES):
        lat, lon = _point(index)
        facility, was_created = Facility.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "category": categories[category],
                "opening_hours": hours,
                "address": address,
                "postcode": "95999",
                "city": "Ingeville",
                "latitude": lat,
                "longitude": lon,
                "phone": f"02 48 00 {index // 10 + 10:02d} {index % 100:02d}",
                "email": f"{slugify(name)[:40]}@ingeville.fr" if category != "pharmacies" else "",
                "website": "https://www.ingeville.fr/" if category == "mairie" else "",
                "description": f"{name}, {address} à Ingeville.",
                "wheelchair_access": bool(access[0]),
                "hearing_loop": bool(access[1]),
                "accessible_toilets": bool(access[2]),
                "accessible_parking": bool(access[3]),
                "external_id": f"ingeville-{index + 1:03d}",
            },
        )
        facilities[name] = facility
        created += was_created
    if size == "large":
        created += _large_facilities(categories["dechets"])
    stdout.write(f"  {created} équipements créés")
    _rota(facilities, stdout)
    _events(facilities, stdout)
    _alert(stdout)


def _large_facilities(category) -> int:
    existing = set(
        Facility.objects.filter(slug__startswith="point-apport-").values_list("slug", flat=True)
    )
    rows = []
    for index in range(LARGE_EXTRA_FACILITIES):
        slug = f"point-apport-{index + 1:04d}"
        if slug in existing:
            continue
        lat, lon = _point(len(FACILITIES) + index)
        rows.append(
            Facility(
                name=f"Point d'apport volontaire n° {index + 1}",
                slug=slug,
                category=category,
                opening_hours="Mo-Sa 07:00-21:00",
                latitude=lat,
                longitude=lon,
                city="Ingeville",
            )
        )
    Facility.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _rota(facilities, stdout):
    """Week-long turns from Monday 9:00 to the next Monday 9:00, from last week on."""
    if PharmacyDuty.objects.exists():
        return
    pharmacies = [f for f in facilities.values() if f.category.is_pharmacy]
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    turns = []
    for week in range(12):
        start = datetime.datetime.combine(
            monday + datetime.timedelta(weeks=week), datetime.time(9), tzinfo=PARIS
        )
        turns.append(
            PharmacyDuty(
                pharmacy=pharmacies[week % len(pharmacies)],
                starts_at=start,
                ends_at=start + datetime.timedelta(weeks=1),
                note="Hors des heures d'ouverture, sonnez ; une ordonnance peut être demandée.",
            )
        )
    PharmacyDuty.objects.bulk_create(turns)
    stdout.write(f"  {len(turns)} gardes de pharmacie créées")


def _events(facilities, stdout):
    categories = {}
    for name, slug in EVENT_CATEGORIES:
        categories[slug], _ = EventCategory.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
    today = timezone.localdate()
    created = 0
    for index, (title, category, place, address, days, hour, length) in enumerate(EVENTS):
        start = datetime.datetime.combine(
            today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=PARIS
        )
        lat, lon = _point(200 + index) if place is None else (None, None)
        _, was_created = Event.objects.get_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "category": categories[category],
                "facility": facilities.get(place) if place else None,
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=length),
                "organiser": "Ville d'Ingeville"
                if index % 3
                else "Association Ingeville Animation",
                "description": f"{title} : entrée libre, ouvert à tous.",
                "link": "https://www.ingeville.fr/agenda" if index % 4 == 0 else "",
            },
        )
        created += was_created
    stdout.write(f"  {created} événements créés")


def _alert(stdout):
    if Alert.objects.exists():
        return
    now = timezone.now()
    Alert.objects.create(
        title="Vigilance canicule",
        text=(
            "Fortes chaleurs attendues : buvez régulièrement, prenez des nouvelles de vos "
            "proches isolés. Le CCAS tient un registre des personnes fragiles."
        ),
        level=Alert.Level.WARNING,
        link="https://www.ingeville.fr/canicule",
        link_label="Les gestes et les lieux rafraîchis",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(days=4),
    )
    stdout.write("  1 alerte créée")
