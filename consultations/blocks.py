"""The blocks of a consultation's context and of the city's feedback: text, headings, images
(with their alternative text) and documents, from Wagtail's own blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


class ContextBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=FEATURES)
    heading = HeadingBlock()
    image = ImageBlock(label=_("Image"), template="consultations/blocks/image.html")
    document = DocumentChooserBlock(
        label=_("Document à télécharger"), template="consultations/blocks/document.html"
    )
