"""Ingeville's ideas box, for `manage.py seed_demo`: themes, ~40 ideas in every status,
supports, comments, a flagged comment. The words are in `demo_content.py`.

Every idea goes through the services, as a citizen's would: `idea_submit`, then the
moderator's and the city's decisions (`idea_publish`, `idea_study`, ...), supports while it
is open to them (`support_add`), the official answer (`idea_answer`); so each idea has its
full status history and audit entries. The story began three months ago: the dates the
services stamp with the present are moved afterwards by `civic.demo.backdate`. The
services' emails go to fictitious addresses; `seed_demo` holds them.

Idempotent: themes are found by slug and ideas by title, so running it again changes nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from civic.accounts.demo import demo_citizens
from civic.accounts.models import District, User
from civic.demo.backdate import audit_entries, backdate
from civic.demo.pictures import demo_picture
from civic.moderation.services import comment_flag

from . import services
from .demo_content import COMMENTS, IDEAS, THEMES
from .models import Idea, Support, Theme

S = Idea.Status
CENTRE = (Decimal("47.080000"), Decimal("2.400000"))

# The decisions that bring a new idea to each status, in order: (service, who decides).
MODERATOR, CITY, AUTHOR = "moderator", "city", "author"
PATHS = {
    S.SUBMITTED: [],
    S.WITHDRAWN: [(services.idea_withdraw, AUTHOR)],
    S.REJECTED: [(services.idea_reject, MODERATOR)],
    S.PUBLISHED: [(services.idea_publish, MODERATOR)],
    S.UNDER_STUDY: [(services.idea_publish, MODERATOR), (services.idea_study, CITY)],
    S.ACCEPTED: [
        (services.idea_publish, MODERATOR),
        (services.idea_study, CITY),
        (services.idea_accept, CITY),
    ],
    S.NOT_RETAINED: [
        (services.idea_publish, MODERATOR),
        (services.idea_study, CITY),
        (services.idea_not_retain, CITY),
    ],
    S.TRANSFERRED: [
        (services.idea_publish, MODERATOR),
        (services.idea_study, CITY),
        (services.idea_accept, CITY),
        (services.idea_transfer, CITY),
    ],
    S.IMPLEMENTED: [
        (services.idea_publish, MODERATOR),
        (services.idea_study, CITY),
        (services.idea_accept, CITY),
        (services.idea_implement, CITY),
    ],
    S.DUPLICATE: [(services.idea_publish, MODERATOR), (services.idea_mark_duplicate, MODERATOR)],
}
TRANSFERRED_TO = "/budget-participatif/"
COUNTER_EVERY = 11  # every 11th idea (the 6th, the 17th...) was entered at the counter
# `--size large`: published ideas added in bulk, ten times the demo's own.
LARGE_EXTRA_IDEAS = 400
LARGE_PREFIX = "Idée de charge n° "


def seed(*, stdout, size: str = "small") -> None:
    themes = _seed_themes()
    people = _demo_people()
    if people is None:
        stdout.write("  Idées : comptes de démo absents, pas d'idées.")
        return
    created = _seed_ideas(themes, *people)
    stdout.write(f"  Idées : {len(themes)} thèmes, {created} idées ajoutées.")
    if size == "large":
        extra = _seed_large_ideas(themes, people[0])
        stdout.write(f"  Idées : {extra} idées publiées ajoutées (volume de test de charge).")


def _seed_themes() -> dict[str, Theme]:
    themes = {}
    for slug, name, description in THEMES:
        theme, _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        themes[slug] = theme
    return themes


def _demo_people():
    """(citizens, moderator, elected official, agent) of the accounts demo, or None."""
    roles = {
        email: User.objects.filter(email=email).first()
        for email in ("moderateur@ingeville.fr", "elu@ingeville.fr", "agent@ingeville.fr")
    }
    citizens = list(demo_citizens()[:60])
    main_citizen = User.objects.filter(email="citoyen@ingeville.fr").first()
    if main_citizen is not None:
        citizens.insert(0, main_citizen)
    if not citizens or None in roles.values():
        return None
    return citizens, *roles.values()


def _seed_ideas(themes, citizens, moderator, elected, agent) -> int:
    existing = set(
        Idea.objects.filter(title__in=[row["title"] for row in IDEAS]).values_list(
            "title", flat=True
        )
    )
    if len(existing) == len(IDEAS):
        return 0
    districts = {d.name: d for d in District.objects.all()}
    deciders = {MODERATOR: moderator, CITY: elected, AUTHOR: None}
    rng = random.Random(2027)
    now = timezone.now()
    by_title = {idea.title: idea for idea in Idea.objects.filter(title__in=existing)}
    created = 0
    for index, row in enumerate(IDEAS):
        if row["title"] in existing:
            continue
        author = citizens[(index * 7) % len(citizens)]
        submitted = now - timedelta(days=90 - index * 2, hours=rng.randint(0, 12))
        idea = _submit(row, index, themes, districts, author, agent)
        status = S(row["status"])
        for step, (service, decider) in enumerate(PATHS[status], start=1):
            last = step == len(PATHS[status])
            reason = row.get("reason", "") if last else ""
            _decide(service, deciders[decider], idea, reason, row, by_title)
            if service is services.idea_publish and status in Idea.LISTED_STATUSES:
                _seed_supports(idea, citizens, rng)
        if row.get("answer"):
            services.idea_answer(actor=elected, idea=idea, text=row["answer"])
        _backdate(idea, submitted, answered=bool(row.get("answer")))
        by_title[idea.title] = idea
        created += 1
    _seed_comments(by_title, citizens)
    return created


def _seed_large_ideas(themes, citizens) -> int:
    """`LARGE_EXTRA_IDEAS` published ideas written in bulk (the rows `idea_submit` and
    `idea_publish` write, without their emails and audit entries), each with a few supports:
    a volume for load tests, not a story. Idempotent (found by their numbered titles)."""
    if Idea.objects.filter(title__startswith=LARGE_PREFIX).exists():
        return 0
    rng = random.Random(LARGE_EXTRA_IDEAS)
    districts = list(District.objects.all())
    now = timezone.now()
    ideas = Idea.objects.bulk_create(
        [
            Idea(
                title=f"{LARGE_PREFIX}{n + 1}",
                body="Une idée ajoutée pour mesurer les pages à dix fois le volume de la démo.",
                theme=rng.choice(list(themes.values())),
                district=rng.choice(districts) if districts and n % 3 else None,
                author=citizens[n % len(citizens)],
                status=rng.choice(Idea.LISTED_STATUSES),
                published_at=now - timedelta(days=n % 90, hours=n % 24),
            )
            for n in range(LARGE_EXTRA_IDEAS)
        ],
        batch_size=500,
    )
    Support.objects.bulk_create(
        [
            Support(idea=idea, user=user)
            for idea in ideas
            for user in rng.sample(citizens, rng.randint(0, min(len(citizens), 8)))
            if user.pk != idea.author_id
        ],
        batch_size=1000,
    )
    return len(ideas)


def _submit(row, index, themes, districts, author, agent) -> Idea:
    location = {}
    if "offset" in row:
        dlat, dlon = row["offset"]
        location = {
            "latitude": CENTRE[0] + Decimal(dlat) / 1000,
            "longitude": CENTRE[1] + Decimal(dlon) / 1000,
        }
    at_counter = index % COUNTER_EVERY == 5
    photo = None
    if "photo" in row:
        photo = demo_picture(
            palette=row["photo"], seed=row["title"], size=(960, 540), format="JPEG"
        )
    return services.idea_submit(
        author=author,
        title=row["title"],
        body=row["body"],
        theme=themes[row["theme"]],
        district=districts.get(row.get("district")),
        photo=photo,
        channel=Idea.Channel.COUNTER if at_counter else Idea.Channel.WEB,
        submitted_by=agent if at_counter else None,
        **location,
    )


def _decide(service, actor, idea, reason, row, by_title) -> None:
    if service is services.idea_withdraw:
        service(author=idea.author, idea=idea)
    elif service is services.idea_publish:
        service(actor=actor, idea=idea)
    elif service is services.idea_mark_duplicate:
        kept = by_title[row["duplicate_of"]]
        reason = reason or f"Cette idée rejoint l'idée « {kept.title} »."
        service(actor=actor, idea=idea, kept=kept, reason=reason)
    elif service is services.idea_transfer:
        service(actor=actor, idea=idea, reason=reason, project_url=TRANSFERRED_TO)
    else:
        service(actor=actor, idea=idea, reason=reason)


def _backdate(idea, submitted, *, answered: bool) -> None:
    """Move the idea's story to the past: submitted on `submitted`, online the next day, its
    decisions recorded nine days apart. One date per event: the idea's `published_at` is the
    day of its publication step, its answer comes with its last decision."""
    changes = list(idea.status_changes.order_by("pk"))
    moments = [
        submitted + timedelta(days=step * 9 + (1 if step else 0)) for step in range(len(changes))
    ]
    published = [m for c, m in zip(changes, moments, strict=True) if c.to_status == S.PUBLISHED]
    published_at = published[0] if published else submitted + timedelta(days=1)
    answered_at = moments[-1] if answered else None
    backdate(
        idea,
        created_at=submitted,
        published_at=published_at if idea.published_at else None,
        answered_at=answered_at,
    )
    for change, moment in zip(changes, moments, strict=True):
        backdate(change, created_at=moment)
    decisions = iter(moments)
    for entry in audit_entries(idea):
        if entry.action == "proposals.idea.answer":
            backdate(entry, timestamp=answered_at)
        else:
            backdate(entry, timestamp=next(decisions))


def _seed_supports(idea, citizens, rng) -> None:
    count = rng.randint(0, min(len(citizens), 45))
    for user in rng.sample(citizens, count):
        if user.pk != idea.author_id:
            services.support_add(user=user, idea=idea)


def _seed_comments(by_title, citizens) -> None:
    """Comments are written as the comment form writes them (there is no posting service);
    the flag goes through the moderation service."""
    content_type = ContentType.objects.get_for_model(Idea)
    posted = timezone.now() - timedelta(days=3)
    for n, discussion in enumerate(COMMENTS):
        idea = by_title.get(discussion["idea"])
        if (
            idea is None
            or XtdComment.objects.filter(content_type=content_type, object_pk=str(idea.pk)).exists()
        ):
            continue
        people = iter(citizens[(n * 5 + 3) % len(citizens) :] + citizens)
        for thread in discussion["threads"]:
            parent = _comment(content_type, idea, next(people), thread["text"], posted)
            for reply in thread.get("replies", []):
                _comment(content_type, idea, next(people), reply, posted, parent=parent)
            if thread.get("flagged"):
                comment_flag(user=citizens[-1], comment=parent)


def _comment(content_type, idea, user, text, posted, parent=None) -> XtdComment:
    profile = getattr(user, "profile", None)
    return XtdComment.objects.create(
        content_type=content_type,
        object_pk=str(idea.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=profile.display_name if profile and profile.display_name else "Habitant",
        user_email=user.email,
        comment=text,
        submit_date=posted,
        is_public=True,
        parent_id=parent.pk if parent else 0,
    )
