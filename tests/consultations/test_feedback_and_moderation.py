"""The city's feedback (participants told once), opening notices, and flagged free-text
answers in the moderation queue."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from civic.moderation.sources import sources_for
from consultations import services
from consultations.models import Answer, Feedback, OpeningAlert
from tests.factories import CitizenFactory, DistrictFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def _feedback(page):
    return Feedback(consultation=page, status="decision", body=[("paragraph", "<p>Retenu.</p>")])


def test_publishing_the_feedback_tells_participants_once(
    default_site, elected, mailoutbox, django_capture_on_commit_callbacks
):
    page = consultation(default_site)
    quiet = CitizenFactory(profile__notify_followed=False)
    people = [CitizenFactory(), CitizenFactory(), quiet]
    for person in people:
        services.response_submit(actor=person, consultation=page, data=Data(full_answers(page)))
    feedback = _feedback(page)
    with pytest.raises(ValidationError):
        services.feedback_save(actor=elected, feedback=feedback, publish=True)
    with time_machine.travel(page.closes_at, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.feedback_save(actor=elected, feedback=feedback, publish=True)
        with django_capture_on_commit_callbacks(execute=True):
            services.feedback_save(actor=elected, feedback=feedback, publish=True)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people[:2])
    assert "ce que nous avons retenu" in mailoutbox[0].subject
    assert page.url in mailoutbox[0].body  # the email links to the consultation


def test_a_citizen_cannot_publish_feedback(default_site, citizen):
    page = consultation(default_site, opens_in_days=-10, closes_in_days=-1)
    with pytest.raises(PermissionDenied):
        services.feedback_save(actor=citizen, feedback=_feedback(page), publish=True)


def test_opening_notices_go_to_subscribers_of_the_target_districts(
    default_site, mailoutbox, django_capture_on_commit_callbacks
):
    gare, centre = DistrictFactory(name="Gare"), DistrictFactory(name="Centre")
    inside = CitizenFactory(profile__district=gare)
    outside = CitizenFactory(profile__district=centre)
    not_subscribed = CitizenFactory(profile__district=gare)
    for person in (inside, outside):
        OpeningAlert.objects.create(user=person)
    page = consultation(default_site, opens_in_days=2, districts=[gare])
    with (
        time_machine.travel(page.opens_at, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.openings_notify() == 1
        assert services.openings_notify() == 0  # announced once
    assert [m.to for m in mailoutbox] == [[inside.email]]
    assert not_subscribed.email not in str([m.to for m in mailoutbox])


def test_a_flagged_answer_waits_in_the_queue_and_a_moderator_hides_it(
    default_site, citizen, moderator
):
    page = consultation(default_site, results_visibility="live")
    services.response_submit(actor=citizen, consultation=page, data=Data(full_answers(page)))
    answer = Answer.objects.exclude(text="").get()
    reader = CitizenFactory()
    assert services.answer_flag(actor=reader, answer=answer) is True
    assert services.answer_flag(actor=reader, answer=answer) is False
    source = next(s for s in sources_for(moderator) if s.name == "consultation_answers")
    assert list(source.pending().values_list("pk", flat=True)) == [answer.pk]
    item = source.items_for([answer.pk])[answer.pk]
    assert item.excerpt == "Plus d'ombre" and item.author_name == ""
    source.perform(actor=moderator, action="hide", obj=source.get_object(answer.pk), data={})
    answer.refresh_from_db()
    assert answer.hidden and not source.pending().exists()
    assert citizen.email not in str(item)


def test_flagging_from_the_results_page(client, default_site, citizen):
    page = consultation(default_site, results_visibility="live")
    services.response_submit(actor=citizen, consultation=page, data=Data(full_answers(page)))
    answer = Answer.objects.exclude(text="").get()
    client.force_login(CitizenFactory())
    response = client.post(page.url + f"signaler/{answer.pk}/", follow=True)
    assert "la modération va examiner" in response.content.decode()
    assert answer.flags.count() == 1
    assert client.post(page.url + "signaler/999999/").status_code == 404
