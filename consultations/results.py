"""Results of a consultation: aggregates computed in SQL (GROUP BY), shaped into frames by
pandas, drawn as plotly figures, each with the table of the same figures.

A fixed number of queries whatever the number of questions or responses: one GROUP BY per
kind of aggregate, over all the questions of the consultation at once. Nothing here reads
an individual response; the breakdowns by district and age bracket show a cell only when
at least `SMALL_CELL` people are in it ("< 10" otherwise).
"""

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from django.db.models import Count
from django.utils.translation import gettext as _

from civic import charts
from civic.accounts.models import AgeBracket

from .models import Answer, ConsultationPage, Question, Response

SMALL_CELL = 10
SMALL_CELL_LABEL = "< 10"
PUBLISHED_TEXTS_LIMIT = 200
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.YES_NO)


def suppressed(count: int) -> str | int:
    """A cell of a breakdown: its count, or "< 10" when fewer people are in it."""
    return count if count >= SMALL_CELL else SMALL_CELL_LABEL


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    rows: list[dict] = field(default_factory=list)  # the table: one dict per line
    mean: float | None = None
    texts: list[Answer] = field(default_factory=list)
    figure: dict | None = None  # civic.charts spec
    breakdowns: list[dict] = field(default_factory=list)

    @property
    def figure_id(self) -> str:
        return f"question-chart-{self.question.pk}"


@dataclass
class ConsultationResults:
    participants: int
    questions: list[QuestionResult]
    by_district: list[dict]
    by_age: list[dict]


def borda_scores(ranks: pd.DataFrame, options: list[str]) -> pd.DataFrame:
    """Borda score of each option from `ranks` (columns choice, rank, n): with k options, a
    first place is worth k - 1 points, a last place 0. Also the mean rank. Sorted by score."""
    k = len(options)
    frame = ranks.copy()
    frame["points"] = (k - frame["rank"]) * frame["n"]
    frame["rank_sum"] = frame["rank"] * frame["n"]
    grouped = frame.groupby("choice")[["points", "n", "rank_sum"]].sum()
    grouped = grouped.reindex(options, fill_value=0)
    grouped["mean_rank"] = (grouped["rank_sum"] / grouped["n"].where(grouped["n"] > 0)).round(2)
    grouped["first"] = (
        frame[frame["rank"] == 1].groupby("choice")["n"].sum().reindex(options, fill_value=0)
    )
    grouped = grouped.reset_index().rename(columns={"index": "choice"})
    return grouped.sort_values(["points", "choice"], ascending=[False, True], kind="stable")


def scale_summary(values: pd.DataFrame) -> tuple[pd.DataFrame, float | None]:
    """Distribution over 1..5 (columns value, n, percent) and the mean, from (value, n)."""
    frame = values.set_index("value").reindex(range(1, 6), fill_value=0)["n"].reset_index()
    total = int(frame["n"].sum())
    frame["percent"] = (100 * frame["n"] / total).round(1) if total else 0.0
    mean = round(float((frame["value"] * frame["n"]).sum() / total), 2) if total else None
    return frame, mean


def _scale_figure(labels, values) -> dict:
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker={"color": charts.PRIMARY},
            hovertemplate="%{x} : %{y}<extra></extra>",
        )
    )
    figure.update_layout(
        height=280,
        xaxis={"type": "category", "automargin": True},
        yaxis={"rangemode": "tozero", "automargin": True},
    )
    return charts.spec(figure)


def _breakdown(frame: pd.DataFrame, *, by: str, labels: dict, options: list[str]) -> dict:
    """A crosstab of people per (group, option) with small cells suppressed."""
    if frame.empty:
        return {"by": by, "columns": options, "rows": []}
    table = frame.pivot_table(index="group", columns="choice", values="n", aggfunc="sum")
    table = table.reindex(columns=options).fillna(0).astype(int)
    rows = []
    for group, counts in table.iterrows():
        rows.append(
            {
                "label": labels.get(group, group) or _("Non renseigné"),
                "cells": [suppressed(int(counts[o])) for o in options],
            }
        )
    return {"by": by, "columns": options, "rows": rows}


def consultation_results(consultation: ConsultationPage) -> ConsultationResults:
    """Every figure of the results page, in a fixed number of queries."""
    questions = list(consultation.questions.all())
    answers = Answer.objects.filter(question__page=consultation).order_by()
    responses = Response.objects.filter(consultation=consultation).order_by()
    participants = responses.count()
    respondents = dict(
        answers.values("question_id")
        .annotate(n=Count("response", distinct=True))
        .values_list("question_id", "n")
    )
    choices = pd.DataFrame(
        list(
            answers.filter(question__kind__in=CHOICE_KINDS)
            .values("question_id", "choice")
            .annotate(n=Count("pk"))
        ),
        columns=["question_id", "choice", "n"],
    )
    scales = pd.DataFrame(
        list(
            answers.filter(question__kind=Question.Kind.SCALE)
            .values("question_id", "value")
            .annotate(n=Count("pk"))
        ),
        columns=["question_id", "value", "n"],
    )
    ranks = pd.DataFrame(
        list(
            answers.filter(question__kind=Question.Kind.RANKING)
            .values("question_id", "choice", "rank")
            .annotate(n=Count("pk"))
        ),
        columns=["question_id", "choice", "rank", "n"],
    )
    district_choices = pd.DataFrame(
        list(
            answers.filter(question__kind__in=CHOICE_KINDS)
            .values("question_id", "choice", "response__district__name")
            .annotate(n=Count("pk"))
        ),
        columns=["question_id", "choice", "response__district__name", "n"],
    ).rename(columns={"response__district__name": "group"})
    age_choices = pd.DataFrame(
        list(
            answers.filter(question__kind__in=CHOICE_KINDS)
            .values("question_id", "choice", "response__age_bracket")
            .annotate(n=Count("pk"))
        ),
        columns=["question_id", "choice", "response__age_bracket", "n"],
    ).rename(columns={"response__age_bracket": "group"})
    texts: dict[int, list[Answer]] = {}
    published = [q.pk for q in questions if q.kind == Question.Kind.TEXT and q.publish_text_answers]
    if published:
        for answer in (
            answers.filter(question_id__in=published, hidden=False)
            .exclude(text="")
            .order_by("question_id", "-response__created_at", "pk")[:PUBLISHED_TEXTS_LIMIT]
        ):
            texts.setdefault(answer.question_id, []).append(answer)
    age_labels = {value: str(label) for value, label in AgeBracket.choices}

    results = []
    for question in questions:
        result = QuestionResult(question=question, respondents=respondents.get(question.pk, 0))
        options = question.option_list
        if question.kind in CHOICE_KINDS:
            counts = choices[choices["question_id"] == question.pk].set_index("choice")["n"]
            counts = counts.reindex(options, fill_value=0)
            total = result.respondents
            result.rows = [
                {
                    "label": option,
                    "count": int(counts[option]),
                    "percent": round(100 * int(counts[option]) / total, 1) if total else 0.0,
                }
                for option in options
            ]
            result.figure = charts.bars(options, [row["count"] for row in result.rows])
            for frame, by, labels in (
                (district_choices, _("Quartier"), {}),
                (age_choices, _("Tranche d'âge"), age_labels),
            ):
                result.breakdowns.append(
                    _breakdown(
                        frame[frame["question_id"] == question.pk],
                        by=by,
                        labels=labels,
                        options=options,
                    )
                )
        elif question.kind == Question.Kind.SCALE:
            frame, result.mean = scale_summary(scales[scales["question_id"] == question.pk])
            result.rows = [
                {
                    "label": _scale_label(question, int(r.value)),
                    "count": int(r.n),
                    "percent": r.percent,
                }
                for r in frame.itertuples()
            ]
            result.figure = _scale_figure(
                [row["label"] for row in result.rows], [row["count"] for row in result.rows]
            )
        elif question.kind == Question.Kind.RANKING:
            frame = borda_scores(ranks[ranks["question_id"] == question.pk], options)
            result.rows = [
                {
                    "label": r.choice,
                    "points": int(r.points),
                    "first": int(r.first),
                    "mean_rank": None if pd.isna(r.mean_rank) else float(r.mean_rank),
                }
                for r in frame.itertuples()
            ]
            result.figure = charts.bars(
                [row["label"] for row in result.rows], [row["points"] for row in result.rows]
            )
        else:
            result.texts = texts.get(question.pk, [])
        results.append(result)

    by_district = (
        responses.values("district__name").annotate(n=Count("pk")).order_by("district__name")
    )
    by_age = responses.values("age_bracket").annotate(n=Count("pk")).order_by("age_bracket")
    return ConsultationResults(
        participants=participants,
        questions=results,
        by_district=[
            {"label": r["district__name"] or _("Non renseigné"), "count": suppressed(r["n"])}
            for r in by_district
        ],
        by_age=[
            {
                "label": age_labels.get(r["age_bracket"]) or _("Non renseigné"),
                "count": suppressed(r["n"]),
            }
            for r in by_age
        ],
    )


def _scale_label(question: Question, value: int) -> str:
    if value == 1 and question.scale_min_label:
        return f"1 — {question.scale_min_label}"
    if value == 5 and question.scale_max_label:
        return f"5 — {question.scale_max_label}"
    return str(value)
