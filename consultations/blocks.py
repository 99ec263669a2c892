"""The blocks of a consultation's context and of the city's feedback: text, headings, images
(with their alternative text) and documents, from Wagtail's own blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ContextBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=FEATURES)
    heading = blocks.CharBlock(
        label=_("Intertitre"), template="consultations/blocks/heading.html", icon="title"
    )
    image = ImageBlock(label=_("Image"), template="consultations/blocks/image.html")
    document = DocumentChooserBlock(
        label=_("Document à télécharger"), template="consultations/blocks/document.html"
    )
