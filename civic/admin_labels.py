"""French admin labels that agree with the model's gender (issue #8, point 10).

Wagtail's generic views build their labels from the model's verbose name with gender-neutral
French ("Ajouter un(e) projet", "Le(la) campagne n'a pas pu être enregistré(e)"). A viewset
mixes `FrenchLabelsMixin` in and gives its own sentences; Wagtail passes them to its views
(`add_item_label`, `page_title`, `success_message`, `error_message`).

What Wagtail does not let a viewset change (its own msgids, e.g. "Aucun(e) %(model_name)s ne
correspond à votre requête" in the listing's search, "Choisir un(e) autre" in choosers) stays
as Wagtail translates it: our locale can only override msgids Civic owns.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import capfirst
from wagtail.admin.ui.tables import BooleanColumn


@dataclass(frozen=True)
class FrenchLabels:
    """The sentences of one model. Messages may use `%(object)s` (the object's title)."""

    add: Promise | str
    new: Promise | str
    created: Promise | str
    updated: Promise | str
    deleted: Promise | str
    not_created: Promise | str
    not_saved: Promise | str


class _ViewsetSuccessMessage:
    """Snippet create/edit views (Wagtail's `CreateEditViewOptionalFeaturesMixin`) build
    their success message from Wagtail's own generic msgids and ignore `success_message`
    ("Équipement « X » créé(e).")): the viewset's sentence is said instead. Publishing and
    scheduling (draft snippets) keep Wagtail's wording, which tells what happened."""

    def get_success_message(self, *args, **kwargs):
        if self.success_message is None or getattr(self, "action", None) == "publish":
            return super().get_success_message(*args, **kwargs)
        instance = (args[0] if args else kwargs.get("instance")) or self.object
        return capfirst(self.success_message % {"object": instance})


class FrenchLabelsMixin:
    """For a ModelViewSet or SnippetViewSet: set `french_labels = FrenchLabels(...)`."""

    french_labels: FrenchLabels | None = None

    def get_index_view_kwargs(self, **kwargs):
        kwargs = super().get_index_view_kwargs(**kwargs)
        if self.french_labels:
            kwargs["add_item_label"] = self.french_labels.add
        return kwargs

    def get_add_view_kwargs(self, **kwargs):
        kwargs = super().get_add_view_kwargs(**kwargs)
        if self.french_labels:
            kwargs.update(
                page_title=self.french_labels.new,
                success_message=self.french_labels.created,
                error_message=self.french_labels.not_created,
            )
        return kwargs

    @property
    def add_view_class(self):
        """Wagtail's create view, whose breadcrumb says `new` ("Nouvelle campagne") rather
        than "Nouvel(le) : campagne de budget participatif"."""
        base = super().add_view_class
        labels = self.french_labels
        if labels is None:
            return base

        class FrenchCreateView(_ViewsetSuccessMessage, base):
            def get_page_subtitle(self):
                return ""

            def get_breadcrumbs_items(self):
                items = list(super().get_breadcrumbs_items())
                if items:
                    items[-1] = {**items[-1], "label": labels.new}
                return items

        FrenchCreateView.__name__ = f"French{base.__name__}"
        return FrenchCreateView

    @property
    def edit_view_class(self):
        """Wagtail's edit view, saying the viewset's `updated` sentence (see `add_view_class`)."""
        base = super().edit_view_class
        if self.french_labels is None:
            return base
        view = type(f"French{base.__name__}", (_ViewsetSuccessMessage, base), {})
        return view

    def get_edit_view_kwargs(self, **kwargs):
        kwargs = super().get_edit_view_kwargs(**kwargs)
        if self.french_labels:
            kwargs.update(
                success_message=self.french_labels.updated,
                error_message=self.french_labels.not_saved,
            )
        return kwargs

    def get_delete_view_kwargs(self, **kwargs):
        kwargs = super().get_delete_view_kwargs(**kwargs)
        if self.french_labels:
            kwargs["success_message"] = self.french_labels.deleted
        return kwargs


class YesNoColumn(BooleanColumn):
    """A boolean column of an admin listing: Wagtail's tick or cross, with "Oui"/"Non" for
    screen readers (Wagtail's own cell says "True"/"False")."""

    cell_template_name = "wagtailadmin/tables/yes_no_cell.html"
