"""Results: exact figures on a hand-worked example, and small cells suppressed."""

import pytest

from consultations import results, services
from consultations.models import Answer, Response
from tests.factories import CitizenFactory, DistrictFactory

from .factories import Data, consultation, full_answers

pytestmark = pytest.mark.django_db


def _answer(page, user, ranking, scale, choice="Souvent", wishes=("Arbres",)):
    q = {question.label: question for question in page.questions.all()}
    ranks = {option: str(rank) for rank, option in enumerate(ranking, start=1)}
    data = full_answers(
        page,
        **{
            f"q{q['Esquisses'].pk}_0": ranks["A"],
            f"q{q['Esquisses'].pk}_1": ranks["B"],
            f"q{q['Esquisses'].pk}_2": ranks["C"],
            f"q{q['Satisfaction'].pk}": str(scale),
            f"q{q['Fréquence'].pk}": choice,
            f"q{q['Souhaits'].pk}": list(wishes),
        },
    )
    services.response_submit(actor=user, consultation=page, data=Data(data))


def _by_label(outcome):
    return {r.question.label: r for r in outcome.questions}


def test_borda_mean_and_percentages_on_a_hand_worked_example(default_site):
    page = consultation(default_site)
    # Three people rank A, B, C:  A>B>C, B>A>C, A>C>B  and rate 4, 5, 2.
    _answer(page, CitizenFactory(), "ABC", 4, "Souvent", ["Arbres", "Bancs"])
    _answer(page, CitizenFactory(), "BAC", 5, "Souvent", ["Arbres"])
    _answer(page, CitizenFactory(), "ACB", 2, "Jamais", ["Jeux"])
    outcome = _by_label(results.consultation_results(page))

    # Borda with 3 options: 1st = 2 points, 2nd = 1, 3rd = 0.
    # A: 2 + 1 + 2 = 5; B: 1 + 2 + 0 = 3; C: 0 + 0 + 1 = 1.
    ranking = outcome["Esquisses"].rows
    assert [(r["label"], r["points"], r["first"]) for r in ranking] == [
        ("A", 5, 2),
        ("B", 3, 1),
        ("C", 1, 0),
    ]
    assert [r["mean_rank"] for r in ranking] == [1.33, 2.0, 2.67]

    scale = outcome["Satisfaction"]
    assert scale.mean == 3.67  # (4 + 5 + 2) / 3
    assert [r["count"] for r in scale.rows] == [0, 1, 0, 1, 1]
    assert scale.rows[0]["label"] == "1 — Pas du tout"

    single = {r["label"]: (r["count"], r["percent"]) for r in outcome["Fréquence"].rows}
    assert single == {"Souvent": (2, 66.7), "Parfois": (0, 0.0), "Jamais": (1, 33.3)}
    # Multiple choice: percent of the people who answered the question (sums past 100 %).
    multiple = {r["label"]: r["percent"] for r in outcome["Souhaits"].rows}
    assert multiple == {"Arbres": 66.7, "Bancs": 33.3, "Jeux": 33.3, "Fontaine": 0.0}
    assert results.consultation_results(page).participants == 3


def test_borda_counts_zero_for_an_option_nobody_ranked_first():
    import pandas as pd

    frame = pd.DataFrame(
        [{"choice": "X", "rank": 1, "n": 4}, {"choice": "Y", "rank": 2, "n": 4}],
    )
    scores = results.borda_scores(frame, ["X", "Y", "Z"])
    assert scores.set_index("choice")["points"].to_dict() == {"X": 8, "Y": 4, "Z": 0}


def _bulk(page, district, count, age="30-44", choice="Souvent"):
    question = page.questions.get(label="Fréquence")
    responses = Response.objects.bulk_create(
        [
            Response(consultation=page, channel="web", district=district, age_bracket=age)
            for _n in range(count)
        ]
    )
    Answer.objects.bulk_create(
        [Answer(response=r, question=question, choice=choice) for r in responses]
    )


def test_small_cells_are_shown_as_less_than_ten(default_site):
    page = consultation(default_site)
    centre, gare = DistrictFactory(name="Centre"), DistrictFactory(name="Gare")
    _bulk(page, centre, 12)
    _bulk(page, gare, 9, age="75+")
    _bulk(page, centre, 10, choice="Jamais")
    outcome = results.consultation_results(page)
    assert {r["label"]: r["count"] for r in outcome.by_district} == {"Centre": 22, "Gare": "< 10"}
    by_age = {r["label"]: r["count"] for r in outcome.by_age}
    assert by_age == {"30 à 44 ans": 22, "75 ans et plus": "< 10"}
    frequency = _by_label(outcome)["Fréquence"]
    district_table = frequency.breakdowns[0]
    assert district_table["columns"] == ["Souvent", "Parfois", "Jamais"]
    cells = {row["label"]: row["cells"] for row in district_table["rows"]}
    assert cells == {"Centre": [12, "< 10", 10], "Gare": ["< 10", "< 10", "< 10"]}
    # The overall table is not a breakdown: its counts are exact.
    assert [r["count"] for r in frequency.rows] == [21, 0, 10]


def test_hidden_free_text_answers_are_not_published(default_site, citizen):
    page = consultation(default_site)
    services.response_submit(actor=citizen, consultation=page, data=Data(full_answers(page)))
    other = CitizenFactory()
    remark = page.questions.get(label="Remarque")
    services.response_submit(
        actor=other,
        consultation=page,
        data=Data(full_answers(page, **{f"q{remark.pk}": "Propos déplacé"})),
    )
    Answer.objects.filter(text="Propos déplacé").update(hidden=True)
    texts = _by_label(results.consultation_results(page))["Remarque"].texts
    assert [a.text for a in texts] == ["Plus d'ombre"]
