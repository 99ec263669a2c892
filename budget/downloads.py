"""Public downloads of a campaign's anonymous ballots, once its results are published.

`ballots_csv`: one line per anonymous ballot — receipt hash, envelope, chosen project ids —
so anyone can recount, and any voter can find their ballot by the hash of their receipt.
`ballots_pb`: the same ballots in the Pabulib format (`budget.pabulib_campaign`): one `.pb`
file when the campaign has a single envelope, else a ZIP with one file per envelope
(`?enveloppe=ville` or a district's slug picks one). Both are 404 until results are published.
"""

import csv
import io
import zipfile

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from civic.audit import audit_log

from . import selectors
from .models import Campaign
from .pabulib import write_string
from .pabulib_campaign import campaign_envelopes, campaign_to_pabulib, envelope_file_slug

CSV_HEADER = ["receipt_hash", "envelope_id", "envelope", "projects"]


def _published_campaign(request, slug: str, export_format: str) -> Campaign:
    campaign = get_object_or_404(Campaign, slug=slug)
    if selectors.campaign_published_result(campaign) is None:
        raise Http404("Results are not published.")
    # Anonymous ballots, public: the entry counts downloads and names a signed-in downloader.
    audit_log(
        actor=getattr(request, "user", None),
        action="budget.campaign.ballots_download",
        instance=campaign,
        data={"format": export_format},
    )
    return campaign


class _Echo:
    def write(self, value):
        return value


def _csv_rows(campaign: Campaign):
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield "\ufeff" + writer.writerow(CSV_HEADER)  # BOM: spreadsheets then read UTF-8
    names = {e.pk: str(e) for e in campaign_envelopes(campaign)}
    ballots = selectors.campaign_public_ballots(campaign).values_list(
        "receipt_hash", "envelope_id", "choices"
    )
    for receipt_hash, envelope_id, choices in ballots.iterator(chunk_size=2000):
        yield writer.writerow(
            [receipt_hash, envelope_id, names.get(envelope_id, ""), " ".join(map(str, choices))]
        )


@require_GET
def ballots_csv(request, slug: str):
    """The anonymous ballots as CSV (`receipt_hash,envelope_id,envelope,projects`)."""
    campaign = _published_campaign(request, slug, "csv")
    response = StreamingHttpResponse(_csv_rows(campaign), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-bulletins.csv"'
    return response


@require_GET
def ballots_pb(request, slug: str):
    """The anonymous ballots in the Pabulib format (a `.pb` file, or a ZIP of them)."""
    campaign = _published_campaign(request, slug, "pabulib")
    envelopes = campaign_envelopes(campaign)
    wanted = request.GET.get("enveloppe", "")
    if wanted:
        envelopes = [e for e in envelopes if envelope_file_slug(e) == wanted]
        if not envelopes:
            raise Http404("Unknown envelope.")
    if len(envelopes) == 1:
        envelope = envelopes[0]
        text = write_string(campaign_to_pabulib(campaign, envelope))
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        name = f"{campaign.slug}_{envelope_file_slug(envelope)}.pb"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for envelope in envelopes:
            archive.writestr(
                f"{campaign.slug}_{envelope_file_slug(envelope)}.pb",
                write_string(campaign_to_pabulib(campaign, envelope)),
            )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-pabulib.zip"'
    return response
