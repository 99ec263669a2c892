"""Exports of a consultation's answers for staff: CSV (UTF-8 with BOM, for the spreadsheet an
agent opens) and XLSX. One line per response, with no identity: a sequence number, the
channel, the district, the age bracket and the day, then one column per question. Every
export is written to the audit log."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.audit import audit_log
from civic.exports import UTF8_BOM

from .models import ConsultationPage, Question, Response
from .services import EXPORT_PERMISSION


def _cell(question: Question, answers: list) -> str | int:
    if not answers:
        return ""
    if question.kind == Question.Kind.TEXT:
        return answers[0].text
    if question.kind == Question.Kind.SCALE:
        return answers[0].value
    if question.kind == Question.Kind.RANKING:
        return " > ".join(a.choice for a in sorted(answers, key=lambda a: a.rank))
    if question.kind == Question.Kind.MULTIPLE:
        return " ; ".join(a.choice for a in answers)
    return answers[0].choice


def export_rows(consultation: ConsultationPage) -> tuple[list[str], list[list]]:
    """Headings and rows, in two queries plus one for the questions."""
    questions = list(consultation.questions.all())
    headings = [_("N°"), _("Canal"), _("Quartier"), _("Tranche d'âge"), _("Date")]
    headings += [question.label for question in questions]
    responses = (
        Response.objects.filter(consultation=consultation)
        .select_related("district")
        .prefetch_related("answers")
        .order_by("pk")
    )
    rows = []
    for number, response in enumerate(responses, start=1):
        by_question: dict[int, list] = {}
        for answer in response.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer)
        rows.append(
            [
                number,
                response.get_channel_display(),
                response.district.name if response.district else "",
                response.get_age_bracket_display() if response.age_bracket else "",
                timezone.localtime(response.created_at).date().isoformat(),
                *[_cell(q, by_question.get(q.pk, [])) for q in questions],
            ]
        )
    return headings, rows


@transaction.atomic
def answers_export(*, actor, consultation: ConsultationPage, file_format: str) -> bytes:
    """The file's bytes (`file_format` "csv" or "xlsx"); permission checked, audited."""
    if not (actor and actor.is_authenticated and actor.has_perm(EXPORT_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas d'exporter les réponses."))
    headings, rows = export_rows(consultation)
    if file_format == "csv":
        buffer = io.StringIO()
        buffer.write(UTF8_BOM)
        writer = csv.writer(buffer)
        writer.writerow(headings)
        writer.writerows(rows)
        content = buffer.getvalue().encode("utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Réponses")[:31]
        sheet.append(headings)
        for row in rows:
            sheet.append(row)
        output = io.BytesIO()
        workbook.save(output)
        content = output.getvalue()
    audit_log(
        actor=actor,
        action="consultations.response.export",
        instance=consultation,
        data={"format": file_format, "rows": len(rows)},
    )
    return content
