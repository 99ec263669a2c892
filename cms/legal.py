"""The privacy notice (/confidentialite/) and the legal notice (/mentions-legales/).

Both come from the site settings: the city's own rich text when it wrote one, otherwise a
default text built from its name and contacts (DPO first). The register of processing
activities (`civic.hooks.PRIVACY_DECLARATIONS`) joins the privacy page with its issue.
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import SiteSettings


def _legal_page(request, *, title: str, field: str, default_template: str):
    site_settings = SiteSettings.for_request(request)
    return TemplateResponse(
        request,
        "cms/legal_page.html",
        {
            "page_title": title,
            "site_settings": site_settings,
            "text": getattr(site_settings, field),
            "default_template": default_template,
        },
    )


@require_safe
def privacy_notice(request):
    return _legal_page(
        request,
        title=_("Confidentialité et données personnelles"),
        field="privacy_notice",
        default_template="cms/includes/privacy_notice_default.html",
    )


@require_safe
def legal_notice(request):
    return _legal_page(
        request,
        title=_("Mentions légales"),
        field="legal_notice",
        default_template="cms/includes/legal_notice_default.html",
    )
