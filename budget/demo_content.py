# ruff: noqa: E501 (the demo rows read better one per line)
"""The words and numbers of Ingeville's participatory budget: two campaigns and their projects.

Plain data, read by `budget.demo.seed`. Dates are in days from today; amounts in euros.
"""

# The campaign in its vote phase, and last year's, finished, with its winners followed up.
# `offsets`: days from today of submission_start, submission_end, review_end, vote_start,
# vote_end, results_date (and followup_start); `envelopes`: the city-wide amount and the amount
# of each district.
CAMPAIGN_2027 = {
    "title": "Budget participatif 2027",
    "slug": "budget-participatif-2027",
    "offsets": (-120, -60, -12, -10, 18, 25),
    "description": (
        "1,2 million d'euros pour des projets imaginés par les habitants : 600 000 € pour "
        "toute la ville et 100 000 € par quartier. Votez pour les projets de la ville et "
        "de votre quartier, dans la limite du montant de chaque enveloppe."
    ),
    "total_amount": 1_200_000,
    "vote_rule": "knapsack",
    "tally_rule": "greedy",
    "envelopes": {"city": 600_000, "district": 100_000},
}
CAMPAIGN_2026 = {
    "title": "Budget participatif 2026",
    "slug": "budget-participatif-2026",
    "offsets": (-420, -360, -300, -290, -270, -260, -240),
    "description": (
        "La première édition du budget participatif d'Ingeville : 760 000 euros, "
        "répartis par la méthode des parts égales pour que chaque groupe d'habitants "
        "voie des projets qui lui tiennent à cœur retenus."
    ),
    "total_amount": 760_000,
    "vote_rule": "approval",
    "max_choices": 4,
    "tally_rule": "equalshares",
    # Counted as a city would count it (Wieliczka, "equalshares/add1-comparison"): Add1,
    # then the comparison with greedy; no greedy fill, which the rule's name does not include.
    "equal_shares_completion": "add1-comparison",
    "greedy_completion": False,
    "min_age_bracket": "16-17",
    "envelopes": {"city": 400_000, "district": 60_000},
}

# (envelope: "ville" or district name, title, summary, cost in €, (dlat, dlon) in 1/1000° or
# None, popularity weight)
PROJECTS_2027 = [
    ("ville", "Une piste cyclable continue de la gare au centre", "Relier la gare au centre par une piste séparée de la circulation, avec un double sens cyclable rue Pasteur.", 280_000, (4, -3), 9),
    ("ville", "Des fontaines à eau dans les parcs", "Installer huit fontaines d'eau potable dans les parcs et squares, ouvertes d'avril à octobre.", 64_000, None, 8),
    ("ville", "Un festival des cultures au bord de l'eau", "Trois jours de concerts, d'ateliers et de cuisines du monde sur les quais, gratuits.", 90_000, (-6, 5), 5),
    ("ville", "Ombrières solaires sur le parking de la piscine", "Couvrir le parking de la piscine d'ombrières photovoltaïques qui alimentent le bâtiment.", 310_000, (2, 7), 6),
    ("ville", "Une ressourcerie dans l'ancienne caserne", "Un lieu pour réparer, donner et racheter objets et meubles, tenu par une association d'insertion.", 180_000, (-1, -6), 7),
    ("ville", "Des toilettes publiques accessibles", "Quatre sanitaires publics accessibles aux fauteuils, au marché, à la gare, au port et au parc.", 120_000, None, 6),
    ("ville", "Cent arbres dans les cours d'école", "Désimperméabiliser et planter les cours des cinq écoles élémentaires pour en faire des îlots de fraîcheur.", 240_000, None, 9),
    ("ville", "Une navette électrique le samedi", "Une navette gratuite reliant les quartiers au marché et au centre-ville tous les samedis.", 150_000, None, 4),
    ("ville", "Boîtes à livres dans chaque quartier", "Douze boîtes à livres fabriquées par le lycée professionnel, une par quartier et plus au centre.", 18_000, None, 5),
    ("ville", "Un skatepark pour tous les âges", "Un skatepark en béton coulé, avec une zone pour débutants et des gradins ombragés.", 260_000, (-3, -2), 6),
    ("ville", "Défibrillateurs dans les équipements sportifs", "Équiper les quatorze salles et terrains municipaux de défibrillateurs, avec des formations.", 42_000, None, 7),
    ("ville", "Un jardin de pluie place de la République", "Remplacer l'enrobé par un jardin qui absorbe la pluie et rafraîchit la place.", 195_000, (0, 1), 5),
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
    ("ville", "Une piscine ouverte l'été en soirée", "Ouvrir la piscine jusqu'à 21 h en juillet et août, avec des animations.", 110_000, None, 7),
    ("ville", "Des composteurs collectifs dans chaque quartier", "Vingt composteurs partagés, avec un guide composteur formé par quartier.", 46_000, None, 8),
    ("ville", "Un parcours sportif en plein air", "Des agrès de musculation et un parcours balisé le long de la coulée verte.", 130_000, (-2, 4), 6),
    ("ville", "Rénover l'éclairage des passages souterrains", "Un éclairage LED et des fresques dans les trois passages sous la voie ferrée.", 160_000, (4, -4), 5),
    ("ville", "Une application des horaires de bus en temps réel", "Des écrans aux arrêts principaux et des données ouvertes pour les applications.", 240_000, None, 4),
    ("ville", "Un fablab à la médiathèque", "Imprimantes 3D, découpe laser et ateliers pour tous les âges.", 85_000, (0, -1), 6),
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
        "delivered",
        100,
        "",
        [(20, "Étude technique et choix de l'emplacement avec les habitants."),
         (75, "Travaux réalisés par les services techniques."),
         (110, "Inauguration en présence des porteurs du projet.")],
    ),
    (
        "in_progress",
        60,
        "",
        [(25, "Réunion publique de lancement : 45 participants."),
         (90, "Commande passée ; livraison prévue au printemps.")],
    ),
    ("in_progress", 30, "", [(40, "Consultation des riverains terminée.")]),
    ("planned", 0, "", [(30, "Projet inscrit au budget de l'an prochain.")]),
]  # fmt: skip
# The one winner that could not be built (the fifth), as happens.
ABANDONED = (
        "abandoned",
        0,
        "L'étude de sol a montré que le terrain ne peut pas accueillir l'ouvrage ; la somme est "
        "reportée sur le projet suivant du classement.",
        [(60, "Étude de sol : terrain inondable, projet impossible à cet endroit.")],
)  # fmt: skip

# Palette of the photo of an inauguration in the follow-up (the projects' own pictures are
# sketches of what they are about: budget/demo_pictures.py).
INAUGURATION_PALETTE = ("#0b6e6d", "#e7f0f9")

# Every project's description starts with its summary; the agent's note on every review.
DESCRIPTION = (
    "{summary}\n\nLe projet a été proposé par des habitants et étudié par les services de la "
    "ville, qui en ont validé la faisabilité et le coût."
)
REVIEW_NOTE = "Projet réalisable ; coût validé par les services techniques."
