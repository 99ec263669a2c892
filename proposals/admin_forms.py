"""Forms of the ideas' staff pages (Wagtail admin and moderation queue).

Forms only collect and shape input; `proposals.services` decides and says why it refuses.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Idea


class OfficialAnswerForm(forms.Form):
    """The city's official answer on an idea, prefilled with the current one to correct it.

    Used by the idea's admin page and by the queue's "answers awaited" source; saving calls
    `proposals.services.idea_answer`.
    """

    text = forms.CharField(
        label=_("Réponse officielle de la ville"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_(
            "Publiée sur la page de l'idée et envoyée à son auteur et à ceux qui la suivent."
        ),
    )

    def __init__(self, *args, idea: Idea, **kwargs):
        # A FormView always passes `initial` (often empty): the current answer fills the gap.
        kwargs["initial"] = {"text": idea.official_answer, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
