"""Writes of the analytics: a report downloaded (recorded and audited)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from civic.audit import audit_log

from .models import ParticipationReport
from .selectors import Period

DOWNLOAD_PERMISSION = "analytics.download_report"


@transaction.atomic
def report_record(*, actor, period: Period, format: str) -> ParticipationReport:
    """Records that `actor` downloads the report of `period` in `format`, in the audit log.
    Raises PermissionDenied when `actor` may not download it. `actor` None: a command run
    on the server (the system)."""
    if actor is not None and not actor.has_perm(DOWNLOAD_PERMISSION):
        raise PermissionDenied
    report = ParticipationReport(
        requested_by=actor,
        format=format,
        since=period.since,
        until=period.until,
        status=ParticipationReport.Status.DONE,
        progress=100,
    )
    report.full_clean(exclude=["content"])
    report.save()
    audit_log(
        actor=actor,
        action="analytics.report.download",
        instance=report,
        data={"format": format, "since": str(period.since), "until": str(period.until)},
    )
    return report
