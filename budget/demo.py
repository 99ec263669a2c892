"""Ingeville's participatory budget, for `manage.py seed_demo`. Idempotent. The words and
numbers are in `demo_content.py`.

* "Budget participatif 2027", in its vote phase (dates relative to now): a city-wide envelope
  and one per district, ~40 projects on the ballot (two transferred from ideas when the ideas
  demo has accepted ones), ~800 voters, some of them on paper at the counter. The demo
  citizen `citoyen@ingeville.fr` has *not* voted, so the demo can show the ballot.
* "Budget participatif 2026", finished: results published under the Method of Equal Shares,
  winning projects followed up (planned, in progress, delivered, abandoned) with milestones.

Projects go through the real services (submission, review, ballot, idea transfer, results,
follow-up); a sample of votes too (`ballot_cast`, `paper_ballot_record`). The bulk of the
votes is written with the same rows `ballot_cast` writes (voter record, anonymous ballots
with receipt hashes), in bulk, so that seeding stays fast; each vote's audit entry is written
by `audit_log` and dated when the vote was cast (`civic.demo.backdate`). Campaigns and
envelopes have no service yet: they are validated and saved as the admin form does. Extra
voters are created with addresses `@votants.ingeville.fr` (the accounts demo has only a few
dozen citizens).
"""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from civic.accounts import roles
from civic.accounts.demo import participation_weights
from civic.accounts.models import AgeBracket, District, Profile, User
from civic.audit import audit_log
from civic.demo.backdate import audit_entries, backdate
from civic.demo.pictures import demo_image
from civic.notifications.services import follow_toggle
from proposals.models import Idea

from . import receipts, results, services
from .ballots import ballot_cast, paper_ballot_record
from .demo_content import (
    ABANDONED,
    CAMPAIGN_2026,
    CAMPAIGN_2027,
    DESCRIPTION,
    FOLLOW_UP,
    INAUGURATION_PALETTE,
    PROJECTS_2026,
    PROJECTS_2027,
    REVIEW_NOTE,
)
from .demo_pictures import SKETCHES, project_sketch
from .models import Ballot, Campaign, Channel, Envelope, Project, ProjectPhoto, VoterRecord

DAY = datetime.timedelta(days=1)
VOTER_DOMAIN = "votants.ingeville.fr"
VOTERS = {"small": 800, "large": 5000}
# `--size large`: each campaign's projects this many times (numbered copies), for load tests.
PROJECT_COPIES = {"small": 1, "large": 10}
CENTRE = (Decimal("47.080000"), Decimal("2.400000"))
CITY = "ville"
DATE_FIELDS = [
    "submission_start",
    "submission_end",
    "review_end",
    "vote_start",
    "vote_end",
    "results_date",
    "followup_start",
]


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
        campaign = _seed_finished_campaign(agent, districts, voters, rng, now, size)
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
        weights = participation_weights(districts)  # Les Hauts de Ville votes little
        brackets = ["18-29", "30-44", "45-59", "60-74", "75+"]
        Profile.objects.bulk_create(
            [
                Profile(
                    user=u,
                    display_name=f"Votant {u.email.split('-')[1].split('@')[0]}",
                    district=rng.choices(districts, weights)[0],
                    # The 18-29 vote little (the demo's uneven participation on purpose).
                    age_bracket=rng.choices(brackets, [6, 34, 30, 20, 10])[0],
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


def _campaign(data: dict, *, now) -> Campaign:
    fields = {k: v for k, v in data.items() if k not in ("offsets", "envelopes")}
    dates = {
        name: now + days * DAY for name, days in zip(DATE_FIELDS, data["offsets"], strict=False)
    }
    campaign = Campaign(**fields, **dates)
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
            description=DESCRIPTION.format(summary=summary),
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
        public_note=REVIEW_NOTE,
    )
    services.project_put_on_ballot(actor=agent, project=project, at=campaign.vote_start - 2 * DAY)


def _transfer_ideas(agent, campaign, envelopes, popularity) -> None:
    """Two accepted ideas of the ideas demo become projects (the real transfer service)."""
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
    """A sketch of what the project is about on the few projects that have one
    (`demo_pictures.SKETCHES`); the others go without a picture rather than a generic one."""
    for project in campaign.projects.filter(title__in=list(SKETCHES)).order_by("pk"):
        ProjectPhoto.objects.create(
            project=project,
            image=project_sketch(project.title),
            alt_text=f"Esquisse du projet : {project.title}",
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
    written in bulk with the rows `ballot_cast` writes (casting hundreds of ballots one by one
    takes half a minute); about 6% of all are paper ballots. Every vote has its audit entry
    (`audit_log`), dated when the vote was cast."""
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
    for record in records:
        audit_log(
            actor=record.recorded_by or record.user,
            action="budget.voterrecord.cast",
            instance=record,
            data={"campaign": campaign.pk, "channel": record.channel},
        )
    for record in campaign.voter_records.all():
        for entry in audit_entries(record):
            backdate(entry, timestamp=record.cast_at)


def _project_rows(rows, size: str) -> list:
    """The demo's projects, repeated with numbered titles at `--size large`."""
    copies = PROJECT_COPIES.get(size, 1)
    return list(rows) + [
        (envelope, f"{title} ({n})", *rest)
        for n in range(2, copies + 1)
        for envelope, title, *rest in rows
    ]


def _seed_open_campaign(agent, districts, voters, rng, now, size) -> Campaign:
    campaign = _campaign(CAMPAIGN_2027, now=now)
    envelopes = _envelopes(campaign, districts, **CAMPAIGN_2027["envelopes"])
    rows = _project_rows(PROJECTS_2027, size)
    popularity = _seed_projects(agent, campaign, envelopes, rows, voters, rng)
    _transfer_ideas(agent, campaign, envelopes, popularity)
    _seed_photos(campaign)
    _seed_votes(
        campaign=campaign, agent=agent, voters=voters, popularity=popularity, rng=rng, now=now
    )
    return campaign


def _seed_finished_campaign(agent, districts, voters, rng, now, size) -> Campaign:
    campaign = _campaign(CAMPAIGN_2026, now=now)
    envelopes = _envelopes(campaign, districts, **CAMPAIGN_2026["envelopes"])
    rows = _project_rows(PROJECTS_2026, size)
    popularity = _seed_projects(agent, campaign, envelopes, rows, voters, rng)
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
    photo = demo_image(title="Inauguration d'un projet lauréat", palette=INAUGURATION_PALETTE)
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
