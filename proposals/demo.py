# ruff: noqa: E501 (the demo texts read better unwrapped)
"""Ingeville's ideas box: themes, ~40 ideas in every status, supports, comments, a flag.

Idempotent: themes are found by slug and ideas by title, so running it again changes
nothing. Rows are written directly (not through the services) so the demo sends no email;
each idea still gets its full status history.
"""

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from civic.accounts.models import District

from .models import Idea, IdeaStatusChange, Support, Theme

S = Idea.Status

THEMES = [
    ("mobilite", "Mobilité", "Vélo, marche, transports en commun, stationnement."),
    ("environnement", "Environnement", "Nature en ville, arbres, eau, énergie."),
    ("culture", "Culture", "Bibliothèques, spectacles, patrimoine, fêtes."),
    ("sport", "Sport", "Équipements sportifs, clubs, activités en plein air."),
    ("solidarite", "Solidarité", "Entraide, seniors, accès aux droits, handicap."),
    ("proprete", "Propreté", "Déchets, tri, dépôts sauvages, entretien des rues."),
    ("jeunesse", "Jeunesse", "Enfance, écoles, lieux pour les ados."),
    ("numerique", "Numérique", "Services en ligne, accès à internet, médiation."),
]

CENTRE = (Decimal("47.080000"), Decimal("2.400000"))

# title, theme slug, district name (None: whole city), status, location offset in 1e-3 degrees
# (None: not located), body, reason of the last status change, official answer.
IDEAS = [
    (
        "Une piste cyclable continue entre la gare et le centre",
        "mobilite",
        "La Gare",
        S.UNDER_STUDY,
        (12, -8),
        "Aujourd'hui la piste s'arrête au rond-point de la rue Pasteur et il faut se faufiler entre les voitures sur 400 m.\n\nUne voie séparée, même étroite, permettrait aux lycéens et aux navetteurs de venir à vélo en sécurité.",
        "Le service voirie chiffre deux tracés possibles.",
        "",
    ),
    (
        "Des arceaux vélos devant le marché couvert",
        "mobilite",
        "Centre-Ville",
        S.IMPLEMENTED,
        (2, 3),
        "Le samedi matin les vélos sont accrochés aux barrières et aux arbres. Une dizaine d'arceaux suffirait.",
        "Douze arceaux posés en mars.",
        "Douze arceaux ont été installés place du Marché le 14 mars. Merci pour cette idée simple et utile !",
    ),
    (
        "Navette gratuite le samedi vers le marché",
        "mobilite",
        None,
        S.PUBLISHED,
        None,
        "Beaucoup de personnes âgées de Bel-Air ne viennent plus au marché faute de bus le samedi matin. Une petite navette toutes les 30 minutes changerait tout.",
        "",
        "",
    ),
    (
        "Zone 30 autour du groupe scolaire des Prés",
        "mobilite",
        "Les Prés",
        S.ACCEPTED,
        (-20, 15),
        "Les voitures passent vite rue des Écoles aux heures d'entrée et de sortie. Une zone 30 avec des plateaux ralentisseurs protégerait les enfants.",
        "Retenue : travaux programmés pendant les vacances d'été.",
        "La zone 30 sera mise en place cet été, avec deux plateaux surélevés et un marquage au sol renforcé.",
    ),
    (
        "Un abri vélo sécurisé à la gare",
        "mobilite",
        "La Gare",
        S.TRANSFERRED,
        (13, -6),
        "Les vols de vélos à la gare découragent les navetteurs. Un abri fermé par badge, comme dans les villes voisines, serait très utile.",
        "L'idée devient un projet du budget participatif 2027.",
        "",
    ),
    (
        "Plus de bancs le long de la promenade du port",
        "mobilite",
        "Le Port",
        S.PUBLISHED,
        (-35, -40),
        "La promenade est très agréable mais il n'y a que trois bancs sur un kilomètre. Les personnes âgées ne peuvent pas faire une pause.",
        "",
        "",
    ),
    (
        "Planter des arbres fruitiers dans le parc des Prés",
        "environnement",
        "Les Prés",
        S.PUBLISHED,
        (-22, 18),
        "Un verger partagé : pommiers, poiriers, pruniers. Les écoles pourraient participer aux récoltes et les habitants se servir.",
        "",
        "",
    ),
    (
        "Un composteur collectif par quartier",
        "environnement",
        None,
        S.UNDER_STUDY,
        None,
        "Beaucoup d'habitants en appartement aimeraient composter mais n'ont pas de jardin. Des composteurs gérés par des bénévoles formés existent ailleurs.",
        "Étude avec le syndicat des déchets en cours.",
        "",
    ),
    (
        "Désimperméabiliser la cour de l'école Jules-Ferry",
        "environnement",
        "Les Hauts de Ville",
        S.ACCEPTED,
        (30, 25),
        "La cour est entièrement goudronnée : en juin il y fait plus de 40 °C. Une cour oasis avec de la terre, des arbres et des jeux naturels.",
        "Retenue pour 2027.",
        "Le projet de cour oasis est retenu et sera conçu avec les enfants, les enseignants et les parents à la rentrée.",
    ),
    (
        "Éteindre l'éclairage public entre 1 h et 5 h",
        "environnement",
        None,
        S.NOT_RETAINED,
        None,
        "Économies d'énergie et protection de la faune nocturne : de nombreuses communes l'ont fait sans hausse des incidents.",
        "Non retenue pour l'instant : les nouveaux lampadaires LED baissent déjà leur intensité de 70 % la nuit.",
        "",
    ),
    (
        "Des nichoirs à martinets sur les bâtiments publics",
        "environnement",
        "Centre-Ville",
        S.PUBLISHED,
        (4, -2),
        "Les martinets perdent leurs sites de nidification lors des rénovations. La LPO propose des nichoirs intégrés peu coûteux.",
        "",
        "",
    ),
    (
        "Récupérer l'eau de pluie pour arroser les massifs",
        "environnement",
        None,
        S.PUBLISHED,
        None,
        "Des cuves sous les gouttières des ateliers municipaux permettraient d'arroser les massifs l'été sans eau potable.",
        "",
        "",
    ),
    (
        "Un festival de musique sur les quais en juillet",
        "culture",
        "Le Port",
        S.PUBLISHED,
        (-33, -38),
        "Les quais sont un décor magnifique. Un week-end de concerts gratuits avec les écoles de musique et des groupes locaux.",
        "",
        "",
    ),
    (
        "Ouvrir la médiathèque le dimanche après-midi",
        "culture",
        "Centre-Ville",
        S.UNDER_STUDY,
        (1, 1),
        "C'est le seul moment où beaucoup de familles sont disponibles. Même une ouverture un dimanche sur deux serait un progrès.",
        "Étude des horaires avec les équipes de la médiathèque.",
        "",
    ),
    (
        "Des boîtes à livres dans chaque quartier",
        "culture",
        None,
        S.IMPLEMENTED,
        None,
        "On dépose un livre, on en prend un autre. C'est simple, convivial et ça fait vivre les places.",
        "Six boîtes installées.",
        "Six boîtes à livres ont été installées, une par quartier, construites par le lycée professionnel.",
    ),
    (
        "Une fresque participative sous le pont de la rocade",
        "culture",
        "Les Hauts de Ville",
        S.PUBLISHED,
        (28, 30),
        "Le passage sous le pont est sombre et tagué. Une fresque réalisée avec les jeunes du quartier et un artiste le transformerait.",
        "",
        "",
    ),
    (
        "Cinéma en plein air l'été au parc",
        "culture",
        "Les Prés",
        S.PUBLISHED,
        (-21, 17),
        "Trois soirées en août, films familiaux, chacun apporte sa couverture.",
        "",
        "",
    ),
    (
        "Un city-stade aux Hauts de Ville",
        "sport",
        "Les Hauts de Ville",
        S.ACCEPTED,
        (31, 27),
        "Les jeunes jouent sur le parking du centre commercial. Un terrain multisport clôturé leur donnerait un vrai lieu.",
        "Retenue et inscrite au budget.",
        "Le city-stade sera construit au printemps à côté du collège, à l'emplacement choisi avec les jeunes du quartier.",
    ),
    (
        "Des agrès de musculation en libre accès au bord de l'étang",
        "sport",
        "Bel-Air",
        S.PUBLISHED,
        (40, -30),
        "Quelques barres et bancs pour faire du sport gratuitement, pour tous les âges.",
        "",
        "",
    ),
    (
        "Ouvrir la piscine plus tard en semaine",
        "sport",
        None,
        S.NOT_RETAINED,
        None,
        "Fermer à 19 h empêche les personnes qui travaillent d'y aller.",
        "Non retenue : le recrutement de maîtres-nageurs ne permet pas d'élargir les horaires cette année ; la question sera réexaminée en 2028.",
        "",
    ),
    (
        "Un parcours de course balisé de 5 km",
        "sport",
        None,
        S.PUBLISHED,
        None,
        "Un circuit balisé avec des panneaux tous les kilomètres, qui relie les parcs de la ville.",
        "",
        "",
    ),
    (
        "Une épicerie solidaire au centre social",
        "solidarite",
        "Les Hauts de Ville",
        S.UNDER_STUDY,
        (29, 24),
        "Beaucoup de familles et d'étudiants ont du mal à finir le mois. Une épicerie à petits prix, avec un accompagnement.",
        "Étude avec le CCAS et les associations.",
        "",
    ),
    (
        "Un service de courses pour les personnes isolées",
        "solidarite",
        "Bel-Air",
        S.PUBLISHED,
        (38, -28),
        "Des bénévoles pourraient faire les courses des personnes âgées qui ne peuvent plus se déplacer, une fois par semaine.",
        "",
        "",
    ),
    (
        "Des toilettes publiques accessibles au centre",
        "solidarite",
        "Centre-Ville",
        S.PUBLISHED,
        (3, 2),
        "Il n'y a aucune toilette publique accessible aux fauteuils dans le centre. C'est un frein pour sortir.",
        "",
        "",
    ),
    (
        "Un repas partagé intergénérationnel chaque mois",
        "solidarite",
        None,
        S.PUBLISHED,
        None,
        "Réunir seniors et jeunes autour d'un repas préparé ensemble, au foyer-logement ou au centre social.",
        "",
        "",
    ),
    (
        "Plus de poubelles de tri sur la plage",
        "proprete",
        "Le Port",
        S.IMPLEMENTED,
        (-36, -42),
        "L'été les poubelles débordent et les déchets s'envolent dans la mer.",
        "Poubelles de tri installées pour la saison.",
        "Dix points de tri ont été installés sur la plage et la collecte passe deux fois par jour en juillet-août.",
    ),
    (
        "Une application pour signaler les dépôts sauvages",
        "proprete",
        None,
        S.PUBLISHED,
        None,
        "Prendre une photo, la position, et envoyer : les services sauraient tout de suite où intervenir.",
        "",
        "",
    ),
    (
        "Des cendriers de poche distribués sur le marché",
        "proprete",
        "Centre-Ville",
        S.PUBLISHED,
        None,
        "Les mégots sont partout autour des halles. Des cendriers de poche gratuits et quelques bornes à mégots.",
        "",
        "",
    ),
    (
        "Un local pour les ados le mercredi et le samedi",
        "jeunesse",
        "La Gare",
        S.PUBLISHED,
        (11, -9),
        "Les 13-17 ans n'ont aucun lieu à eux. Un local avec un animateur, des jeux, de la musique.",
        "",
        "",
    ),
    (
        "Un conseil municipal des jeunes",
        "jeunesse",
        None,
        S.ACCEPTED,
        None,
        "Donner la parole aux collégiens et lycéens sur les projets de la ville.",
        "Retenue.",
        "Le conseil municipal des jeunes sera élu en octobre dans les collèges et lycées de la ville.",
    ),
    (
        "Des aires de jeux pour les tout-petits à Bel-Air",
        "jeunesse",
        "Bel-Air",
        S.PUBLISHED,
        (37, -31),
        "La seule aire de jeux du quartier est faite pour les plus de 6 ans.",
        "",
        "",
    ),
    (
        "Des ateliers numériques pour les seniors",
        "numerique",
        None,
        S.UNDER_STUDY,
        None,
        "Apprendre à faire ses démarches en ligne, utiliser une tablette, éviter les arnaques.",
        "Étude avec la médiathèque et le centre social.",
        "",
    ),
    (
        "Du wifi public gratuit dans les parcs",
        "numerique",
        None,
        S.NOT_RETAINED,
        None,
        "Pour travailler dehors ou permettre aux jeunes de se connecter.",
        "Non retenue : la ville privilégie des points d'accès dans les lieux accompagnés (médiathèque, centre social), où une aide est disponible.",
        "",
    ),
    (
        "Publier les menus de la cantine en données ouvertes",
        "numerique",
        None,
        S.PUBLISHED,
        None,
        "Les parents pourraient les consulter dans les applications qu'ils utilisent déjà.",
        "",
        "",
    ),
    (
        "Piste cyclable gare centre-ville",
        "mobilite",
        "La Gare",
        S.DUPLICATE,
        (12, -7),
        "Il faudrait une vraie piste cyclable entre la gare et la mairie.",
        "",
        "",
    ),
    (
        "Vendre des objets sur le site de la mairie",
        "numerique",
        None,
        S.REJECTED,
        None,
        "Je voudrais vendre mon vélo, la mairie pourrait faire une page de petites annonces.",
        "Refusée : les petites annonces entre particuliers ne relèvent pas de la boîte à idées.",
        "",
    ),
    (
        "Un marché de producteurs le mercredi soir",
        "solidarite",
        "La Gare",
        S.SUBMITTED,
        (10, -10),
        "Un petit marché de producteurs locaux à la sortie du travail, devant la gare.",
        "",
        "",
    ),
    (
        "Des fontaines à eau potable dans les parcs",
        "environnement",
        None,
        S.SUBMITTED,
        None,
        "L'été il n'y a nulle part où remplir sa gourde.",
        "",
        "",
    ),
    (
        "Un parking vélo au stade",
        "sport",
        "Les Hauts de Ville",
        S.PUBLISHED,
        (32, 29),
        "Les jours de match les vélos sont attachés partout le long du grillage.",
        "",
        "",
    ),
    (
        "Une grainothèque à la médiathèque",
        "environnement",
        "Centre-Ville",
        S.PUBLISHED,
        None,
        "Échanger des graines entre jardiniers, avec des ateliers au printemps.",
        "",
        "",
    ),
]

# Intermediate steps an idea went through to reach its status.
PATHS = {
    S.SUBMITTED: [S.SUBMITTED],
    S.REJECTED: [S.SUBMITTED, S.REJECTED],
    S.PUBLISHED: [S.SUBMITTED, S.PUBLISHED],
    S.UNDER_STUDY: [S.SUBMITTED, S.PUBLISHED, S.UNDER_STUDY],
    S.ACCEPTED: [S.SUBMITTED, S.PUBLISHED, S.UNDER_STUDY, S.ACCEPTED],
    S.NOT_RETAINED: [S.SUBMITTED, S.PUBLISHED, S.UNDER_STUDY, S.NOT_RETAINED],
    S.TRANSFERRED: [S.SUBMITTED, S.PUBLISHED, S.UNDER_STUDY, S.ACCEPTED, S.TRANSFERRED],
    S.IMPLEMENTED: [S.SUBMITTED, S.PUBLISHED, S.UNDER_STUDY, S.ACCEPTED, S.IMPLEMENTED],
    S.DUPLICATE: [S.SUBMITTED, S.PUBLISHED, S.DUPLICATE],
}

PHOTO_TITLES = {
    "Des arceaux vélos devant le marché couvert": ((11, 79, 138), (242, 165, 65)),
    "Plus de bancs le long de la promenade du port": ((11, 110, 109), (231, 240, 249)),
    "Planter des arbres fruitiers dans le parc des Prés": ((28, 107, 54), (253, 241, 225)),
    "Une fresque participative sous le pont de la rocade": ((154, 74, 7), (227, 244, 242)),
}

COMMENTS = [
    (
        "Une piste cyclable continue entre la gare et le centre",
        [
            (
                "Oui ! Je fais ce trajet tous les jours, c'est vraiment dangereux au rond-point.",
                [
                    "Pareil pour moi, surtout l'hiver quand il fait nuit à 17 h.",
                ],
            ),
            (
                "Attention à garder des places de livraison pour les commerces de la rue Pasteur.",
                [],
            ),
        ],
    ),
    (
        "Planter des arbres fruitiers dans le parc des Prés",
        [
            (
                "L'association des jardiniers des Prés serait partante pour l'entretien.",
                [
                    "Super, on pourrait aussi faire une fête de la récolte à l'automne.",
                ],
            ),
        ],
    ),
    (
        "Un local pour les ados le mercredi et le samedi",
        [
            ("Mon fils de 14 ans n'a vraiment nulle part où aller avec ses copains.", []),
            (
                "Encore un local qui fera du bruit, c'est n'importe quoi, les jeunes n'ont qu'à rester chez eux !!!",
                [],
            ),
        ],
    ),
]
FLAGGED_COMMENT = "Encore un local qui fera du bruit"


def seed(*, stdout, size: str = "small") -> None:
    themes = _seed_themes()
    created = _seed_ideas(themes)
    stdout.write(f"  Idées : {len(themes)} thèmes, {created} idées ajoutées.")


def _seed_themes() -> dict[str, Theme]:
    themes = {}
    for slug, name, description in THEMES:
        theme, _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        themes[slug] = theme
    return themes


def _demo_people():
    User = get_user_model()
    citizens = list(
        User.objects.filter(email__endswith="@habitants.ingeville.fr").order_by("email")[:60]
    )
    main_citizen = User.objects.filter(email="citoyen@ingeville.fr").first()
    moderator = User.objects.filter(email="moderateur@ingeville.fr").first()
    elected = User.objects.filter(email="elu@ingeville.fr").first()
    agent = User.objects.filter(email="agent@ingeville.fr").first()
    if main_citizen is not None:
        citizens.insert(0, main_citizen)
    if not citizens:  # accounts demo absent: one local author so the ideas box is not empty
        user, _created = User.objects.get_or_create(email="idees-demo@ingeville.fr")
        citizens = [user]
    return citizens, moderator, elected, agent


def _photo(colours) -> ContentFile:
    background, accent = colours
    image = Image.new("RGB", (960, 540), background)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.ellipse((80 + i * 140, 300 - i * 30, 260 + i * 140, 480 - i * 30), fill=accent)
    draw.rectangle((0, 470, 960, 540), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue())


def _seed_ideas(themes: dict[str, Theme]) -> int:
    existing = set(
        Idea.objects.filter(title__in=[row[0] for row in IDEAS]).values_list("title", flat=True)
    )
    if len(existing) == len(IDEAS):
        return 0
    citizens, moderator, elected, agent = _demo_people()
    districts = {d.name: d for d in District.objects.all()}
    rng = random.Random(2027)
    now = timezone.now()
    by_title = {idea.title: idea for idea in Idea.objects.filter(title__in=existing)}
    created = 0
    for index, (title, theme, district, status, offset, body, reason, answer) in enumerate(IDEAS):
        if title in existing:
            continue
        author = citizens[(index * 7) % len(citizens)]
        submitted = now - timedelta(days=90 - index * 2, hours=rng.randint(0, 12))
        idea = Idea(
            title=title,
            body=body,
            theme=themes[theme],
            district=districts.get(district) if district else None,
            author=author,
            status=status,
            channel=Idea.Channel.COUNTER if index % 11 == 5 else Idea.Channel.WEB,
            submitted_by=agent if index % 11 == 5 else None,
        )
        if offset:
            idea.latitude = CENTRE[0] + Decimal(offset[0]) / 1000
            idea.longitude = CENTRE[1] + Decimal(offset[1]) / 1000
        if status == S.DUPLICATE:
            idea.duplicate_of = by_title[IDEAS[0][0]]
        if status == S.TRANSFERRED:
            idea.transferred_to_url = "/budget-participatif/"
        path = PATHS[status]
        if answer:
            # The answer is given with the last decision: one date for one event.
            idea.official_answer = answer
            idea.answered_at = submitted + _step_delay(len(path) - 1)
            idea.answered_by = elected
        if title in PHOTO_TITLES:
            idea.photo.save(f"demo-{index}.jpg", _photo(PHOTO_TITLES[title]), save=False)
        if S.PUBLISHED in path:
            idea.published_at = submitted + _step_delay(path.index(S.PUBLISHED))
        idea.save()
        Idea.objects.filter(pk=idea.pk).update(created_at=submitted)
        by_title[title] = idea
        created += 1
        _seed_history(idea, path, reason, submitted, author, moderator, elected)
        if idea.status in Idea.LISTED_STATUSES:  # a duplicate's supports moved to the kept idea
            _seed_supports(idea, citizens, rng)
    _seed_comments(by_title, citizens)
    return created


def _step_delay(step: int) -> timedelta:
    """How long after its submission a demo idea took its `step`-th status: published the
    next day, then a step every 9 days. The idea's own dates (published_at, answered_at)
    come from here too, so the page shows one date per event."""
    return timedelta(days=step * 9 + (1 if step else 0))


def _seed_history(idea, path, reason, submitted, author, moderator, elected) -> None:
    previous = ""
    for step, status in enumerate(path):
        last = step == len(path) - 1
        actor = author if status == S.SUBMITTED else moderator
        if status in (S.UNDER_STUDY, S.ACCEPTED, S.NOT_RETAINED, S.TRANSFERRED, S.IMPLEMENTED):
            actor = elected
        text = reason if last and status != S.SUBMITTED else ""
        if status == S.DUPLICATE:
            text = f"Cette idée rejoint l'idée « {idea.duplicate_of.title} »."
        change = IdeaStatusChange.objects.create(
            idea=idea, from_status=previous, to_status=status, reason=text, actor=actor
        )
        IdeaStatusChange.objects.filter(pk=change.pk).update(
            created_at=submitted + _step_delay(step)
        )
        previous = status


def _seed_supports(idea, citizens, rng) -> None:
    count = rng.randint(0, min(len(citizens), 45))
    supporters = rng.sample(citizens, count)
    Support.objects.bulk_create(
        [Support(user=user, idea=idea) for user in supporters if user.pk != idea.author_id],
        ignore_conflicts=True,
    )


def _seed_comments(by_title, citizens) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import XtdComment

    content_type = ContentType.objects.get_for_model(Idea)
    now = timezone.now()
    for n, (title, threads) in enumerate(COMMENTS):
        idea = by_title.get(title)
        if (
            idea is None
            or XtdComment.objects.filter(content_type=content_type, object_pk=str(idea.pk)).exists()
        ):
            continue
        people = iter(citizens[(n * 5 + 3) % len(citizens) :] + citizens)
        for text, replies in threads:
            parent = _comment(XtdComment, content_type, idea, next(people), text, now)
            for reply in replies:
                _comment(XtdComment, content_type, idea, next(people), reply, now, parent=parent)
            if text.startswith(FLAGGED_COMMENT):
                CommentFlag.objects.get_or_create(
                    comment=parent,
                    user=citizens[-1],
                    flag=CommentFlag.SUGGEST_REMOVAL,
                )


def _comment(model, content_type, idea, user, text, now, parent=None):
    profile = getattr(user, "profile", None)
    return model.objects.create(
        content_type=content_type,
        object_pk=str(idea.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=profile.display_name if profile and profile.display_name else "Habitant",
        user_email=user.email,
        comment=text,
        submit_date=now - timedelta(days=3),
        is_public=True,
        parent_id=parent.pk if parent else 0,
    )
