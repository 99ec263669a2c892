"""The words of Ingeville's demo site: news items and practical information sheets.

Plain data, read by `cms.demo.seed`. Realistic French content for a 40,000-inhabitant town.
"""

# (slug, title, days ago, intro, tags, image palette or None, body paragraphs, heading)
NEWS = [
    # Matches the campaign of budget/demo_content.py (CAMPAIGN_2027): its second edition,
    # 1.2 M€ (600 000 € for the whole town, 100 000 € for each of the six districts), the vote
    # opened 10 days ago for four weeks. Said without calendar dates, since the demo's dates
    # move with the day it is loaded.
    (
        "budget-participatif-2027-vote-ouvert",
        "Budget participatif 2027 : le vote est ouvert !",
        10,
        "1,2 million d'euros pour les projets des habitants : pendant quatre semaines, "
        "choisissez ceux que la ville réalisera, pour toute la ville et pour votre quartier.",
        ["Participation", "Budget participatif"],
        ("#0b4f8a", "#0b6e6d"),
        [
            "Pour sa deuxième édition, le budget participatif d'Ingeville consacre 1,2 million "
            "d'euros à des projets proposés par les habitants et étudiés par les services de la "
            "ville : 600 000 € pour des projets à l'échelle de la ville et 100 000 € pour "
            "chacun des six quartiers.",
            "Le vote est ouvert pendant quatre semaines, en ligne ou à l'accueil de la mairie. "
            "Chaque habitant choisit des projets de la ville et de son quartier, dans la limite "
            "du montant de chaque enveloppe ; les résultats sont publiés une semaine après la "
            "clôture.",
            '<a href="/budget-participatif/budget-participatif-2027/">Découvrir les projets '
            "et voter sur la page du budget participatif 2027</a>.",
        ],
        "Comment voter",
    ),
    (
        "travaux-rue-jean-jaures",
        "Travaux rue Jean-Jaurès : circulation alternée jusqu'en mars",
        9,
        "Le renouvellement des réseaux d'eau et la création d'une piste cyclable imposent une "
        "circulation alternée entre la place de la Mairie et le pont de l'Ourcq.",
        ["Travaux", "Mobilité"],
        ("#9a4a07", "#f2a541"),
        [
            "Les travaux se déroulent en trois phases pour maintenir l'accès aux commerces. "
            "Les arrêts de bus 4 et 12 sont déplacés de 50 mètres pendant toute la durée du "
            "chantier.",
            "Une réunion publique d'information aura lieu à la salle des fêtes. Les riverains "
            "peuvent aussi poser leurs questions au service voirie.",
        ],
        "Ce qui change pour vous",
    ),
    (
        "concertation-nouvelle-mediatheque",
        "Nouvelle médiathèque : la concertation s'ouvre aux habitants",
        16,
        "Horaires, espaces, services : la ville vous invite à imaginer la future médiathèque "
        "du quartier des Prés, dont l'ouverture est prévue en 2029.",
        ["Culture", "Concertation"],
        ("#0b6e6d", "#7cc4b8"),
        [
            "La future médiathèque occupera l'ancienne halle Martin. Avant le lancement du "
            "concours d'architecture, la ville souhaite connaître vos attentes.",
            "Répondez au questionnaire en ligne ou venez aux ateliers du samedi matin. Une "
            "synthèse des contributions sera publiée sur ce site.",
        ],
        "Comment participer",
    ),
    (
        "collecte-dechets-nouveaux-horaires",
        "Collecte des déchets : nouveaux horaires dans le quartier des Tilleuls",
        24,
        "À partir du 1er du mois, les bacs jaunes sont collectés le mercredi matin et les "
        "ordures ménagères le lundi et le jeudi.",
        ["Déchets", "Cadre de vie"],
        None,
        [
            "La réorganisation des tournées réduit de 12 % les kilomètres parcourus par les "
            "camions de collecte.",
            "Sortez vos bacs la veille au soir après 19 h et rentrez-les après le passage.",
        ],
        "En pratique",
    ),
    (
        "conseil-municipal-deliberations",
        "Conseil municipal : les principales délibérations",
        35,
        "Tarifs de la restauration scolaire, rénovation du gymnase Colette, subventions aux "
        "associations : ce qu'a voté le conseil municipal.",
        ["Vie municipale"],
        None,
        [
            "Le conseil municipal a adopté le quotient familial pour la restauration scolaire : "
            "le repas coûtera de 0,90 € à 4,20 € selon les revenus.",
            "La rénovation énergétique du gymnase Colette a été votée pour 2,3 millions "
            "d'euros, dont 40 % financés par l'État et la région.",
        ],
        "Prochaine séance",
    ),
    (
        "plan-grand-froid-accueil-de-jour",
        "Plan grand froid : la ville ouvre un accueil de jour",
        48,
        "Boissons chaudes, douches, orientation vers un hébergement : l'accueil de jour du "
        "centre social est ouvert tous les jours de 9 h à 17 h pendant l'hiver.",
        ["Solidarité"],
        ("#083a66", "#5b8fc7"),
        [
            "Si vous voyez une personne en difficulté dans la rue, appelez le 115. Les "
            "personnes âgées isolées peuvent s'inscrire sur le registre du CCAS pour recevoir "
            "un appel régulier.",
            "Le centre social recherche des bénévoles pour les maraudes du soir.",
        ],
        "Vous souhaitez aider ?",
    ),
    (
        "inscriptions-scolaires-2027",
        "Inscriptions scolaires 2027-2028 : mode d'emploi",
        62,
        "Les inscriptions en petite section et au CP se font en ligne ou au guichet unique "
        "jusqu'au 15 mars, avec un justificatif de domicile.",
        ["Éducation", "Démarches"],
        None,
        [
            "L'inscription concerne les enfants nés en 2024 et les nouveaux arrivants. "
            "L'affectation dans une école dépend du secteur scolaire de votre domicile.",
            "Munissez-vous du livret de famille, d'un justificatif de domicile de moins de "
            "trois mois et du carnet de vaccination.",
        ],
        "Les pièces à fournir",
    ),
    (
        "marche-de-noel-place-de-la-mairie",
        "Marché de Noël : 40 exposants place de la Mairie",
        80,
        "Artisans, producteurs locaux, chorales et patinoire : le marché de Noël revient du "
        "12 au 24 décembre sur la place de la Mairie.",
        ["Culture", "Commerce"],
        ("#9a4a07", "#0b4f8a"),
        [
            "Quarante exposants, dont vingt artisans d'Ingeville, vous attendent tous les "
            "jours de 11 h à 20 h.",
            "La patinoire est gratuite pour les enfants des écoles de la ville, le mercredi "
            "après-midi.",
        ],
        "Programme des animations",
    ),
]

MAIRIE_CONTACT = {
    "service_name": "Hôtel de ville d'Ingeville",
    "phone": "01 23 45 67 89",
    "email": "contact@ingeville.fr",
    "address": "1 place de la Mairie\n95999 Ingeville",
    "hours": "Du lundi au vendredi, 8 h 30 – 17 h 30\nLe samedi, 9 h – 12 h",
}

# (slug, title, intro, in menu, body blocks)
INFORMATION = [
    (
        "votre-ville-en-bref",
        "Votre ville en bref",
        "Ingeville en quelques chiffres : 40 000 habitants, six quartiers, 120 associations "
        "et une ville qui se construit avec ses habitants.",
        True,
        [
            ("heading", "Six quartiers, une ville"),
            (
                "paragraph",
                "<p>Ingeville compte <b>40 000 habitants</b> répartis dans six quartiers : "
                "Centre-Ville, Les Prés, Les Tilleuls, Le Port, La Gare et Les Hauts. Chaque "
                "quartier a son conseil de quartier, ouvert à tous les habitants.</p>",
            ),
            (
                "paragraph",
                "<ul><li>18 écoles maternelles et élémentaires</li><li>2 collèges et 1 lycée"
                "</li><li>45 hectares de parcs et jardins</li><li>120 associations</li></ul>",
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        (
                            "Comment participer à la vie de mon quartier ?",
                            "<p>Les conseils de quartier se réunissent quatre fois par an. "
                            "Créez un compte sur ce site pour proposer des idées et suivre "
                            "les concertations.</p>",
                        ),
                        (
                            "Où trouver les comptes rendus du conseil municipal ?",
                            "<p>Ils sont publiés dans la rubrique Actualités sous le thème "
                            "« Vie municipale » et affichés en mairie.</p>",
                        ),
                    ],
                },
            ),
            ("contact", MAIRIE_CONTACT),
        ],
    ),
    (
        "demarches-et-etat-civil",
        "Démarches et état civil",
        "Carte d'identité, passeport, actes de naissance, mariage, recensement citoyen : "
        "les démarches à faire en mairie ou en ligne.",
        True,
        [
            (
                "paragraph",
                "<p>La plupart des actes d'état civil se demandent en ligne. Les cartes "
                "d'identité et passeports se font <b>sur rendez-vous</b> au guichet unique.</p>",
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        (
                            "Comment obtenir un acte de naissance ?",
                            "<p>Demandez-le en ligne sur service-public.fr ou au guichet, "
                            "avec une pièce d'identité. Il est gratuit.</p>",
                        ),
                        (
                            "Quel délai pour une carte d'identité ?",
                            "<p>Comptez trois à six semaines après le rendez-vous. Faites une "
                            "pré-demande en ligne pour gagner du temps.</p>",
                        ),
                        (
                            "Mon enfant a 16 ans : que faire ?",
                            "<p>Il doit se faire recenser en mairie dans les trois mois qui "
                            "suivent son anniversaire, avec le livret de famille.</p>",
                        ),
                    ],
                },
            ),
            (
                "contact",
                {
                    "service_name": "Guichet unique – état civil",
                    "phone": "01 23 45 67 10",
                    "email": "etat-civil@ingeville.fr",
                    "address": "Hôtel de ville, rez-de-chaussée\n1 place de la Mairie",
                    "hours": "Lundi au vendredi, 8 h 30 – 12 h et 13 h 30 – 17 h\n"
                    "Jeudi jusqu'à 19 h",
                },
            ),
        ],
    ),
    (
        "dechets-et-proprete",
        "Déchets et propreté",
        "Jours de collecte, déchetterie, encombrants et tri : tout pour bien gérer vos déchets.",
        False,
        [
            ("heading", "Les jours de collecte"),
            (
                "paragraph",
                "<p>Les ordures ménagères sont collectées deux fois par semaine, les emballages "
                "(bac jaune) une fois par semaine. Le verre se dépose dans les bornes d'apport "
                "volontaire.</p>",
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        (
                            "Comment me débarrasser d'un encombrant ?",
                            "<p>Prenez rendez-vous pour un enlèvement gratuit à domicile "
                            "(deux fois par an) ou déposez-le à la déchetterie.</p>",
                        ),
                        (
                            "Mon bac est cassé, que faire ?",
                            "<p>Signalez-le au service propreté : il est remplacé "
                            "gratuitement sous dix jours.</p>",
                        ),
                    ],
                },
            ),
            (
                "contact",
                {
                    "service_name": "Service propreté urbaine",
                    "phone": "0 800 00 12 34",
                    "email": "proprete@ingeville.fr",
                    "address": "Centre technique municipal\n12 rue des Ateliers",
                    "hours": "Du lundi au vendredi, 8 h – 16 h",
                },
            ),
        ],
    ),
    (
        "petite-enfance",
        "Petite enfance",
        "Crèches, assistantes maternelles, relais petite enfance : trouver un mode d'accueil "
        "pour votre enfant de moins de 3 ans.",
        False,
        [
            (
                "paragraph",
                "<p>La ville gère cinq crèches (240 places) et accompagne 180 assistantes "
                "maternelles agréées. Les demandes de place sont étudiées en commission trois "
                "fois par an.</p>",
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        (
                            "Quand faire ma demande de place en crèche ?",
                            "<p>Dès le sixième mois de grossesse, auprès du relais petite "
                            "enfance.</p>",
                        ),
                        (
                            "Combien coûte une place en crèche ?",
                            "<p>Le tarif dépend de vos revenus et de la composition de votre "
                            "famille, selon le barème national de la CAF.</p>",
                        ),
                    ],
                },
            ),
            (
                "contact",
                {
                    "service_name": "Relais petite enfance",
                    "phone": "01 23 45 67 30",
                    "email": "petite-enfance@ingeville.fr",
                    "address": "Maison des familles\n8 allée des Tilleuls",
                    "hours": "Mardi et jeudi, 9 h – 12 h et 14 h – 18 h",
                },
            ),
        ],
    ),
    (
        "contacter-la-mairie",
        "Contacter la mairie",
        "Par téléphone, par courriel ou au guichet : les coordonnées et horaires des "
        "services municipaux.",
        True,
        [
            ("contact", MAIRIE_CONTACT),
            (
                "contact",
                {
                    "service_name": "Mairie annexe des Hauts",
                    "phone": "01 23 45 67 50",
                    "email": "mairie-annexe@ingeville.fr",
                    "address": "5 rue du Belvédère\n95999 Ingeville",
                    "hours": "Mardi au samedi, 9 h – 12 h",
                },
            ),
            (
                "faq",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        (
                            "Sous quel délai aurai-je une réponse ?",
                            "<p>La ville s'engage à répondre sous dix jours ouvrés à toute "
                            "demande écrite.</p>",
                        ),
                        (
                            "Comment signaler un problème sur la voie publique ?",
                            "<p>Appelez le service propreté ou écrivez à "
                            "contact@ingeville.fr en précisant l'adresse exacte.</p>",
                        ),
                    ],
                },
            ),
        ],
    ),
]
