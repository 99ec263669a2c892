"""The questionnaire as a Django form: one field per question (one per option for a ranking).

The form only renders; `services.answers_clean` validates, so the web form, the agents'
paper entry and the API refuse the same things with the same messages.
"""

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from civic.accounts.models import AgeBracket, District

from .models import TEXT_ANSWER_MAX, Channel, Question
from .services import field_name


class ResponseForm(forms.Form):
    def __init__(self, *args, questions: list[Question], initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.ranking_errors: dict[int, list[str]] = {}
        initial = _initial(questions, initial_answers or [])
        for question in questions:
            name = field_name(question)
            options = [(o, o) for o in question.option_list]
            common = {
                "label": question.label,
                "required": question.required,
                "help_text": question.help_text,
            }
            kind = question.kind
            if kind in (Question.Kind.SINGLE, Question.Kind.YES_NO):
                field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
            elif kind == Question.Kind.MULTIPLE:
                if question.max_choices:
                    common["help_text"] = " ".join(
                        filter(
                            None,
                            [
                                question.help_text,
                                str(_("%(n)s choix au plus.") % {"n": question.max_choices}),
                            ],
                        )
                    )
                field = forms.MultipleChoiceField(
                    choices=options, widget=forms.CheckboxSelectMultiple, **common
                )
            elif kind == Question.Kind.SCALE:
                field = forms.ChoiceField(
                    choices=[(str(v), _scale_choice(question, v)) for v in range(1, 6)],
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    **common,
                )
            elif kind == Question.Kind.TEXT:
                common["help_text"] = " ".join(
                    filter(None, [question.help_text, str(_("2 000 caractères au plus."))])
                )
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_ANSWER_MAX}),
                    **common,
                )
            else:
                ranks = [("", _("— rang —"))] + [
                    (str(r), str(r)) for r in range(1, len(options) + 1)
                ]
                for index, (option, _label) in enumerate(options):
                    self.fields[field_name(question, index)] = forms.ChoiceField(
                        label=option, choices=ranks, required=False
                    )
                    self.initial.setdefault(
                        field_name(question, index), initial.get((question.pk, option), "")
                    )
                continue
            self.fields[name] = field
            if name in initial:
                self.initial.setdefault(name, initial[name])

    def questions_rendered(self):
        """(question, bound field or ranking fields, ranking errors) in order, for the
        template: one fieldset each."""
        for question in self.questions:
            if question.kind == Question.Kind.RANKING:
                fields = [self[field_name(question, i)] for i in range(len(question.option_list))]
                yield {
                    "question": question,
                    "ranking": fields,
                    "errors": self.ranking_errors.get(question.pk, []),
                    "id": field_name(question),
                }
            else:
                yield {"question": question, "field": self[field_name(question)]}

    def error_links(self) -> list[dict]:
        """One entry a question in error, in questionnaire order, for the summary at the
        top: the anchor of its fieldset, its label and its first message."""
        links = []
        for question in self.questions:
            if question.kind == Question.Kind.RANKING:
                messages = self.ranking_errors.get(question.pk, [])
            else:
                messages = self.errors.get(field_name(question), [])
            if messages:
                links.append(
                    {
                        "anchor": f"question-{question.pk}",
                        "label": question.label,
                        "message": messages[0],
                    }
                )
        return links

    def show_service_errors(self, error) -> None:
        """Put the service's messages beside their questions, keeping what was typed."""
        self.full_clean()
        self._errors = ErrorDict()
        by_name = {field_name(q): q for q in self.questions}
        for name, messages in error.message_dict.items():
            question = by_name.get(name)
            if question is not None and question.kind == Question.Kind.RANKING:
                self.ranking_errors[question.pk] = messages
                self._errors.setdefault("__ranking__", self.error_class()).extend(messages)
            elif name in self.fields:
                self.add_error(name, messages)
            else:
                self.add_error(None, messages)


def _initial(questions, answers) -> dict:
    by_question = {q.pk: q for q in questions}
    values: dict = {}
    for answer in answers:
        question = by_question.get(answer.question_id)
        if question is None:
            continue
        name = field_name(question)
        if question.kind == Question.Kind.MULTIPLE:
            values.setdefault(name, []).append(answer.choice)
        elif question.kind == Question.Kind.RANKING:
            values[(question.pk, answer.choice)] = str(answer.rank)
        elif question.kind == Question.Kind.SCALE:
            values[name] = str(answer.value)
        elif question.kind == Question.Kind.TEXT:
            values[name] = answer.text
        else:
            values[name] = answer.choice
    return values


def _scale_choice(question: Question, value: int) -> str:
    if value == 1 and question.scale_min_label:
        return f"1 — {question.scale_min_label}"
    if value == 5 and question.scale_max_label:
        return f"5 — {question.scale_max_label}"
    return str(value)


class CitizenLookupForm(forms.Form):
    """The agent finds the person whose questionnaire it is, as at the budget counter."""

    q = forms.CharField(
        label=_("Nom ou adresse e-mail du citoyen"),
        min_length=3,  # a name search lists people: not everyone for one letter
        max_length=200,
        help_text=_(
            "L'adresse de son compte, ou son nom et prénom (personne inscrite au guichet). "
            "Une seule réponse par personne : sa réponse en ligne serait remplacée."
        ),
    )


class PaperEntryForm(forms.Form):
    """Who and how, for an agent's entry of a paper or counter questionnaire."""

    channel = forms.ChoiceField(
        label=_("Canal"),
        choices=[c for c in Channel.choices if c[0] != Channel.WEB],
        initial=Channel.MAIL,
    )
    # The account chosen in the search above (its pk), empty for an anonymous questionnaire.
    citizen = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    district = forms.ModelChoiceField(
        label=_("Quartier indiqué sur le questionnaire"),
        queryset=District.objects.order_by("name"),
        required=False,
    )
    age_bracket = forms.ChoiceField(
        label=_("Tranche d'âge indiquée"),
        choices=[("", _("Non indiquée"))] + list(AgeBracket.choices),
        required=False,
    )
