"""The ideas demo: ~40 ideas in every status, each with the history and audit trail the
services write, dated over the last three months; idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.utils import timezone
from django_comments.models import CommentFlag

from civic.accounts import demo as accounts_demo
from civic.demo.backdate import audit_entries
from proposals import demo
from proposals.demo_content import IDEAS
from proposals.models import Idea, IdeaStatusChange, Support

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(demo_transaction, django_db_blocker):
    """The accounts and ideas demos, seeded once for the module."""
    with django_db_blocker.unblock():
        accounts_demo.seed(stdout=StringIO())
        demo.seed(stdout=StringIO())


def test_every_status_is_shown_with_its_history_and_audit_trail(seeded):
    ideas = Idea.objects.order_by("created_at")
    assert [idea.title for idea in ideas] == [row["title"] for row in IDEAS]
    assert set(ideas.values_list("status", flat=True)) == set(Idea.Status.values)
    week_ago = timezone.now() - timedelta(days=7)
    for idea in ideas:
        history = list(idea.status_changes.order_by("created_at"))
        assert history[0].to_status == Idea.Status.SUBMITTED
        assert history[-1].to_status == idea.status
        assert all(change.created_at < week_ago for change in history[:-1])
        entries = audit_entries(idea)
        assert entries[0].action == "proposals.idea.submit"
        assert entries[0].timestamp == idea.created_at
        assert len([e for e in entries if e.action != "proposals.idea.answer"]) >= len(history)
        if idea.official_answer:
            assert idea.answered_by is not None and idea.answered_at > idea.created_at
    duplicate = Idea.objects.get(status=Idea.Status.DUPLICATE)
    assert duplicate.duplicate_of.title == IDEAS[0]["title"]
    assert Idea.objects.filter(channel=Idea.Channel.COUNTER).exclude(submitted_by=None).count() == 4
    assert Idea.objects.exclude(photo="").count() == 4


def test_supports_comments_and_a_flag_for_the_moderators(seeded):
    assert Support.objects.count() > 200
    assert not Support.objects.filter(idea__status=Idea.Status.DUPLICATE).exists()
    flag = CommentFlag.objects.get(flag=CommentFlag.SUGGEST_REMOVAL)
    assert flag.comment.comment.startswith("Encore un local qui fera du bruit")
    assert flag.comment.is_public


def test_second_run_changes_nothing(seeded):
    counts = (Idea.objects.count(), IdeaStatusChange.objects.count(), Support.objects.count())
    demo.seed(stdout=StringIO())
    assert (
        Idea.objects.count(),
        IdeaStatusChange.objects.count(),
        Support.objects.count(),
    ) == counts
