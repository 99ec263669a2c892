"""The editors' side of the guide: the live week preview under the hours field and the
snippet viewsets of facilities, duty rota, events and alerts (registered in wagtail_hooks)."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from civic.admin_labels import FrenchLabels, FrenchLabelsMixin, YesNoColumn

from .guide_models import Alert, Event, EventCategory, Facility, FacilityCategory, PharmacyDuty
from .opening_hours import MAX_LENGTH, PARIS, hours_validate, hours_week


def week_preview_context(expression: str) -> dict:
    """What the preview shows: the next seven days of `expression`, or why it is wrong."""
    today = timezone.localtime(timezone.now(), PARIS).date()
    if not expression.strip():
        return {"week": [], "error": "", "empty": True}
    try:
        hours_validate(expression)
    except ValidationError as error:
        return {"week": [], "error": " ".join(error.messages), "empty": False}
    return {"week": hours_week(expression, start=today, today=today), "error": "", "empty": False}


@require_GET
def hours_preview(request):
    """`/admin/equipements/horaires/?expression=`: the preview fragment the editor's script
    swaps in as the field is typed."""
    expression = request.GET.get("expression", "")
    if len(expression) > MAX_LENGTH or "\x00" in expression:
        return HttpResponseBadRequest(_("Horaires trop longs."))
    return TemplateResponse(
        request, "cms/admin/hours_preview.html", week_preview_context(expression)
    )


class HoursPreviewPanel(Panel):
    """The next seven days of the hours being typed, under the field (refreshed by
    `static/js/cms-hours-preview.js`; without it, the saved hours)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/hours_preview_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            expression = ""
            if self.form is not None and "opening_hours" in self.form.fields:
                bound = self.form["opening_hours"]
                expression = bound.value() or ""
            context.update(week_preview_context(expression))
            context["preview_url"] = reverse("cms_hours_preview")
            return context

        @property
        def media(self):
            return forms.Media(js=["js/cms-hours-preview.js"], css={"all": ["css/cms-admin.css"]})


def french(singular_new, add, created, updated, deleted, not_created, not_saved):
    return FrenchLabels(
        add=add,
        new=singular_new,
        created=created,
        updated=updated,
        deleted=deleted,
        not_created=not_created,
        not_saved=not_saved,
    )


# Both kinds of category (facilities, events) speak of "une catégorie".
CATEGORY_LABELS = french(
    _("Nouvelle catégorie"),
    _("Ajouter une catégorie"),
    _("Catégorie « %(object)s » créée."),
    _("Catégorie « %(object)s » enregistrée."),
    _("Catégorie « %(object)s » supprimée."),
    _("La catégorie n'a pas pu être créée : corrigez les erreurs signalées."),
    _("La catégorie n'a pas pu être enregistrée : corrigez les erreurs signalées."),
)


class FacilityCategoryViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = FacilityCategory
    icon = "tag"
    menu_label = _("Catégories d'équipements")
    list_display = ["name", "icon", YesNoColumn("is_pharmacy", label=_("Pharmacie"))]
    copy_view_enabled = False
    french_labels = CATEGORY_LABELS


class FacilityViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Facility
    icon = "site"
    menu_label = _("Équipements")
    list_display = [
        "name",
        "category",
        YesNoColumn("is_published", label=_("Publié")),
        "opening_hours",
    ]
    list_filter = ["category", "is_published"]
    search_fields = ["name", "address"]
    copy_view_enabled = False
    french_labels = french(
        _("Nouvel équipement"),
        _("Ajouter un équipement"),
        _("Équipement « %(object)s » créé."),
        _("Équipement « %(object)s » enregistré."),
        _("Équipement « %(object)s » supprimé."),
        _("L'équipement n'a pas pu être créé : corrigez les erreurs signalées."),
        _("L'équipement n'a pas pu être enregistré : corrigez les erreurs signalées."),
    )
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("category", widget=forms.Select),
            FieldPanel("is_published"),
            FieldPanel("description"),
            FieldPanel("photo"),
            MultiFieldPanel(
                [FieldPanel("opening_hours"), HoursPreviewPanel()],
                heading=_("Horaires"),
            ),
            InlinePanel("closures", heading=_("Fermetures exceptionnelles"), label=_("Fermeture")),
            MultiFieldPanel(
                [
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Adresse"),
            ),
            MultiFieldPanel(
                [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
                heading=_("Contacts"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("wheelchair_access"),
                    FieldPanel("hearing_loop"),
                    FieldPanel("accessible_toilets"),
                    FieldPanel("accessible_parking"),
                    FieldPanel("accessibility_notes"),
                ],
                heading=_("Accessibilité"),
            ),
            FieldPanel("external_id"),
        ]
    )

    def get_queryset(self, request):
        return Facility.objects.select_related("category")


class PharmacyDutyViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = PharmacyDuty
    icon = "date"
    menu_label = _("Pharmacies de garde")
    list_display = ["pharmacy", "starts_at", "ends_at"]
    copy_view_enabled = False
    french_labels = french(
        _("Nouvelle garde"),
        _("Ajouter une garde"),
        _("Garde « %(object)s » créée."),
        _("Garde « %(object)s » enregistrée."),
        _("Garde « %(object)s » supprimée."),
        _("La garde n'a pas pu être créée : corrigez les erreurs signalées."),
        _("La garde n'a pas pu être enregistrée : corrigez les erreurs signalées."),
    )

    def get_queryset(self, request):
        return PharmacyDuty.objects.select_related("pharmacy")


class EventCategoryViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = EventCategory
    icon = "tag"
    menu_label = _("Catégories d'événements")
    copy_view_enabled = False
    french_labels = CATEGORY_LABELS


class EventViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Event
    icon = "calendar"
    menu_label = _("Agenda")
    list_display = [
        "title",
        "category",
        "starts_at",
        YesNoColumn("is_published", label=_("Publié")),
    ]
    list_filter = ["category", "is_published"]
    search_fields = ["title"]
    french_labels = french(
        _("Nouvel événement"),
        _("Ajouter un événement"),
        _("Événement « %(object)s » créé."),
        _("Événement « %(object)s » enregistré."),
        _("Événement « %(object)s » supprimé."),
        _("L'événement n'a pas pu être créé : corrigez les erreurs signalées."),
        _("L'événement n'a pas pu être enregistré : corrigez les erreurs signalées."),
    )

    def get_queryset(self, request):
        return Event.objects.select_related("category", "facility")


class AlertViewSet(FrenchLabelsMixin, SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Alertes")
    list_display = ["title", "level", "starts_at", "ends_at"]
    copy_view_enabled = False
    french_labels = french(
        _("Nouvelle alerte"),
        _("Ajouter une alerte"),
        _("Alerte « %(object)s » créée."),
        _("Alerte « %(object)s » enregistrée."),
        _("Alerte « %(object)s » supprimée."),
        _("L'alerte n'a pas pu être créée : corrigez les erreurs signalées."),
        _("L'alerte n'a pas pu être enregistrée : corrigez les erreurs signalées."),
    )


class GuideViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Guide et agenda")
    menu_icon = "site"
    menu_order = 250
    items = (
        FacilityViewSet,
        FacilityCategoryViewSet,
        PharmacyDutyViewSet,
        EventViewSet,
        EventCategoryViewSet,
        AlertViewSet,
    )
