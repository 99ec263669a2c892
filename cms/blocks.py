"""StreamField blocks shared by the site's pages (news, information sheets, consultations).

Each block renders through its own template in `templates/cms/blocks/`, so a page body is
plain semantic HTML: headings, figures with captions, native `<details>` for FAQs.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "cms/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        required=False,
        help_text=_(
            "Décrit l'image pour les personnes qui ne la voient pas. Vide : image décorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Intitulé du lien"), required=False, help_text=_("Par défaut : titre du document.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        template = "cms/blocks/document.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Réponse"), features=RICH_TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions fréquentes")
        template = "cms/blocks/faq.html"


class ContactBlock(blocks.StructBlock):
    service_name = blocks.CharBlock(label=_("Service"))
    phone = blocks.CharBlock(label=_("Téléphone"), required=False)
    email = blocks.EmailBlock(label=_("Courriel"), required=False)
    address = blocks.TextBlock(label=_("Adresse"), required=False)
    hours = blocks.TextBlock(label=_("Horaires"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact")
        template = "cms/blocks/contact.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"))
    author = blocks.CharBlock(label=_("Auteur"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "cms/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    """The body of a news item: text, headings, images, quotes and documents."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraphe"), features=RICH_TEXT_FEATURES, template="cms/blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()


class InformationBlock(BodyBlock):
    """The body of a practical information sheet: adds FAQs and service contacts."""

    faq = FaqBlock()
    contact = ContactBlock()
