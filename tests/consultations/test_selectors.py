"""Aggregated counts for the analytics: per day, district, age bracket, channel; completion."""

import pytest

from consultations import selectors, services
from consultations.models import Channel
from tests.factories import CitizenFactory, DistrictFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def test_aggregated_counts_of_responses(default_site, agent):
    page = consultation(default_site)
    gare = DistrictFactory(name="Gare")
    for person in (CitizenFactory(profile__district=gare), CitizenFactory(profile__district=gare)):
        services.response_submit(actor=person, consultation=page, data=Data(full_answers(page)))
    remark = page.questions.get(label="Remarque")
    services.response_submit(
        actor=agent,
        consultation=page,
        data=Data(full_answers(page, **{f"q{remark.pk}": ""})),
        channel=Channel.PHONE,
        age_bracket="75+",
    )
    districts = selectors.responses_per_district(consultation=page)
    assert {r["district"]: r["responses"] for r in districts} == {"Gare": 2, None: 1}
    assert {r["channel"]: r["responses"] for r in selectors.responses_per_channel()} == {
        "phone": 1,
        "web": 2,
    }
    ages = {r["age_bracket"]: r["responses"] for r in selectors.responses_per_age_bracket()}
    assert ages == {"30-44": 2, "75+": 1}
    assert sum(r["responses"] for r in selectors.responses_per_day()) == 3
    assert selectors.responses_submitted().count() == 3
    assert selectors.analytics_completion() == [
        {"consultation": page.title, "responses": 3, "completed": 2, "completion": 66.7}
    ]


def test_the_next_opening_or_closing_expires_cached_pages(default_site):
    from django.utils import timezone

    from civic import hooks as civic

    soon = consultation(default_site, title="Bientôt", opens_in_days=2, closes_in_days=9)
    now = timezone.now()
    assert civic.page_cache_deadline_collect(now) == soon.opens_at
    assert selectors.consultation_next_date(after=soon.opens_at) == soon.closes_at
