"""A small hand-worked town for the analytics tests (every figure worked out below).

Districts: Nord (6,000 inhabitants) and Sud (4,000). Age pyramids (18-29 / 30-44 / 45-59):
Nord 1,200 / 2,400 / 2,400, Sud 800 / 1,600 / 1,600: the city is 20 % / 40 % / 40 %.

Period: November 2026 (previous period: 2 to 31 October 2026).
- 27 Nord citizens (14 aged 30-44, 13 aged 45-59) each submit one published idea on
  10 November (25 on the web, 2 at the counter); 15 of the 25 web authors vote at the counter
  on 20 November.
- 12 Sud citizens (3 aged 18-29, 9 aged 30-44) each support an idea and vote on the web on
  20 November.
- In the previous period, 10 other Nord citizens (30-44) submitted an idea on 15 October.
All 39 current participants joined on 5 November; the 10 earlier ones on 10 October.

So: 39 unique participants (previous 10), 27 ideas (10), 12 supports (0), 27 votes (0).
By district: Nord 27, Sud 12 -> shares 69.2 % / 30.8 % against 60 % / 40 % -> indexes 1.15 and
0.77 (Sud under-represented). By age: 18-29: 3 (hidden), 30-44: 23, 45-59: 13 (hidden by
secondary suppression, else 39 - 23 - 13 = 3).
Channels: web 25 ideas + 12 supports + 12 votes = 49 contributions by 37 people; counter
2 ideas + 15 votes = 17 contributions by 17 people.
Votes of the campaign: Nord 15 (0.25 %), Sud 12 (0.3 %); 12 on the web, 15 at the counter.
Decisions: three ideas published 10 h, 20 h and 60 h after submission: median 20 h.
"""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from budget.models import Channel, VoterRecord
from civic.accounts import roles
from civic.accounts.models import AgeBracket, DistrictAgeBracket, User
from proposals.models import Idea, IdeaStatusChange, Support
from tests.budget.factories import CampaignFactory, EnvelopeFactory, ProjectFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.proposals.factories import IdeaFactory, ThemeFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(day: datetime.date | str, hour: int = 12) -> datetime.datetime:
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def town(db):
    nord = DistrictFactory(name="Nord", slug="nord", population=6000)
    sud = DistrictFactory(name="Sud", slug="sud", population=4000)
    for district, pops in ((nord, (1200, 2400, 2400)), (sud, (800, 1600, 1600))):
        for bracket, pop in zip(("18-29", "30-44", "45-59"), pops, strict=True):
            DistrictAgeBracket.objects.create(district=district, bracket=bracket, population=pop)
    theme = ThemeFactory(name="Mobilité", slug="mobilite")

    def citizen(district, bracket, joined):
        user = CitizenFactory(profile__district=district, profile__age_bracket=bracket)
        User.objects.filter(pk=user.pk).update(date_joined=at(joined))
        return user

    nord_people = [citizen(nord, AgeBracket.FROM_30_TO_44, "2026-11-05") for _ in range(14)]
    nord_people += [citizen(nord, AgeBracket.FROM_45_TO_59, "2026-11-05") for _ in range(13)]
    sud_people = [citizen(sud, AgeBracket.FROM_18_TO_29, "2026-11-05") for _ in range(3)]
    sud_people += [citizen(sud, AgeBracket.FROM_30_TO_44, "2026-11-05") for _ in range(9)]
    earlier = [citizen(nord, AgeBracket.FROM_30_TO_44, "2026-10-10") for _ in range(10)]

    ideas = []
    for i, person in enumerate(nord_people):
        channel = Idea.Channel.COUNTER if i >= 25 else Idea.Channel.WEB
        ideas.append(IdeaFactory(author=person, theme=theme, channel=channel))
    Idea.objects.filter(pk__in=[i.pk for i in ideas]).update(created_at=at("2026-11-10"))
    old = [IdeaFactory(author=p, theme=theme) for p in earlier]
    Idea.objects.filter(pk__in=[i.pk for i in old]).update(created_at=at("2026-10-15"))
    for person, idea in zip(sud_people, ideas, strict=False):
        Support.objects.create(user=person, idea=idea)
    Support.objects.update(created_at=at("2026-11-20"))
    for idea, hours in zip(ideas[:3], (10, 20, 60), strict=True):
        change = IdeaStatusChange.objects.create(
            idea=idea, from_status=Idea.Status.SUBMITTED, to_status=Idea.Status.PUBLISHED
        )
        IdeaStatusChange.objects.filter(pk=change.pk).update(
            created_at=at("2026-11-10") + datetime.timedelta(hours=hours)
        )

    campaign = CampaignFactory(
        title="BP 2027",
        slug="bp-2027",
        submission_start=at("2026-06-01"),
        submission_end=at("2026-07-01"),
        review_end=at("2026-10-01"),
        vote_start=at("2026-11-15"),
        vote_end=at("2026-12-15"),
        results_date=at("2026-12-20"),
    )
    envelope = EnvelopeFactory(campaign=campaign)
    ProjectFactory(envelope=envelope, authors=[earlier[0]])
    ProjectFactory(envelope=envelope, authors=[earlier[1]], status="eligible")
    from budget.models import Project

    Project.objects.update(created_at=at("2026-07-15"))
    for person in sud_people:
        VoterRecord.objects.create(
            campaign=campaign,
            user=person,
            district=sud,
            channel=Channel.WEB,
            cast_at=at("2026-11-20"),
        )
    for person in nord_people[:15]:
        VoterRecord.objects.create(
            campaign=campaign,
            user=person,
            district=nord,
            channel=Channel.COUNTER,
            cast_at=at("2026-11-20"),
        )

    def staff(group):
        return CitizenFactory(groups=[group], profile__district=nord)

    return SimpleNamespace(
        nord=nord,
        sud=sud,
        theme=theme,
        campaign=campaign,
        since=datetime.date(2026, 11, 1),
        until=datetime.date(2026, 11, 30),
        agent=staff(roles.STAFF),
        elected=staff(roles.ELECTED),
        moderator=staff(roles.MODERATORS),
        citizen=staff(roles.CITIZENS),
        administrator=CitizenFactory(
            groups=[roles.ADMINISTRATORS],
            is_staff=True,
            is_superuser=True,
            profile__district=nord,
        ),
    )
