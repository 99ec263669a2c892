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


@transaction.atomic
def report_request(*, actor, period: Period, format: str) -> ParticipationReport:
    """Asks for the report of `period` to be built in the background (`tasks.report_build`,
    enqueued once this transaction commits); audited. Raises PermissionDenied."""
    from .tasks import report_build

    if not actor.has_perm(DOWNLOAD_PERMISSION):
        raise PermissionDenied
    report = ParticipationReport(
        requested_by=actor, format=format, since=period.since, until=period.until
    )
    report.full_clean(exclude=["content"])
    report.save()
    audit_log(
        actor=actor,
        action="analytics.report.request",
        instance=report,
        data={"format": format, "since": str(period.since), "until": str(period.until)},
    )
    transaction.on_commit(lambda: report_build.enqueue(report_id=report.pk))
    return report


@transaction.atomic
def report_fetch(*, actor, report: ParticipationReport) -> bytes:
    """The content of a report built in the background, for the person who asked for it
    (or an administrator); each download is audited. Raises PermissionDenied."""
    if not actor.has_perm(DOWNLOAD_PERMISSION) or (
        report.requested_by_id != actor.pk and not actor.is_superuser
    ):
        raise PermissionDenied
    audit_log(
        actor=actor,
        action="analytics.report.download",
        instance=report,
        data={"format": report.format, "since": str(report.since), "until": str(report.until)},
    )
    return bytes(report.content)
