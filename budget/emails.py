"""The email that carries a voter's receipt code.

Sent straight through the mail backend when the vote's transaction commits, deliberately
*not* through the task queue that `civic.notifications.services.notification_send` uses: in
production that queue is a database table which keeps each task's arguments, and a row
holding both the voter's address and their receipt code would be a database path from a
citizen to their secret ballot (the code hashes to the ballot's `receipt_hash`). The code
exists only in the response page and in this email.
"""

import functools
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from civic.identity import site_identity
from civic.notifications.services import absolute_url

from .models import Campaign

logger = logging.getLogger(__name__)


def ballot_receipt_email_send(*, voter, campaign: Campaign, code: str, request=None) -> None:
    """Email `voter` their receipt code once the current transaction commits, from the city
    of `request`'s site (the default site's without one).

    Never raises: a mail server failure is logged (without the code) and the voter still has
    the code on the receipt page. Nothing is written to the database.
    """
    if not voter.email:
        return
    transaction.on_commit(
        functools.partial(_send, voter=voter, campaign=campaign, code=code, request=request),
        robust=True,
    )


def _send(*, voter, campaign: Campaign, code: str, request=None) -> None:
    profile = getattr(voter, "profile", None)
    language = getattr(profile, "language", None) or settings.LANGUAGE_CODE
    # With the request, its site and the versions of the site's settings it read already.
    identity = site_identity(request)
    context = {
        "recipient_name": voter.public_name,
        "campaign": campaign,
        "code": code,
        "object_url": absolute_url(reverse("budget:receipt_check", args=[campaign.slug])),
        "campaign_url": absolute_url(reverse("budget:campaign_detail", args=[campaign.slug])),
        "preferences_url": absolute_url(reverse("accounts:profile_edit")),
        "site_name": identity.name,
    }
    with translation.override(language):
        context["language"] = translation.get_language()
        subject = render_to_string("budget/email/ballot_receipt.subject.txt", context)
        subject = identity.email_subject(subject)
        text = render_to_string("budget/email/ballot_receipt.txt", context)
        html = render_to_string("budget/email/ballot_receipt.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=identity.from_email, to=[voter.email]
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # the receipt page already showed the code; never fail the vote
        logger.exception("The receipt email of campaign %s could not be sent.", campaign.pk)
