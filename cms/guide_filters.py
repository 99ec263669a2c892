"""The guide's and the agenda's filters (django-filter): the query strings of `/equipements/`
and `/agenda/`. An invalid value (unknown category, overlong text) makes the form invalid:
the page answers 400 with the error next to its field."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from civic.search import text_matches

from .guide_models import Event, EventCategory, Facility, FacilityCategory

ACCESSIBILITY_CHOICES = [
    ("fauteuil", _("Accessible en fauteuil roulant")),
    ("boucle", _("Boucle magnétique")),
    ("toilettes", _("Toilettes adaptées")),
    ("stationnement", _("Stationnement réservé")),
]
ACCESSIBILITY_FIELDS = {
    "fauteuil": "wheelchair_access",
    "boucle": "hearing_loop",
    "toilettes": "accessible_toilets",
    "stationnement": "accessible_parking",
}
QUERY_MAX_LENGTH = 100


class OpenNowCheckbox(forms.CheckboxInput):
    """`?ouvert=1` (the box's value) is on; absent, empty, `0` or `false` is off."""

    def value_from_datadict(self, data, files, name):
        return str(data.get(name, "")).strip().lower() in ("1", "on", "true", "oui")


class FacilityFilter(django_filters.FilterSet):
    """`?q=&categorie=<slug>&accessibilite=fauteuil&ouvert=1`. "Open now" is applied by the
    view (it needs the hours, not SQL)."""

    q = django_filters.CharFilter(
        label=_("Rechercher"),
        method="filter_text",
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("piscine, mairie…")}),
    )
    categorie = django_filters.ModelChoiceFilter(
        label=_("Catégorie"),
        field_name="category",
        queryset=FacilityCategory.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les catégories"),
    )
    accessibilite = django_filters.MultipleChoiceFilter(
        label=_("Accessibilité"),
        choices=ACCESSIBILITY_CHOICES,
        method="filter_accessibility",
        widget=forms.CheckboxSelectMultiple,
    )
    ouvert = django_filters.BooleanFilter(
        label=_("Ouvert maintenant"),
        method="filter_nothing",
        widget=OpenNowCheckbox(attrs={"value": "1"}),
    )

    class Meta:
        model = Facility
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            text_matches(value, "name", "description", "address", "category__name")
        )

    def filter_accessibility(self, queryset, name, value):
        for choice in value:
            queryset = queryset.filter(**{ACCESSIBILITY_FIELDS[choice]: True})
        return queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    @property
    def open_now(self) -> bool:
        return bool(self.is_bound and self.is_valid() and self.form.cleaned_data.get("ouvert"))


class EventFilter(django_filters.FilterSet):
    """`?q=&categorie=<slug>`."""

    q = django_filters.CharFilter(
        label=_("Rechercher"),
        method="filter_text",
        max_length=QUERY_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("concert, marché…")}),
    )
    categorie = django_filters.ModelChoiceFilter(
        label=_("Catégorie"),
        field_name="category",
        queryset=EventCategory.objects.all(),
        to_field_name="slug",
        empty_label=_("Toutes les catégories"),
    )

    class Meta:
        model = Event
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(text_matches(value, "title", "description", "organiser"))
