"""Ingeville's consultations: one open, with a question of every type and about 300 responses
spread over the districts and ages as the demo's population is, and one closed, with the
city's published feedback. Idempotent: an existing consultation is left as it is."""

import datetime
import random
import zoneinfo

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from civic.accounts import roles
from civic.accounts.models import District, Profile, User

from .models import (
    Answer,
    Channel,
    ConsultationIndexPage,
    ConsultationPage,
    Feedback,
    FeedbackStatus,
    Question,
    Response,
)

RESPONDENTS = {"small": 300, "large": 3000}
# Round times, as a city sets them: "jusqu'au 20 décembre à 18:00", not at the seeding's minute.
OPENING_HOUR = 9
CLOSING_HOUR = 18
EXTRA_DOMAIN = "habitants.ingeville.fr"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
BRACKET_WEIGHTS = {"16-17": 3, "18-29": 18, "30-44": 28, "45-59": 25, "60-74": 18, "75+": 8}

MARKET = {
    "slug": "amenagement-place-du-marche",
    "title": "Aménagement de la place du marché",
    "intro": "La place du marché sera réaménagée en 2027. Dites-nous comment vous l'utilisez "
    "et ce qui compte pour vous : vos réponses guideront le projet.",
    "context": [
        (
            "paragraph",
            "<p>La place accueille le marché deux matinées par semaine et sert de parking le "
            "reste du temps. Trois esquisses ont été présentées en réunion publique.</p>",
        ),
        ("heading", {"text": "Ce qui est décidé, ce qui reste ouvert"}),
        (
            "paragraph",
            "<p>Le marché restera sur la place. La part des arbres, des places de "
            "stationnement et des jeux reste à définir avec vous.</p>",
        ),
    ],
    "questions": [
        (
            "single",
            "À quelle fréquence venez-vous sur la place ?",
            "Chaque semaine\nChaque mois\nRarement\nJamais",
            {},
        ),
        (
            "multiple",
            "Qu'aimeriez-vous y trouver ? (trois au plus)",
            "Des arbres et de l'ombre\nDes bancs\nUne aire de jeux\nDes places de "
            "stationnement\nUne fontaine\nDes arceaux vélo",
            {"max_choices": 3},
        ),
        (
            "scale",
            "Êtes-vous satisfait de la place aujourd'hui ?",
            "",
            {"scale_min_label": "Pas du tout", "scale_max_label": "Tout à fait"},
        ),
        (
            "ranking",
            "Classez les esquisses, de la préférée à la moins aimée",
            "Esquisse A : la place-jardin\nEsquisse B : la place-halle\nEsquisse C : la place "
            "ouverte",
            {},
        ),
        ("yes_no", "Faut-il rendre la place piétonne les jours de marché ?", "", {}),
        ("text", "Une idée, une remarque ?", "", {"required": False, "publish_text_answers": True}),
    ],
}
LIBRARY = {
    "slug": "horaires-de-la-mediatheque",
    "title": "Horaires de la médiathèque",
    "intro": "Faut-il ouvrir la médiathèque le dimanche ou plus tard le soir ?",
    "context": [("paragraph", "<p>La médiathèque ouvre aujourd'hui 28 heures par semaine.</p>")],
    "questions": [
        (
            "single",
            "Quel créneau supplémentaire vous serait le plus utile ?",
            "Le dimanche matin\nLe mardi soir jusqu'à 20 h\nLe samedi midi",
            {},
        ),
        (
            "scale",
            "Êtes-vous satisfait des horaires actuels ?",
            "",
            {"scale_min_label": "Pas du tout", "scale_max_label": "Tout à fait"},
        ),
    ],
}
TEXTS = [
    "Plus d'ombre l'été, s'il vous plaît : on ne peut pas rester sur la place en juillet.",
    "Gardez quelques places pour les personnes à mobilité réduite près des commerces.",
    "Une fontaine à boire serait bienvenue les jours de marché.",
    "Des toilettes publiques manquent vraiment.",
    "Pensez aux livraisons des commerçants le matin.",
]


def seed(*, stdout, size: str = "small") -> None:
    home = Page.objects.filter(depth=2).order_by("path").first()
    districts = list(District.objects.order_by("name"))
    if home is None or not districts:
        stdout.write("  Consultations : site ou quartiers de démo absents, rien à faire.")
        return
    index = ConsultationIndexPage.objects.first()
    if index is None:
        index = ConsultationIndexPage(
            title="Consultations",
            slug="consultations",
            intro="La ville vous consulte sur ses projets. Répondez, puis découvrez ce que "
            "nous avons retenu de vos avis.",
        )
        home.specific.add_child(instance=index)
        index.save_revision().publish()
    now = timezone.now()
    rng = random.Random(2026)
    if not ConsultationPage.objects.filter(slug=MARKET["slug"]).exists():
        market = _consultation(
            index,
            MARKET,
            opens_at=_paris_at(now, days=-12, hour=OPENING_HOUR),
            closes_at=_paris_at(now, days=18, hour=CLOSING_HOUR),
        )
        people = _respondents(districts, RESPONDENTS.get(size, 300))
        count = _responses(market, people, rng, now=now)
        stdout.write(f"  Consultations : « {market.title} » ouverte, {count} réponses.")
    if not ConsultationPage.objects.filter(slug=LIBRARY["slug"]).exists():
        library = _consultation(
            index,
            LIBRARY,
            opens_at=_paris_at(now, days=-90, hour=OPENING_HOUR),
            closes_at=_paris_at(now, days=-30, hour=CLOSING_HOUR),
        )
        people = _respondents(districts, 120)
        _responses(library, people, rng, now=now - datetime.timedelta(days=45))
        Feedback.objects.create(
            consultation=library,
            status=FeedbackStatus.DECISION,
            body=[
                (
                    "paragraph",
                    "<p>Vous avez été nombreux à demander le dimanche matin : la médiathèque "
                    "ouvrira le dimanche de 10 h à 13 h à partir de janvier, à l'essai pour "
                    "six mois.</p>",
                )
            ],
            published_at=_paris_at(now, days=-10, hour=11),
        )
        stdout.write(f"  Consultations : « {library.title} » close, retour publié.")


def _paris_at(now: datetime.datetime, *, days: int, hour: int) -> datetime.datetime:
    """`hour`:00 in Europe/Paris on the day `days` days from today (Paris), whatever the
    time of day the demo is seeded."""
    paris = timezone.localtime(now, PARIS).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(paris, datetime.time(hour), tzinfo=PARIS)


def _consultation(index, data, *, opens_at, closes_at) -> ConsultationPage:
    page = ConsultationPage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        context=data["context"],
        opens_at=opens_at,
        closes_at=closes_at,
        results_visibility="live",
        opening_notified_at=opens_at,  # the demo's past openings are not announced again
    )
    for kind, label, options, extra in data["questions"]:
        page.questions.add(Question(kind=kind, label=label, options=options, **extra))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _respondents(districts: list[District], count: int) -> list[User]:
    """Demo citizens who may answer (verified, with a district and an age bracket); extra
    fictitious residents are created in bulk when the demo has fewer."""
    people = list(
        User.objects.filter(
            emailaddress__verified=True,
            profile__district__isnull=False,
            groups__name=roles.CITIZENS,
        )
        .exclude(profile__age_bracket="")
        .exclude(email__endswith="@ingeville.fr")  # the role accounts answer by themselves
        .select_related("profile")
        .distinct()
        .order_by("email")[:count]
    )
    missing = count - len(people)
    if missing > 0:
        start = User.objects.filter(email__endswith=f"@{EXTRA_DOMAIN}").count()
        emails = [f"habitant-{n:05d}@{EXTRA_DOMAIN}" for n in range(start + 1, start + missing + 1)]
        User.objects.bulk_create([User(email=e, password="!") for e in emails])
        users = list(User.objects.filter(email__in=emails))
        group = Group.objects.get(name=roles.CITIZENS)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        rng = random.Random(len(emails))
        weights = [d.population for d in districts]
        Profile.objects.bulk_create(
            [
                Profile(
                    user=u,
                    display_name=f"Habitant {u.email.split('-')[1].split('@')[0]}",
                    district=rng.choices(districts, weights)[0],
                    age_bracket=rng.choices(list(BRACKET_WEIGHTS), list(BRACKET_WEIGHTS.values()))[
                        0
                    ],
                    notify_status_changes=False,  # fictitious addresses: never emailed
                    notify_comments=False,
                    notify_followed=False,
                )
                for u in users
            ]
        )
        people += list(User.objects.filter(email__in=emails).select_related("profile"))
    return people


def _responses(consultation: ConsultationPage, people: list[User], rng, *, now) -> int:
    """Bulk responses: each person's answers drawn with preferences that differ a little by
    age (the young want games, the older benches), about 8 % entered at the counter."""
    questions = list(consultation.questions.all())
    span = max(1, int((min(now, consultation.closes_at) - consultation.opens_at).total_seconds()))
    responses = []
    for person in people:
        created = consultation.opens_at + datetime.timedelta(seconds=rng.randrange(span))
        responses.append(
            Response(
                consultation=consultation,
                user=person,
                channel=Channel.COUNTER if rng.random() < 0.08 else Channel.WEB,
                district_id=person.profile.district_id,
                age_bracket=person.profile.age_bracket,
                created_at=created,
                updated_at=created,
            )
        )
    Response.objects.bulk_create(responses, batch_size=500)
    saved = list(Response.objects.filter(consultation=consultation).order_by("pk"))
    answers = []
    for response in saved:
        young = response.age_bracket in ("16-17", "18-29", "30-44")
        for question in questions:
            answers += _answers_for(question, response, rng, young=young)
    Answer.objects.bulk_create(answers, batch_size=1000)
    return len(saved)


def _answers_for(question: Question, response: Response, rng, *, young: bool) -> list[Answer]:
    options = question.option_list
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        weights = [4, 3, 2, 1][: len(options)] if young else [5, 3, 1, 1][: len(options)]
        return [
            Answer(response=response, question=question, choice=rng.choices(options, weights)[0])
        ]
    if kind == Question.Kind.MULTIPLE:
        weights = [6, 4, 5 if young else 2, 3, 2, 4 if young else 1][: len(options)]
        picked = set()
        while len(picked) < rng.randint(1, question.max_choices or len(options)):
            picked.add(rng.choices(options, weights)[0])
        return [Answer(response=response, question=question, choice=c) for c in sorted(picked)]
    if kind == Question.Kind.SCALE:
        value = rng.choices([1, 2, 3, 4, 5], [2, 4, 5, 3, 1] if young else [1, 3, 4, 4, 2])[0]
        return [Answer(response=response, question=question, value=value)]
    if kind == Question.Kind.RANKING:
        order = sorted(options, key=lambda o: rng.random() + (0.4 if o.endswith("jardin") else 0))
        order.reverse()
        return [
            Answer(response=response, question=question, choice=o, rank=r)
            for r, o in enumerate(order, start=1)
        ]
    if kind == Question.Kind.YES_NO:
        yes = rng.random() < (0.7 if young else 0.55)
        return [Answer(response=response, question=question, choice=options[0 if yes else 1])]
    if rng.random() < 0.05:
        return [Answer(response=response, question=question, text=rng.choice(TEXTS))]
    return []
