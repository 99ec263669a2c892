from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import Period, step_for

MAX_DAYS = 3 * 366
STEP_CHOICES = [
    ("", _("Automatique")),
    ("day", _("Jour")),
    ("week", _("Semaine")),
    ("month", _("Mois")),
]


class PeriodForm(forms.Form):
    """The dashboard's period: two dates (Paris days, both included) and the time step."""

    du = forms.DateField(
        label=_("Du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    au = forms.DateField(
        label=_("Au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pas = forms.ChoiceField(label=_("Pas de temps"), choices=STEP_CHOICES, required=False)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        until = data.get("au") or today
        since = data.get("du") or until - timedelta(days=29)
        if since > until:
            self.add_error("du", _("La date de début doit précéder la date de fin."))
        elif (until - since).days + 1 > MAX_DAYS:
            self.add_error("du", _("La période ne peut pas dépasser trois ans."))
        data["since"], data["until"] = since, until
        return data

    def period(self) -> Period:
        """The chosen period, or the last 30 days when the form is not valid."""
        if not self.is_valid():
            return Period.default()
        since, until = self.cleaned_data["since"], self.cleaned_data["until"]
        step = self.cleaned_data.get("pas") or step_for((until - since).days + 1)
        return Period(since, until, step)

    def showing(self, period: Period) -> "PeriodForm":
        """The form to display: its dates are those of `period` (the one in use) when the
        form was not filled in or left a date empty; a refused entry is shown as typed."""
        dates = {"du": period.since, "au": period.until}
        if not self.is_bound:
            return PeriodForm(initial=dates)
        if not self.is_valid() or all(self.data.get(name) for name in dates):
            return self
        data = self.data.copy()
        for name, day in dates.items():
            if not data.get(name):
                data[name] = day.isoformat()
        return PeriodForm(data)
