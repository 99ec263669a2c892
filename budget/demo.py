# ruff: noqa: E501 (the demo rows read better one per line)
"""Ingeville's participatory budget, for `manage.py seed_demo`. Idempotent.

* "Budget participatif 2027", in its vote phase (dates relative to now): a city-wide envelope
  and one per district, ~40 projects on the ballot (two transferred from ideas when the ideas
  demo has accepted ones), ~800 voters, some of them on paper at the counter. The demo
  citizen `citoyen@ingeville.fr` has *not* voted, so the demo can show the ballot.
* "Budget participatif 2026", finished: results published under the Method of Equal Shares,
  winning projects followed up (planned, in progress, delivered, abandoned) with milestones.

Projects go through the real services (submission, review, ballot, idea transfer); a sample
of votes too (`ballot_cast`, `paper_ballot_record`). The bulk of the votes is written with
the same rows `ballot_cast` writes (voter record, anonymous ballots with receipt hashes,
audit entry), in bulk, so that seeding stays fast. Extra voters are created with addresses
`@votants.ingeville.fr` (the accounts demo has only a few dozen citizens).
"""

import datetime
import io
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import ModelLogEntry

from civic.accounts import roles
from civic.accounts.models import AgeBracket, District, Profile, User
from civic.notifications.services import follow_toggle

from . import receipts, results, services
from .ballots import ballot_cast, paper_ballot_record
from .models import Ballot, Campaign, Channel, Envelope, Project, ProjectPhoto, VoterRecord

DAY = datetime.timedelta(days=1)
VOTER_DOMAIN = "votants.ingeville.fr"
VOTERS = {"small": 800, "large": 5000}
CENTRE = (Decimal("47.080000"), Decimal("2.400000"))
CITY = "ville"

# (envelope: "ville" or district name, title, summary, cost in €, (dlat, dlon) in 1/1000° or
# None, popularity weight)
PROJECTS_2027 = [
    (CITY, "Une piste cyclable continue de la gare au centre", "Relier la gare au centre par une piste séparée de la circulation, avec un double sens cyclable rue Pasteur.", 280_000, (4, -3), 9),
    (CITY, "Des fontaines à eau dans les parcs", "Installer huit fontaines d'eau potable dans les parcs et squares, ouvertes d'avril à octobre.", 64_000, None, 8),
    (CITY, "Un festival des cultures au bord de l'eau", "Trois jours de concerts, d'ateliers et de cuisines du monde sur les quais, gratuits.", 90_000, (-6, 5), 5),
    (CITY, "Ombrières solaires sur le parking de la piscine", "Couvrir le parking de la piscine d'ombrières photovoltaïques qui alimentent le bâtiment.", 310_000, (2, 7), 6),
    (CITY, "Une ressourcerie dans l'ancienne caserne", "Un lieu pour réparer, donner et racheter objets et meubles, tenu par une association d'insertion.", 180_000, (-1, -6), 7),
    (CITY, "Des toilettes publiques accessibles", "Quatre sanitaires publics accessibles aux fauteuils, au marché, à la gare, au port et au parc.", 120_000, None, 6),
    (CITY, "Cent arbres dans les cours d'école", "Désimperméabiliser et planter les cours des cinq écoles élémentaires pour en faire des îlots de fraîcheur.", 240_000, None, 9),
    (CITY, "Une navette électrique le samedi", "Une navette gratuite reliant les quartiers au marché et au centre-ville tous les samedis.", 150_000, None, 4),
    (CITY, "Boîtes à livres dans chaque quartier", "Douze boîtes à livres fabriquées par le lycée professionnel, une par quartier et plus au centre.", 18_000, None, 5),
    (CITY, "Un skatepark pour tous les âges", "Un skatepark en béton coulé, avec une zone pour débutants et des gradins ombragés.", 260_000, (-3, -2), 6),
    (CITY, "Défibrillateurs dans les équipements sportifs", "Équiper les quatorze salles et terrains municipaux de défibrillateurs, avec des formations.", 42_000, None, 7),
    (CITY, "Un jardin de pluie place de la République", "Remplacer l'enrobé par un jardin qui absorbe la pluie et rafraîchit la place.", 195_000, (0, 1), 5),
    ("Centre-Ville", "Des bancs et de l'ombre rue du Marché", "Des bancs, des bacs plantés et des voiles d'ombrage pour faire une halte en ville.", 38_000, (1, 0), 6),
    ("Centre-Ville", "Un local vélo sécurisé près de la mairie", "Un abri fermé de quarante places, accessible avec la carte de bibliothèque.", 55_000, (0, -1), 5),
    ("Centre-Ville", "Illuminer les façades du cloître", "Une mise en lumière sobre en LED du cloître et de la rue des Carmes.", 47_000, (2, 1), 3),
    ("Centre-Ville", "Une aire de jeux au square Jean-Moulin", "Renouveler les jeux du square pour les 2-10 ans, avec un sol souple.", 70_000, (-1, 2), 6),
    ("Centre-Ville", "Des ateliers numériques à la médiathèque", "Du matériel et des animateurs pour aider aux démarches en ligne, deux soirs par semaine.", 25_000, None, 4),
    ("Les Prés", "Un verger partagé au parc des Prés", "Trente arbres fruitiers et un composteur, entretenus avec l'association des jardiniers.", 28_000, (-8, -4), 8),
    ("Les Prés", "Sécuriser la sortie du groupe scolaire", "Un plateau surélevé, un passage piéton éclairé et des barrières devant l'école.", 62_000, (-7, -5), 9),
    ("Les Prés", "Un city-stade rénové", "Refaire le sol et les filets du city-stade, ajouter un éclairage à détection.", 85_000, (-9, -3), 5),
    ("Les Prés", "Une boucle de promenade balisée", "Un sentier de 3 km autour des Prés, avec bancs et panneaux sur la faune locale.", 34_000, None, 4),
    ("Les Prés", "Une cabane à livres et jeux au parc", "Une cabane où déposer livres et jeux de société, gérée par le centre social.", 9_000, (-8, -2), 3),
    ("La Gare", "Un parvis de gare plus accueillant", "Des arbres, des assises et un abri pour attendre le bus devant la gare.", 90_000, (5, -4), 7),
    ("La Gare", "Des arceaux vélos rue de la Gare", "Soixante arceaux vélos et deux stations de gonflage en libre-service.", 21_000, (5, -3), 6),
    ("La Gare", "Un jardin partagé sur la friche SNCF", "Transformer la friche en jardin partagé avec des parcelles pour les habitants.", 48_000, (6, -5), 5),
    ("La Gare", "Une fresque sous le pont de la rocade", "Une fresque peinte avec les jeunes du quartier et un artiste local.", 16_000, (6, -2), 4),
    ("Bel-Air", "Des bancs tous les 200 mètres sur les coteaux", "Des bancs avec accoudoirs pour que les aînés puissent marcher jusqu'aux commerces.", 26_000, (3, 6), 8),
    ("Bel-Air", "Un jardin thérapeutique au foyer-logement", "Un jardin à hauteur de fauteuil, ouvert aux résidents et aux écoles.", 58_000, (4, 6), 6),
    ("Bel-Air", "Un terrain de pétanque éclairé", "Deux terrains éclairés et un abri, près de la maison de santé.", 32_000, (3, 7), 4),
    ("Bel-Air", "Un cheminement accessible vers l'arrêt de bus", "Élargir et aplanir le trottoir de la montée des Tilleuls.", 77_000, None, 5),
    ("Le Port", "Une cale de mise à l'eau pour les kayaks", "Une cale en pente douce pour les kayaks et paddles, près de la base nautique.", 68_000, (-6, 6), 6),
    ("Le Port", "Des bancs le long de la promenade du port", "Quinze bancs en bois local face à la mer, dont cinq accessibles.", 30_000, (-5, 5), 7),
    ("Le Port", "Rénover le kiosque à musique", "Remettre en état le kiosque du quai pour les concerts d'été.", 49_000, (-6, 4), 4),
    ("Le Port", "Une halle aux poissons ouverte le dimanche", "Aménager des étals pour un marché de producteurs locaux le dimanche matin.", 54_000, (-5, 6), 5),
    ("Les Hauts de Ville", "Un terrain multisport près du collège", "Un terrain multisport en accès libre, avec un éclairage jusqu'à 22 h.", 95_000, (7, 3), 8),
    ("Les Hauts de Ville", "Un atelier de réparation de vélos", "Un local et des outils pour apprendre à réparer son vélo, avec le centre social.", 24_000, (8, 2), 6),
    ("Les Hauts de Ville", "Des jeux d'eau pour l'été", "Une aire de brumisateurs et de jets d'eau au pied des immeubles.", 72_000, (7, 4), 7),
    ("Les Hauts de Ville", "Une salle de répétition pour les jeunes", "Insonoriser une salle du centre social pour la musique et la danse.", 41_000, (8, 3), 5),
    ("Les Hauts de Ville", "Des potagers en pied d'immeuble", "Des bacs potagers surélevés et un récupérateur d'eau, gérés par les locataires.", 15_000, None, 4),
    ("Centre-Ville", "Des toilettes sèches au marché couvert", "Deux cabines de toilettes sèches entretenues par une entreprise d'insertion.", 19_000, (1, 1), 3),
]  # fmt: skip

PROJECTS_2026 = [
    (CITY, "Une piscine ouverte l'été en soirée", "Ouvrir la piscine jusqu'à 21 h en juillet et août, avec des animations.", 110_000, None, 7),
    (CITY, "Des composteurs collectifs dans chaque quartier", "Vingt composteurs partagés, avec un guide composteur formé par quartier.", 46_000, None, 8),
    (CITY, "Un parcours sportif en plein air", "Des agrès de musculation et un parcours balisé le long de la coulée verte.", 130_000, (-2, 4), 6),
    (CITY, "Rénover l'éclairage des passages souterrains", "Un éclairage LED et des fresques dans les trois passages sous la voie ferrée.", 160_000, (4, -4), 5),
    (CITY, "Une application des horaires de bus en temps réel", "Des écrans aux arrêts principaux et des données ouvertes pour les applications.", 240_000, None, 4),
    (CITY, "Un fablab à la médiathèque", "Imprimantes 3D, découpe laser et ateliers pour tous les âges.", 85_000, (0, -1), 6),
    ("Centre-Ville", "Végétaliser la cour de la mairie", "Des bacs plantés et des bancs dans la cour pavée de la mairie.", 40_000, (0, 0), 6),
    ("Centre-Ville", "Des racks à trottinettes", "Des emplacements pour trottinettes et vélos devant les commerces.", 12_000, None, 4),
    ("Les Prés", "Un abri au terrain de foot", "Un abri pour les familles au bord du terrain d'entraînement.", 30_000, (-8, -4), 5),
    ("Les Prés", "Une mare pédagogique", "Creuser une mare et installer un ponton d'observation pour les écoles.", 45_000, (-9, -4), 6),
    ("La Gare", "Une consigne à vélos sécurisée", "Une consigne de vingt places à la gare, accessible par abonnement.", 60_000, (5, -4), 7),
    ("La Gare", "Des poubelles de tri sur le parvis", "Des corbeilles de tri et des cendriers de sondage sur le parvis.", 8_000, (5, -3), 3),
    ("Bel-Air", "Une main courante dans l'escalier des Tilleuls", "Une rampe des deux côtés et un éclairage sur les 80 marches.", 22_000, (3, 6), 7),
    ("Bel-Air", "Un banc connecté pour recharger son téléphone", "Un banc solaire avec prises USB près de la maison de santé.", 14_000, None, 2),
    ("Le Port", "Des douches de plage", "Deux douches de plage et un pédiluve à l'entrée de la plage du port.", 26_000, (-6, 6), 6),
    ("Le Port", "Un ponton de pêche accessible", "Un ponton de pêche accessible aux fauteuils, au bout du quai.", 70_000, (-7, 5), 5),
    ("Les Hauts de Ville", "Une aire de jeux inclusive", "Des jeux accessibles à tous les enfants, handicapés ou non.", 80_000, (7, 3), 8),
    ("Les Hauts de Ville", "Des cours de vélo pour adultes", "Des vélos et une monitrice pour apprendre à rouler en ville.", 18_000, None, 5),
]  # fmt: skip

FOLLOW_UP = [
    # (followup status, progress, reason, milestones [(days after results, text)])
    (
        Project.FollowUp.DELIVERED,
        100,
        "",
        [(20, "Étude technique et choix de l'emplacement avec les habitants."),
         (75, "Travaux réalisés par les services techniques."),
         (110, "Inauguration en présence des porteurs du projet.")],
    ),
    (
        Project.FollowUp.IN_PROGRESS,
        60,
        "",
        [(25, "Réunion publique de lancement : 45 participants."),
         (90, "Commande passée ; livraison prévue au printemps.")],
    ),
    (Project.FollowUp.IN_PROGRESS, 30, "", [(40, "Consultation des riverains terminée.")]),
    (Project.FollowUp.PLANNED, 0, "", [(30, "Projet inscrit au budget de l'an prochain.")]),
]  # fmt: skip
# The one winner that could not be built (the fifth), as happens.
ABANDONED = (
        Project.FollowUp.ABANDONED,
        0,
        "L'étude de sol a montré que le terrain ne peut pas accueillir l'ouvrage ; la somme est "
        "reportée sur le projet suivant du classement.",
        [(60, "Étude de sol : terrain inondable, projet impossible à cet endroit.")],
)  # fmt: skip


def seed(*, stdout, size: str = "small") -> None:
    agent = User.objects.filter(email="agent@ingeville.fr").first()
    districts = {d.name: d for d in District.objects.all()}
    if agent is None or not districts:
        stdout.write("  Budget : comptes ou quartiers de démo absents, rien à faire.")
        return
    voters = _seed_voters(districts=list(districts.values()), count=VOTERS.get(size, 800))
    rng = random.Random(2027)
    now = timezone.now()
    if not Campaign.objects.filter(slug="budget-participatif-2026").exists():
        campaign = _seed_finished_campaign(agent, districts, voters, rng, now)
        stdout.write(f"  Budget : « {campaign} » (résultats publiés, suivi des lauréats).")
    if not Campaign.objects.filter(slug="budget-participatif-2027").exists():
        campaign = _seed_open_campaign(agent, districts, voters, rng, now, size)
        stdout.write(
            f"  Budget : « {campaign} » en phase de vote, "
            f"{campaign.projects.count()} projets, {campaign.voter_records.count()} votants."
        )


# People ----------------------------------------------------------------------------------


def _seed_voters(*, districts: list[District], count: int) -> list[User]:
    """Demo citizens who may vote (verified, with a district), plus extra voters created here;
    never the role accounts (so `citoyen@ingeville.fr` has not voted in the open campaign)."""
    emails = [f"votant-{n:04d}@{VOTER_DOMAIN}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [e for e in emails if e not in existing]
    if missing:
        rng = random.Random(len(emails))
        User.objects.bulk_create([User(email=e, password="!") for e in missing])
        users = list(User.objects.filter(email__in=missing))
        group = Group.objects.get(name=roles.CITIZENS)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        weights = [d.population for d in districts]
        brackets = ["18-29", "30-44", "45-59", "60-74", "75+"]
        Profile.objects.bulk_create(
            [
                Profile(
                    user=u,
                    display_name=f"Votant {u.email.split('-')[1].split('@')[0]}",
                    district=rng.choices(districts, weights)[0],
                    age_bracket=rng.choices(brackets, [20, 30, 25, 17, 8])[0],
                    # Fictitious addresses: never emailed.
                    notify_status_changes=False,
                    notify_comments=False,
                    notify_followed=False,
                )
                for u in users
            ]
        )
    return list(
        User.objects.filter(
            email__endswith=".ingeville.fr",
            profile__district__isnull=False,
            emailaddress__verified=True,
        )
        .exclude(email__endswith="@ingeville.fr")
        .select_related("profile")
        .distinct()
        .order_by("email")
    )


# Campaigns -------------------------------------------------------------------------------


def _campaign(*, title, slug, now, offsets, **fields) -> Campaign:
    names = ["submission_start", "submission_end", "review_end", "vote_start", "vote_end"]
    names += ["results_date", "followup_start"]
    dates = {name: now + days * DAY for name, days in zip(names, offsets, strict=False)}
    campaign = Campaign(title=title, slug=slug, **dates, **fields)
    campaign.full_clean()
    campaign.save()
    return campaign


def _envelopes(campaign, districts, *, city: int, district: int) -> dict[str, Envelope]:
    envelopes = {CITY: Envelope(campaign=campaign, amount=city)}
    for name, one in districts.items():
        envelopes[name] = Envelope(campaign=campaign, district=one, amount=district)
    for envelope in envelopes.values():
        envelope.full_clean()
        envelope.save()
    return envelopes


def _seed_projects(agent, campaign, envelopes, rows, voters, rng) -> dict[int, int]:
    """Projects through the services: submitted in the submission phase by a citizen, reviewed
    and put on the ballot by the agent. Returns {project id: popularity weight}."""
    submitted_at = campaign.submission_start + DAY
    popularity = {}
    # Authors among the fictitious voters, who get no email about the review.
    authors = [v for v in voters if v.email.endswith(VOTER_DOMAIN)] or voters
    for envelope_key, title, summary, cost, offset, weight in rows:
        envelope = envelopes[envelope_key]
        author = rng.choice(authors)
        location = {}
        if offset is not None:
            location = {
                "latitude": CENTRE[0] + Decimal(offset[0]) / 1000,
                "longitude": CENTRE[1] + Decimal(offset[1]) / 1000,
            }
        project = services.project_submit(
            author=author,
            campaign=campaign,
            envelope=envelope,
            title=title,
            summary=summary,
            description=(
                f"{summary}\n\nLe projet a été proposé par des habitants et étudié par les "
                "services de la ville, qui en ont validé la faisabilité et le coût."
            ),
            estimated_cost=cost,
            at=submitted_at,
            **location,
        )
        popularity[project.pk] = weight
        _review(agent, campaign, project, cost)
    return popularity


def _review(agent, campaign, project, cost) -> None:
    services.project_review(
        actor=agent,
        project=project,
        decision=Project.Status.ELIGIBLE,
        feasibility=Project.Feasibility.FEASIBLE,
        validated_cost=cost,
        public_note="Projet réalisable ; coût validé par les services techniques.",
    )
    services.project_put_on_ballot(actor=agent, project=project, at=campaign.vote_start - 2 * DAY)


def _transfer_ideas(agent, campaign, envelopes, popularity) -> None:
    """Two accepted ideas of the ideas demo become projects (the real transfer service)."""
    try:
        from proposals.models import Idea
    except ImportError:
        return
    ideas = Idea.objects.filter(status=Idea.Status.ACCEPTED).order_by("pk")[:2]
    for idea in ideas:
        envelope = envelopes.get(idea.district.name) if idea.district_id else None
        project = services.idea_transfer_to_project(
            actor=agent,
            idea=idea,
            campaign=campaign,
            envelope=envelope or envelopes[CITY],
            estimated_cost=45_000,
            summary=idea.title,
            at=campaign.vote_start - 5 * DAY,
        )
        _review(agent, campaign, project, 45_000)
        popularity[project.pk] = 7


def _seed_photos(campaign) -> None:
    colours = [((11, 79, 138), (242, 165, 65)), ((28, 107, 54), (253, 241, 225))]
    projects = campaign.projects.exclude(latitude=None).order_by("pk")[:3]
    for index, project in enumerate(projects):
        image = _image(f"{project.title} (illustration)", colours[index % len(colours)])
        ProjectPhoto.objects.create(
            project=project, image=image, alt_text=f"Esquisse du projet : {project.title}"
        )


def _image(title, colours) -> Image:
    background, accent = colours
    picture = PILImage.new("RGB", (960, 540), background)
    draw = ImageDraw.Draw(picture)
    for i in range(5):
        draw.rectangle((90 + i * 170, 380 - i * 50, 210 + i * 170, 470), fill=accent)
    draw.rectangle((0, 470, 960, 540), fill=(255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"budget-demo-{abs(hash(title)) % 10**8}.jpg")
    )


# Votes -----------------------------------------------------------------------------------


def _choices(campaign, voter, envelopes_by_district, by_envelope, popularity, rng) -> dict:
    """A plausible ballot: in each envelope the voter may use, a few projects weighted by
    popularity, within the rule (at most K, or within the envelope's amount)."""
    choices = {}
    district = voter.profile.district_id
    for envelope in (envelopes_by_district[None], envelopes_by_district.get(district)):
        if envelope is None or (envelope.district_id and rng.random() < 0.15):
            continue
        projects = list(by_envelope[envelope.pk])
        wanted = rng.choice([1, 2, 2, 3, 3, 3, 4])
        if campaign.max_choices:
            wanted = min(wanted, campaign.max_choices)
        chosen, total = [], 0
        while projects and len(chosen) < wanted:
            project = rng.choices(projects, [popularity[p.pk] ** 2 for p in projects])[0]
            projects.remove(project)
            if campaign.vote_rule == Campaign.VoteRule.KNAPSACK and (
                total + project.cost > envelope.amount
            ):
                continue
            chosen.append(project.pk)
            total += project.cost
        if chosen:
            choices[envelope.pk] = chosen
    return choices


def _seed_votes(*, campaign, agent, voters, popularity, rng, now, sampled=25, paper=4):
    """`sampled` votes through `ballot_cast`, `paper` through `paper_ballot_record`, the rest
    written in bulk with the rows `ballot_cast` writes; about 6% of all are paper ballots."""
    envelopes_by_district = {e.district_id: e for e in campaign.envelopes.all()}
    by_envelope = {e.pk: [] for e in envelopes_by_district.values()}
    for project in campaign.projects.filter(status=Project.Status.ON_BALLOT):
        by_envelope[project.envelope_id].append(project)
    end = min(now, campaign.vote_end) - datetime.timedelta(minutes=5)
    span = (end - campaign.vote_start).total_seconds()

    def moment():
        return campaign.vote_start + datetime.timedelta(seconds=rng.uniform(60, span))

    records, ballots = [], []
    for index, voter in enumerate(voters):
        choices = _choices(campaign, voter, envelopes_by_district, by_envelope, popularity, rng)
        if not choices:
            continue
        if index < sampled:
            ballot_cast(campaign=campaign, voter=voter, choices=choices, at=moment())
            continue
        if index < sampled + paper:
            paper_ballot_record(
                actor=agent, campaign=campaign, citizen=voter, choices=choices, at=moment()
            )
            continue
        counter = rng.random() < 0.06
        records.append(
            VoterRecord(
                campaign=campaign,
                user=voter,
                district_id=voter.profile.district_id,
                channel=Channel.COUNTER if counter else Channel.WEB,
                cast_at=moment(),
                recorded_by=agent if counter else None,
            )
        )
        code = receipts.receipt_code_new()
        ballots += [
            Ballot(
                campaign=campaign,
                envelope_id=envelope_id,
                choices=sorted(ids),
                receipt_hash=receipts.receipt_hash(code, envelope_id),
            )
            for envelope_id, ids in sorted(choices.items())
        ]
    records.sort(key=lambda record: record.cast_at)
    VoterRecord.objects.bulk_create(records, batch_size=1000)
    Ballot.objects.bulk_create(ballots, batch_size=1000)
    content_type = ContentType.objects.get_for_model(VoterRecord)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(record.pk),
                label=str(record),
                action="budget.voterrecord.cast",
                data={"campaign": campaign.pk, "channel": record.channel},
                timestamp=record.cast_at,
                user_id=record.recorded_by_id or record.user_id,
            )
            for record in records
        ],
        batch_size=1000,
    )


def _seed_open_campaign(agent, districts, voters, rng, now, size) -> Campaign:
    campaign = _campaign(
        title="Budget participatif 2027",
        slug="budget-participatif-2027",
        now=now,
        offsets=(-120, -60, -12, -10, 18, 25),
        description=(
            "1,2 million d'euros pour des projets imaginés par les habitants : 600 000 € pour "
            "toute la ville et 100 000 € par quartier. Votez pour les projets de la ville et "
            "de votre quartier, dans la limite du montant de chaque enveloppe."
        ),
        total_amount=1_200_000,
        vote_rule=Campaign.VoteRule.KNAPSACK,
        tally_rule=Campaign.TallyRule.GREEDY,
    )
    envelopes = _envelopes(campaign, districts, city=600_000, district=100_000)
    popularity = _seed_projects(agent, campaign, envelopes, PROJECTS_2027, voters, rng)
    _transfer_ideas(agent, campaign, envelopes, popularity)
    _seed_photos(campaign)
    _seed_votes(
        campaign=campaign, agent=agent, voters=voters, popularity=popularity, rng=rng, now=now
    )
    return campaign


def _seed_finished_campaign(agent, districts, voters, rng, now) -> Campaign:
    campaign = _campaign(
        title="Budget participatif 2026",
        slug="budget-participatif-2026",
        now=now,
        offsets=(-420, -360, -300, -290, -270, -260, -240),
        description=(
            "La première édition du budget participatif d'Ingeville : 760 000 euros, "
            "répartis par la méthode des parts égales pour que chaque groupe d'habitants "
            "voie des projets qui lui tiennent à cœur retenus."
        ),
        total_amount=760_000,
        vote_rule=Campaign.VoteRule.APPROVAL,
        max_choices=4,
        tally_rule=Campaign.TallyRule.EQUAL_SHARES,
        greedy_completion=True,
        min_age_bracket="16-17",
    )
    envelopes = _envelopes(campaign, districts, city=400_000, district=60_000)
    popularity = _seed_projects(agent, campaign, envelopes, PROJECTS_2026, voters, rng)
    old_enough = set(AgeBracket.at_least("16-17"))
    eligible = [v for v in voters if v.profile.age_bracket in old_enough]
    _seed_votes(
        campaign=campaign,
        agent=agent,
        voters=eligible[: int(len(eligible) * 0.7)],
        popularity=popularity,
        rng=rng,
        now=now,
        sampled=10,
        paper=2,
    )
    citizen = User.objects.filter(email="citoyen@ingeville.fr").first()
    if citizen is not None:
        city = envelopes[CITY]
        favourite = city.projects.order_by("pk").values_list("pk", flat=True)[:2]
        ballot_cast(
            campaign=campaign,
            voter=citizen,
            choices={city.pk: list(favourite)},
            at=campaign.vote_start + 3 * DAY,
        )
    results.results_publish(actor=agent, campaign=campaign)
    _seed_follow_up(agent, campaign)
    if citizen is not None:
        # After the follow-up, so that seeding sends no email: the demo citizen follows two
        # winners and sees them on their dashboard.
        for project in campaign.projects.filter(status=Project.Status.SELECTED)[:2]:
            follow_toggle(user=citizen, obj=project)
    return campaign


def _seed_follow_up(agent, campaign) -> None:
    winners = list(campaign.projects.filter(status=Project.Status.SELECTED).order_by("pk"))
    photo = _image("Inauguration d'un projet lauréat", ((11, 110, 109), (231, 240, 249)))
    results_day = timezone.localtime(campaign.results_date).date()
    for index, project in enumerate(winners):
        status, progress, reason, milestones = (
            ABANDONED if index == 4 else FOLLOW_UP[index % len(FOLLOW_UP)]
        )
        for days, text in milestones:
            services.milestone_add(
                actor=agent,
                project=project,
                date=results_day + datetime.timedelta(days=days),
                text=text,
                photo=photo if index == 0 and days >= 100 else None,
            )
        services.project_followup_update(
            actor=agent, project=project, status=status, progress=progress, reason=reason
        )
