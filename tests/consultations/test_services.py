"""Answering a consultation: who may, when, what is refused and with which message."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from civic.accounts import roles
from civic.accounts.models import AgeBracket
from consultations import services
from consultations.models import Answer, Channel, Response
from tests.factories import CitizenFactory, DistrictFactory, UserFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def _submit(page, user, **overrides):
    return services.response_submit(
        actor=user, consultation=page, data=Data(full_answers(page, **overrides))
    )


def test_a_citizen_answers_once_and_the_answers_are_typed(default_site, citizen):
    page = consultation(default_site)
    response = _submit(page, citizen)
    assert response.channel == Channel.WEB
    assert response.district_id == citizen.profile.district_id
    assert response.age_bracket == citizen.profile.age_bracket
    answers = {
        (a.question.label, a.choice, a.rank, a.value, a.text) for a in response.answers.all()
    }
    assert ("Satisfaction", "", None, 4, "") in answers
    assert ("Esquisses", "B", 1, None, "") in answers
    assert ("Souhaits", "Bancs", None, None, "") in answers
    assert ("Remarque", "", None, None, "Plus d'ombre") in answers
    entry = PageLogEntry.objects.get(action="consultations.response.submit")
    assert entry.page_id == page.pk and "Plus d'ombre" not in str(entry.data)


def test_submitting_again_edits_the_one_response(default_site, citizen):
    page = consultation(default_site)
    first = _submit(page, citizen)
    q = page.questions.get(label="Satisfaction")
    second = _submit(page, citizen, **{f"q{q.pk}": "1"})
    assert second.pk == first.pk
    assert Response.objects.filter(consultation=page).count() == 1
    assert Answer.objects.get(response=first, question=q).value == 1


def test_the_district_and_age_are_copied_at_answer_time(default_site, citizen):
    page = consultation(default_site)
    response = _submit(page, citizen)
    citizen.profile.age_bracket = AgeBracket.FROM_75
    citizen.profile.save()
    response.refresh_from_db()
    assert response.age_bracket == AgeBracket.FROM_30_TO_44


@pytest.mark.parametrize(
    ("moment", "code"),
    [(datetime.timedelta(days=-3), "not_open"), (datetime.timedelta(days=12), "closed")],
)
def test_dates_are_enforced(default_site, citizen, moment, code):
    page = consultation(default_site, opens_in_days=-1, closes_in_days=10)
    with time_machine.travel(timezone.now() + moment, tick=False):
        refusal = services.answer_refusal(user=citizen, consultation=page)
        assert refusal.code == code
        with pytest.raises(PermissionDenied, match="ouvrira le|close depuis"):
            _submit(page, citizen)
    assert not Response.objects.exists()


def test_the_last_second_before_closing_counts_the_closing_second_does_not(default_site, citizen):
    page = consultation(default_site)
    with time_machine.travel(page.closes_at - datetime.timedelta(seconds=1), tick=False):
        _submit(page, citizen)
    with time_machine.travel(page.closes_at, tick=False), pytest.raises(PermissionDenied):
        _submit(page, citizen)


def test_an_unverified_account_is_told_to_confirm_its_email(default_site):
    page = consultation(default_site)
    user = UserFactory()
    refusal = services.answer_refusal(user=user, consultation=page)
    assert refusal.code == "unverified" and "Confirmez votre adresse" in refusal.message


def test_outside_the_target_districts_says_how_to_fix_the_profile(default_site, citizen):
    gare = DistrictFactory(name="La Gare")
    page = consultation(default_site, districts=[gare])
    refusal = services.answer_refusal(user=citizen, consultation=page)
    assert refusal.code == "district"
    assert "La Gare" in refusal.message and refusal.fix_url == "/mon-espace/profil/"
    with pytest.raises(PermissionDenied):
        _submit(page, citizen)
    resident = CitizenFactory(profile__district=gare)
    assert services.answer_refusal(user=resident, consultation=page) is None


def test_the_age_bracket_target(default_site):
    page = consultation(default_site, min_age_bracket="16-17", max_age_bracket="18-29")
    young = CitizenFactory(profile__age_bracket="18-29")
    older = CitizenFactory(profile__age_bracket="45-59")
    unknown = CitizenFactory(profile__age_bracket="")
    assert services.answer_refusal(user=young, consultation=page) is None
    assert services.answer_refusal(user=older, consultation=page).code == "age"
    assert services.answer_refusal(user=unknown, consultation=page).code == "no_age"


def test_every_problem_is_reported_beside_its_question(default_site, citizen):
    page = consultation(default_site)
    q = {question.label: question for question in page.questions.all()}
    data = full_answers(
        page,
        **{
            f"q{q['Fréquence'].pk}": "",
            f"q{q['Souhaits'].pk}": ["Arbres", "Bancs", "Jeux"],
            f"q{q['Satisfaction'].pk}": "9",
            f"q{q['Esquisses'].pk}_1": "2",
            f"q{q['Piétonne ?'].pk}": "Peut-être",
            f"q{q['Remarque'].pk}": "x" * 2001,
        },
    )
    with pytest.raises(ValidationError) as raised:
        services.response_submit(actor=citizen, consultation=page, data=Data(data))
    errors = raised.value.message_dict
    assert set(errors) == {f"q{q[label].pk}" for label in q}
    assert "au plus 2 options" in errors[f"q{q['Souhaits'].pk}"][0]
    assert "qu'à une option" in errors[f"q{q['Esquisses'].pk}"][0]
    assert "2001 caractères" in errors[f"q{q['Remarque'].pk}"][0]
    assert not Response.objects.exists()


def test_an_optional_question_may_be_left_empty(default_site, citizen):
    page = consultation(default_site)
    remark = page.questions.get(label="Remarque")
    response = _submit(page, citizen, **{f"q{remark.pk}": ""})
    assert not response.answers.filter(question=remark).exists()


def test_the_author_deletes_their_response_until_closing(default_site, citizen):
    page = consultation(default_site)
    _submit(page, citizen)
    services.response_delete(actor=citizen, consultation=page)
    assert not Response.objects.exists()
    _submit(page, citizen)
    with time_machine.travel(page.closes_at, tick=False), pytest.raises(PermissionDenied):
        services.response_delete(actor=citizen, consultation=page)


def test_an_agent_enters_a_paper_questionnaire_with_its_channel(default_site, agent):
    district = DistrictFactory(name="Centre")
    page = consultation(default_site)
    response = services.response_submit(
        actor=agent,
        consultation=page,
        data=Data(full_answers(page)),
        channel=Channel.MAIL,
        district=district,
        age_bracket="60-74",
    )
    assert response.user is None and response.channel == "mail"
    assert response.district == district and response.age_bracket == "60-74"


def test_an_agent_entry_for_a_citizen_replaces_their_online_answer(default_site, agent, citizen):
    page = consultation(default_site)
    online = _submit(page, citizen)
    paper = services.response_submit(
        actor=agent,
        consultation=page,
        data=Data(full_answers(page)),
        channel=Channel.COUNTER,
        citizen=citizen,
    )
    assert paper.pk == online.pk and paper.channel == "counter"


def test_a_citizen_cannot_enter_a_paper_questionnaire(default_site, citizen):
    page = consultation(default_site)
    with pytest.raises(PermissionDenied):
        services.response_submit(
            actor=citizen, consultation=page, data=Data(full_answers(page)), channel="mail"
        )


def test_staff_roles_answer_online_like_anyone(default_site):
    elected = CitizenFactory(groups=[roles.ELECTED])
    page = consultation(default_site)
    assert _submit(page, elected).channel == "web"
