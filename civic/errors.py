"""Error pages that need more than a template: the CSRF failure page.

A form sent with an expired security token (the person signed out and in again in another
tab, or the session expired while they typed) is refused by Django's CSRF check. The page
(`settings.CSRF_FAILURE_VIEW`) explains what happened in plain words and shows back what
was typed, so that nothing is lost: every text field of the refused form, escaped, in a
read-only box to copy, never a password, a token or a file; and only when the form was sent
from this site (another site's forged post is not echoed under the city's name).
"""

import re
from decimal import Decimal, InvalidOperation

from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

# Never shown back: secrets, tokens and the machinery of the forms.
HIDDEN_FIELDS = re.compile(
    r"pass|secret|token|csrf|code|otp|hash|timestamp|honeypot|^(next|action|content_type|"
    r"object_pk|reply_to|post|preview|intent|security_hash)$",
    re.IGNORECASE,
)
MAX_FIELDS = 20
MAX_LENGTH = 20_000

# The names of the fields people type in, as they read them on the forms.
FIELD_LABELS = {
    "title": _("Titre"),
    "body": _("Description"),
    "summary": _("Résumé"),
    "description": _("Description"),
    "comment": _("Commentaire"),
    "alt_text": _("Description de la photo"),
    "author_display_name": _("Nom affiché"),
    "author_email": _("Adresse e-mail"),
    "email": _("Adresse e-mail"),
    "login": _("Adresse e-mail"),
    "name": _("Nom"),
    "q": _("Recherche"),
}


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except (InvalidOperation, ValueError):
        return False
    return True


def typed_fields(request) -> list[dict]:
    """What the person typed in the refused form: the non-empty text fields of the POST, in
    their order, without passwords, tokens, hidden machinery or bare numbers (a theme's id,
    coordinates)."""
    if request.method != "POST":
        return []
    fields = []
    for name, values in request.POST.lists():
        if HIDDEN_FIELDS.search(name):
            continue
        text = "\n".join(value for value in values if value.strip()).replace("\0", "")
        if not text.strip() or _is_number(text.strip()):
            continue
        fields.append(
            {
                "name": name,
                "label": FIELD_LABELS.get(name, name),
                "value": text[:MAX_LENGTH],
                "rows": min(12, max(2, text.count("\n") + 1 + len(text) // 30)),
            }
        )
        if len(fields) == MAX_FIELDS:
            break
    return fields


def _sent_from_this_site(request) -> bool:
    """Whether the refused form came from one of this site's pages. Another site can make a
    browser post anything here: its text is never shown back under this site's name."""
    fetch_site = request.headers.get("sec-fetch-site", "")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("origin") or request.headers.get("referer", "")
    if not origin or origin == "null":
        return False
    return url_has_allowed_host_and_scheme(
        origin, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _back_url(request) -> str:
    """Where the refused form was: its `next` or the page that sent it (this site only),
    else the address it was sent to."""
    allowed = {request.get_host()}
    secure = request.is_secure()
    for candidate in (request.POST.get("next", ""), request.headers.get("referer", "")):
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts=allowed, require_https=secure
        ):
            return candidate
    return request.path


def csrf_failure(request, reason: str = "", template_name: str = "403_csrf.html"):
    """The page shown when a form's security token is refused (403), in the site's design."""
    try:
        fields = typed_fields(request) if _sent_from_this_site(request) else []
        back_url = _back_url(request)
    except Exception:  # an unreadable body: the page still explains, without the text
        fields, back_url = [], "/"
    response = render(
        request,
        template_name,
        {
            "typed_fields": fields,
            "back_url": back_url,
            "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        },
        status=403,
    )
    # What was typed is on this page: never kept by a cache or the browser's history.
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True)
    return response
