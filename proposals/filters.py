"""The public listing's filters (django-filter): the query string of `/idees/`."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from civic.accounts.models import District
from civic.search import text_matches

from .models import Idea, Theme
from .selectors import DEFAULT_SORT, SORTS

SORT_CHOICES = [
    ("recentes", _("Les plus récentes")),
    ("soutenues", _("Les plus soutenues")),
    ("commentees", _("Les plus commentées")),
]


class IdeaFilter(django_filters.FilterSet):
    """`?q=&theme=<slug>&quartier=<slug>&statut=<status>&tri=recentes|soutenues|commentees`.

    The queryset given must already be limited to listed ideas (`selectors.idea_list_public`).
    """

    q = django_filters.CharFilter(
        label=_("Rechercher"),
        method="filter_text",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("vélo, parc, éclairage…")}
        ),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("Tous les thèmes"),
    )
    quartier = django_filters.ModelChoiceFilter(
        label=_("Quartier"),
        field_name="district",
        queryset=District.objects.all(),
        to_field_name="slug",
        empty_label=_("Tous les quartiers"),
    )
    statut = django_filters.ChoiceFilter(
        label=_("Statut"),
        field_name="status",
        choices=[(s.value, s.label) for s in Idea.LISTED_STATUSES],
        empty_label=_("Tous les statuts"),
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"),
        choices=SORT_CHOICES,
        method="sort",
        empty_label=None,
    )

    class Meta:
        model = Idea
        fields = []

    def filter_text(self, queryset, name, value):
        # As the site search, which links here: "velo" finds "vélo".
        return queryset.filter(text_matches(value, "title", "body"))

    def sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value or DEFAULT_SORT, SORTS[DEFAULT_SORT]))
