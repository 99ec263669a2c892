"""The editorial workflow: an Élu writes and submits, an administrator approves; an Élu
never publishes alone. Answered questions are frozen once the consultation has opened."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Workflow

from civic.accounts import roles
from consultations import services
from consultations.models import WORKFLOW_NAME, ConsultationPage
from tests.factories import CitizenFactory

from .factories import Data, consultation, full_answers, index_page

pytestmark = pytest.mark.django_db


def _draft(site, elected):
    page = consultation(site, live=False, slug="projet")
    page.owner = elected
    page.save()
    return page


def test_the_migration_creates_the_workflow_approved_by_administrators(default_site):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.ADMINISTRATORS]
    assert index_page(default_site).get_workflow() == workflow


def test_an_elected_official_cannot_publish_alone(default_site, elected):
    page = _draft(default_site, elected)
    permissions = page.permissions_for_user(elected)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()
    assert not index_page(default_site).permissions_for_user(elected).can_publish_subpage()


def test_the_submitter_cannot_approve_an_administrator_can(default_site, elected, administrator):
    page = _draft(default_site, elected)
    workflow = page.get_workflow()
    state = workflow.start(page, elected)
    task = state.current_task_state.task.specific
    assert task.get_actions(page, elected) == []
    with pytest.raises(PermissionDenied):
        task.on_action(state.current_task_state, elected, "approve")
    assert [a[0] for a in task.get_actions(page, administrator)] == ["reject", "approve", "approve"]
    task.on_action(state.current_task_state, administrator, "approve")
    page.refresh_from_db()
    assert page.live


@override_settings(CIVIC_CONSULTATION_SECOND_ELU_APPROVAL=True)
def test_with_the_setting_a_second_elected_official_approves(default_site, elected):
    page = _draft(default_site, elected)
    state = page.get_workflow().start(page, elected)
    task = state.current_task_state.task.specific
    other = CitizenFactory(groups=[roles.ELECTED])
    assert task.get_actions(page, elected) == []
    assert task.get_actions(page, other)
    task.on_action(state.current_task_state, other, "approve")
    page.refresh_from_db()
    assert page.live


def test_without_the_setting_another_elected_official_cannot_approve(default_site, elected):
    page = _draft(default_site, elected)
    state = page.get_workflow().start(page, elected)
    other = CitizenFactory(groups=[roles.ELECTED])
    assert state.current_task_state.task.specific.get_actions(page, other) == []


def test_an_answered_question_cannot_change_after_the_opening(default_site, citizen):
    from consultations.admin_forms import LOCKED_MESSAGE, ConsultationPageForm

    page = consultation(default_site)
    services.response_submit(actor=citizen, consultation=page, data=Data(full_answers(page)))
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, ConsultationPageForm)
    data = _form_data(page)
    first = page.questions.order_by("sort_order").first()
    data["questions-0-label"] = "Autre question"
    form = form_class(data, instance=page, for_user=citizen)
    assert not form.is_valid()
    assert str(LOCKED_MESSAGE) in str(form.formsets["questions"].forms[0].errors)
    assert first.label == "Fréquence"

    data = _form_data(page)
    data["questions-0-help_text"] = "Une aide ajoutée"
    form = form_class(data, instance=page, for_user=citizen)
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["questions"].forms])


def test_before_the_opening_questions_may_change(default_site, citizen):
    page = consultation(default_site, opens_in_days=3)
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    data = _form_data(page)
    data["questions-0-label"] = "Autre question"
    form = form_class(data, instance=page, for_user=citizen)
    assert form.is_valid(), form.errors


def _form_data(page) -> dict:
    local = timezone.localtime
    questions = list(page.questions.order_by("sort_order"))
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "context-count": "0",
        "opens_at": local(page.opens_at).strftime("%Y-%m-%d %H:%M"),
        "closes_at": local(page.closes_at + datetime.timedelta(minutes=1)).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "results_visibility": page.results_visibility,
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for i, q in enumerate(questions):
        prefix = f"questions-{i}-"
        data.update(
            {
                prefix + "id": str(q.pk),
                prefix + "ORDER": str(i + 1),
                prefix + "kind": q.kind,
                prefix + "label": q.label,
                prefix + "help_text": q.help_text,
                prefix + "options": q.options,
                prefix + "max_choices": "" if q.max_choices is None else str(q.max_choices),
                prefix + "scale_min_label": q.scale_min_label,
                prefix + "scale_max_label": q.scale_max_label,
            }
        )
        if q.required:
            data[prefix + "required"] = "on"
        if q.publish_text_answers:
            data[prefix + "publish_text_answers"] = "on"
    return data
