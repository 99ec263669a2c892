"""A people picker for the admin that shows public names and never lists every account.

`PseudonymAutocomplete` renders only the people already chosen (by their public name) and a
search box; typing asks `accounts_admin:pseudonym_search` for matching public names. Without
JavaScript the chosen people stay as they are.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

SEARCH_LIMIT = 10
SEARCH_MAX_LENGTH = 100


class PseudonymAutocomplete(forms.SelectMultiple):
    template_name = "accounts/admin/pseudonym_autocomplete.html"

    class Media:
        js = ["js/pseudonym-autocomplete.js"]

    def optgroups(self, name, value, attrs=None):
        ids = [v for v in value if str(v).isdigit()]
        people = get_user_model().objects.filter(pk__in=ids).select_related("profile")
        return [
            (
                None,
                [
                    self.create_option(name, str(p.pk), str(p.public_name), True, index)
                    for index, p in enumerate(people)
                ],
                0,
            )
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["search_url"] = reverse("accounts_admin:pseudonym_search")
        context["search_label"] = _("Ajouter une personne (nom public)")
        return context


def pseudonym_search(request):
    """Up to ten accounts whose public name contains `q`: `[{"id", "name"}]`."""
    if not request.user.has_perm("budget.change_project"):
        return JsonResponse({"detail": "forbidden"}, status=403)
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if "\x00" in query:
        return JsonResponse({"detail": "invalid"}, status=400)
    if len(query) < 2:
        return JsonResponse({"results": []})
    people = (
        get_user_model()
        .objects.filter(profile__display_name__icontains=query, is_active=True)
        .select_related("profile")
        .order_by("profile__display_name", "pk")[:SEARCH_LIMIT]
    )
    return JsonResponse({"results": [{"id": p.pk, "name": str(p.public_name)} for p in people]})


admin_urlpatterns = [path("pseudonymes/", pseudonym_search, name="pseudonym_search")]
