"""Background work of the analytics: a long participation report built off the request."""

from django_tasks import task


@task()
def report_build(*, report_id: int) -> None:
    """Build the requested report and keep it for its requester, with its progress (the
    dashboard's list of reports shows it). Runs in the worker in production."""
    from .models import ParticipationReport
    from .report import render
    from .selectors import Period, step_for

    report = ParticipationReport.objects.get(pk=report_id)
    ParticipationReport.objects.filter(pk=report_id).update(progress=10)
    period = Period(report.since, report.until, step_for((report.until - report.since).days + 1))
    try:
        content = render(period, report.format)
    except Exception:
        ParticipationReport.objects.filter(pk=report_id).update(
            status=ParticipationReport.Status.FAILED, progress=100
        )
        raise
    ParticipationReport.objects.filter(pk=report_id).update(
        content=content, status=ParticipationReport.Status.DONE, progress=100
    )
