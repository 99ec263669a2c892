"""Comments on budget projects: same rules as ideas (verified citizens, open projects only),
and the project's first author is told."""

import pytest
from django.core import mail
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from budget.models import Project
from civic.notifications.services import follow_toggle
from tests.budget.factories import ProjectFactory
from tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def post(client, project, **extra):
    from django_comments_xtd import get_form

    form = get_form()(project)
    data = {
        name: form.initial.get(name, "")
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update({"reply_to": 0, "next": project.get_absolute_url(), "post": "1", **extra})
    return client.post(reverse("comments-post-comment"), data)


def test_citizen_comments_a_project_on_the_ballot_and_its_author_is_told(
    client, citizen, django_capture_on_commit_callbacks
):
    author = CitizenFactory(email="porteuse@example.org")
    project = ProjectFactory(authors=[author, CitizenFactory()])
    client.force_login(citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, project, comment="Très bon projet pour le quartier.")

    comment = XtdComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{project.get_absolute_url()}#c{comment.pk}"
    assert comment.content_object == project and comment.is_public
    assert [m.to for m in mail.outbox] == [["porteuse@example.org"]]


def test_closed_or_unstudied_projects_refuse_comments(client, citizen):
    client.force_login(citizen)
    for status in (Project.Status.INELIGIBLE, Project.Status.NOT_SELECTED):
        project = ProjectFactory(status=status, public_note="Hors compétence communale.")
        response = post(client, project, comment="Dommage")
        assert response.status_code == 403
        assert "fermés" in response.content.decode()
    assert not XtdComment.objects.exists()


def test_anonymous_cannot_comment_and_public_projects_can_be_followed(client, citizen):
    project = ProjectFactory()
    response = post(client, project, comment="Anonyme")
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not XtdComment.objects.exists()

    assert follow_toggle(user=citizen, obj=project) is True
    hidden = ProjectFactory(status=Project.Status.SUBMITTED)
    with pytest.raises(Exception, match="suivi"):
        follow_toggle(user=citizen, obj=hidden)
