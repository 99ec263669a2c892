"""The queue's reads: one order across sources, each source's own delay, the summary."""

from datetime import timedelta

import pytest
import time_machine
from django.core.paginator import Paginator
from django.utils import timezone

from budget.models import Project
from civic.moderation import selectors
from proposals.models import Idea
from tests.budget.factories import ProjectFactory
from tests.factories import CitizenFactory
from tests.moderation.factories import IdeaFactory, comment_create, flag_create

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def _at(hours_ago, make):
    with time_machine.travel(NOW - timedelta(hours=hours_ago), tick=False):
        return make()


@pytest.fixture
def mixed_queue(settings):
    """Items of all four sources, waiting 1 to 100 hours, interleaved."""
    settings.CIVIC_MODERATION_DELAY_HOURS = 48
    settings.CIVIC_ANSWER_DELAY_DAYS = 30
    settings.CIVIC_COMMENT_FLAGS_TO_HIDE = 3
    target = IdeaFactory(title="Idée commentée")
    comment = _at(200, lambda: comment_create(obj=target, user=CitizenFactory(), text="Signalé"))
    items = {
        "idea_100h": _at(100, lambda: IdeaFactory(status=Idea.Status.SUBMITTED)),
        "project_80h": _at(
            80, lambda: ProjectFactory(status=Project.Status.SUBMITTED, validated_cost=None)
        ),
        "comment_60h": _at(60, lambda: flag_create(comment, users=[CitizenFactory()]) or comment),
        "answer_40h": _at(40, lambda: IdeaFactory(status=Idea.Status.UNDER_STUDY)),
        "idea_1h": _at(1, lambda: IdeaFactory(status=Idea.Status.SUBMITTED)),
    }
    return {
        name: f"{source}:{items[name].pk}"
        for name, source in [
            ("idea_100h", "ideas"),
            ("project_80h", "budget_projects"),
            ("comment_60h", "comments"),
            ("answer_40h", "idea_answers"),
            ("idea_1h", "ideas"),
        ]
    }


def _keys(user, **filters) -> list[str]:
    rows = selectors.queue_rows(user=user, now=NOW, **filters)
    return [item.key for item in selectors.queue_items(user=user, rows=rows, now=NOW)]


def test_queue_is_oldest_first_across_sources(administrator, mixed_queue):
    assert _keys(administrator) == list(mixed_queue.values())


def test_queue_pages_keep_the_order_across_sources(administrator, mixed_queue):
    paginator = Paginator(selectors.queue_rows(user=administrator, now=NOW), 2)
    pages = [
        [i.key for i in selectors.queue_items(user=administrator, rows=paginator.page(n))]
        for n in paginator.page_range
    ]
    assert paginator.count == 5
    assert pages == [list(mixed_queue.values())[i : i + 2] for i in (0, 2, 4)]


def test_overdue_is_judged_against_each_source_delay(administrator, mixed_queue):
    # 48 hours for contributions; the answer (40 h) has 30 days.
    assert _keys(administrator, overdue_only=True) == [
        mixed_queue["idea_100h"],
        mixed_queue["project_80h"],
        mixed_queue["comment_60h"],
    ]


def test_summary_counts_overdue_and_oldest_per_source(administrator, mixed_queue):
    rows = {row.name: row for row in selectors.queue_summary(user=administrator, now=NOW)}
    assert {name: (row.count, row.overdue) for name, row in rows.items()} == {
        "ideas": (2, 1),
        "budget_projects": (1, 1),
        "comments": (1, 1),
        "idea_answers": (1, 0),
        "consultation_answers": (0, 0),
    }
    assert rows["ideas"].oldest_age == timedelta(hours=100)
    assert rows["comments"].oldest_age == timedelta(hours=60)  # since the report, not the post
    assert selectors.queue_count(user=administrator) == 5


def test_moderator_sees_only_the_sources_of_their_role(moderator, mixed_queue):
    keys = _keys(moderator)
    assert mixed_queue["idea_100h"] in keys and mixed_queue["comment_60h"] in keys
    assert mixed_queue["project_80h"] not in keys
