"""The moderation queue stays as cheap with 500 waiting items as with 10, for every source:
the queue page, the admin home (its queue panel) and the menu badge."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from budget.models import Campaign, Project
from civic.moderation import selectors
from proposals.models import Idea
from tests.budget.factories import CampaignFactory, EnvelopeFactory
from tests.factories import CitizenFactory, DistrictFactory
from tests.moderation.factories import ThemeFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


def _ideas(count, **fields) -> list[Idea]:
    """`count` ideas in one INSERT, the older half past the moderation delay."""
    author, theme, district = CitizenFactory(), ThemeFactory(), DistrictFactory()
    ideas = Idea.objects.bulk_create(
        Idea(
            title=f"Idée {n}",
            body="Planter des arbres le long de l'avenue.",
            author=author,
            theme=theme,
            district=district,
            **fields,
        )
        for n in range(count)
    )
    old = timezone.now() - timedelta(days=40)
    Idea.objects.filter(pk__in=[idea.pk for idea in ideas[: count // 2]]).update(created_at=old)
    return ideas


def _pending_ideas(count):
    _ideas(count, status=Idea.Status.SUBMITTED)


def _ideas_awaiting_answer(count):
    _ideas(count, status=Idea.Status.UNDER_STUDY, published_at=timezone.now())


def _projects(count, **fields) -> list[Project]:
    envelope = EnvelopeFactory(
        campaign=CampaignFactory(phase=Campaign.Phase.REVIEW), district=DistrictFactory()
    )
    projects = Project.objects.bulk_create(
        Project(
            campaign=envelope.campaign,
            envelope=envelope,
            title=f"Projet {n}",
            summary="Un projet pour le quartier.",
            description="Description du projet.",
            estimated_cost=100_000,
            **fields,
        )
        for n in range(count)
    )
    authors = [CitizenFactory(), CitizenFactory()]
    Project.authors.through.objects.bulk_create(
        Project.authors.through(project_id=project.pk, user_id=authors[n % 2].pk)
        for n, project in enumerate(projects)
    )
    return projects


def _projects_to_review(count):
    _projects(count, status=Project.Status.SUBMITTED)


def _flagged_comments(count):
    """`count` reported comments, on as many ideas and budget projects (half each)."""
    targets = [
        *_ideas(count - count // 2, status=Idea.Status.PUBLISHED, published_at=timezone.now()),
        *_projects(count // 2, status=Project.Status.ON_BALLOT, validated_cost=100_000),
    ]
    commenter, reporter = CitizenFactory(), CitizenFactory()
    site = Site.objects.get_current()
    now = timezone.now()
    # XtdComment extends django_comments' Comment (two tables): no bulk_create.
    comments = [
        XtdComment(
            content_type=ContentType.objects.get_for_model(target),
            object_pk=str(target.pk),
            site=site,
            user=commenter,
            user_name="Camille D.",
            user_email=commenter.email,
            comment=f"Commentaire {n}",
            submit_date=now,
            ip_address="203.0.113.7",
        )
        for n, target in enumerate(targets)
    ]
    for comment in comments:
        comment.save()
    CommentFlag.objects.bulk_create(
        CommentFlag(comment=comment, user=reporter, flag=CommentFlag.SUGGEST_REMOVAL, flag_date=now)
        for comment in comments
    )


SOURCES = {
    "ideas": _pending_ideas,
    "idea_answers": _ideas_awaiting_answer,
    "budget_projects": _projects_to_review,
    "comments": _flagged_comments,
}


def _queries(client, user, *, waiting: int) -> dict[str, int]:
    """Queries of the queue page, the admin home and the menu badge, each checked to show
    the `waiting` items (the queue's first page of them)."""
    counts = {}
    pages = {}
    for name, url in [("queue", QUEUE), ("home", "/admin/")]:
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        counts[name] = len(context.captured_queries)
        pages[name] = response.content.decode()
    assert pages["queue"].count('name="items"') == min(waiting, 50)
    assert f"{waiting} éléments attendent une décision" in pages["home"]
    with CaptureQueriesContext(connection) as context:
        assert selectors.queue_count(user=user) == waiting
    counts["badge"] = len(context.captured_queries)
    return counts


@pytest.mark.parametrize("source", SOURCES)
def test_queue_queries_do_not_grow_with_the_number_of_items(client, administrator, source):
    client.force_login(administrator)
    for url in (QUEUE, "/admin/"):  # warms per-process caches (content types, site, settings)
        client.get(url)
    SOURCES[source](10)
    few = _queries(client, administrator, waiting=10)
    SOURCES[source](490)
    many = _queries(client, administrator, waiting=500)
    assert many == few, f"{source}: 10 items {few}, 500 items {many}"
