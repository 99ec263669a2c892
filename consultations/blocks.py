"""The blocks of a consultation's context and of the city's feedback: text, headings, images
(with their alternative text) and documents, from Wagtail's own blocks, and a map of the place
concerned, drawn by the site's shared map module (`civic/maps.py`, `static/js/civic-map.js`)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    # A struct rather than a bare CharBlock: Wagtail labels the fields of a struct, not a
    # top-level text input (axe's "label" rule in the editor).
    text = blocks.CharBlock(label=_("Texte de l'intertitre"))

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "consultations/blocks/heading.html"


MIN_ZOOM, MAX_ZOOM, DEFAULT_ZOOM = 1, 19, 16


class MapBlock(blocks.StructBlock):
    """One place on a map: its coordinates (decimal degrees, WGS 84 as in every map of the
    site), the zoom, and optionally the place's name or address and a caption. Without
    JavaScript the page shows the name and the coordinates instead of the map."""

    latitude = blocks.FloatBlock(
        label=_("Latitude"),
        help_text=_("En degrés décimaux, entre -90 et 90 (par exemple 48.8566)."),
    )
    longitude = blocks.FloatBlock(
        label=_("Longitude"),
        help_text=_("En degrés décimaux, entre -180 et 180 (par exemple 2.3522)."),
    )
    zoom = blocks.IntegerBlock(
        label=_("Zoom"),
        default=DEFAULT_ZOOM,
        help_text=_("De 1 (le monde) à 19 (la rue) ; 16 montre un quartier."),
    )
    label = blocks.CharBlock(
        label=_("Lieu ou adresse"),
        required=False,
        max_length=200,
        help_text=_("Affiché sur le repère, et à la place de la carte sans JavaScript."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False, max_length=300)

    class Meta:
        icon = "site"
        label = _("Carte")
        template = "consultations/blocks/map.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        latitude, longitude, zoom = value.get("latitude"), value.get("longitude"), value.get("zoom")
        if latitude is not None and not -90 <= latitude <= 90:
            errors["latitude"] = ValidationError(
                _("La latitude doit être comprise entre -90 et 90 (degrés décimaux).")
            )
        if longitude is not None and not -180 <= longitude <= 180:
            errors["longitude"] = ValidationError(
                _("La longitude doit être comprise entre -180 et 180 (degrés décimaux).")
            )
        if zoom is not None and not MIN_ZOOM <= zoom <= MAX_ZOOM:
            errors["zoom"] = ValidationError(
                _("Le zoom doit être compris entre %(min)s et %(max)s.")
                % {"min": MIN_ZOOM, "max": MAX_ZOOM}
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        from civic.maps import map_settings

        context = super().get_context(value, parent_context=parent_context)
        context["map"] = map_settings()
        return context


def stream_has_map(stream) -> bool:
    """Whether a context or feedback stream holds a map (its page then loads the map's
    scripts and styles)."""
    return any(block.block_type == "map" for block in stream or ())


class ContextBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=FEATURES)
    heading = HeadingBlock()
    image = ImageBlock(label=_("Image"), template="consultations/blocks/image.html")
    document = DocumentChooserBlock(
        label=_("Document à télécharger"), template="consultations/blocks/document.html"
    )
    map = MapBlock()
