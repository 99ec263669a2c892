"""Import of paper ballots from a CSV file, all or nothing.

Format
------
A UTF-8 text file (a BOM is accepted, as spreadsheets write one), comma- or
semicolon-separated (detected from the header), one line per paper voter, with a header line
naming two columns, in any order (other columns are ignored):

``voter_email``
    the e-mail address of the voter's account; the agent checked their identity when the
    paper ballot was handed in, so the address need not be verified;
``projects``
    the ids of the projects the voter ticked, in every envelope they vote in, separated by
    spaces, ``|`` or ``+`` (e.g. ``12 15 31``). The envelope of each project is known, so the
    file needs no envelope column; the campaign's rules apply per envelope as online.

Example::

    voter_email;projects
    camille.dupont@example.org;12 15 31
    yves.martin@example.org;15|40

Each line becomes, as at the counter, a voter record with channel ``counter`` (so the voter
can no longer vote online) and anonymous ballots. The receipt codes of imported ballots are
not kept nor shown (the file already ties voters to choices; it must be destroyed after the
import): their hashes are published like the others, so imported ballots are not singled out.

All or nothing: if any line is invalid (unknown address, voter listed twice, not eligible,
already voted online or at the counter, a project not on the ballot, too many projects, over
budget...) nothing is imported and the `ValidationError` lists every invalid line with its
line number (the header is line 1) and the reason.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts.models import User
from civic.audit import audit_log

from . import selectors
from .ballots import PAPER_PERMISSION, _cast, _release_after_cast
from .models import Campaign, Channel, Project

EMAIL_COLUMN = "voter_email"
PROJECTS_COLUMN = "projects"
_SEPARATORS = re.compile(r"[\s|+]+")


@dataclass(frozen=True)
class PaperImportReport:
    voters: int
    ballots: int


def _read_text(file) -> str:
    data = file.read()
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Le fichier doit être encodé en UTF-8 (enregistrez-le en « CSV UTF-8 »).")
        ) from None


def _rows(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    headers = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [c for c in (EMAIL_COLUMN, PROJECTS_COLUMN) if c not in headers]
    if missing:
        raise ValidationError(
            _("Ligne 1 : colonnes manquantes : %(missing)s (attendu : %(expected)s).")
            % {"missing": ", ".join(missing), "expected": f"{EMAIL_COLUMN}, {PROJECTS_COLUMN}"}
        )
    reader.fieldnames = headers
    for row in reader:
        yield reader.line_num, row


def paper_ballots_import_csv(*, actor, campaign: Campaign, file, at=None) -> PaperImportReport:
    """Import a CSV of paper ballots (format in this module's docstring), all or nothing.

    Allowed from the opening of the vote until results are published (ballot boxes are often
    counted after the close). Agents (`budget.record_paper_ballot`); every voter record is
    logged with the agent as actor, and the import itself once. Raises `ValidationError`
    listing every invalid line ("Ligne N (email) : reason"); then nothing was written.
    """
    if not (actor and actor.is_authenticated and actor.has_perm(PAPER_PERMISSION)):
        raise PermissionDenied(_("Votre rôle ne permet pas de saisir des bulletins papier."))
    at = at or timezone.now()
    if at < campaign.vote_start:
        raise ValidationError(_("Le vote n'est pas encore ouvert : rien à importer."))
    if selectors.campaign_published_result(campaign) is not None:
        raise ValidationError(
            _("Les résultats sont publiés : on ne peut plus ajouter de bulletin.")
        )
    rows = list(_rows(_read_text(file)))
    if not rows:
        raise ValidationError(_("Le fichier ne contient aucun bulletin."))

    emails = {(row.get(EMAIL_COLUMN) or "").strip().lower() for _line, row in rows}
    users = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    projects_envelope = dict(
        Project.objects.filter(campaign=campaign).values_list("pk", "envelope_id")
    )
    errors: list[str] = []
    seen: dict[str, int] = {}
    voters = ballots = 0
    with transaction.atomic():
        for line, row in rows:
            email = (row.get(EMAIL_COLUMN) or "").strip().lower()
            label = _("Ligne %(line)s (%(email)s)") % {"line": line, "email": email or "—"}

            def fail(message, label=label):
                errors.append(f"{label} : {message}")

            if not email:
                fail(_("l'adresse e-mail est vide."))
                continue
            if email in seen:
                fail(_("cette personne figure déjà ligne %(line)s.") % {"line": seen[email]})
                continue
            seen[email] = line
            voter = users.get(email)
            if voter is None:
                fail(_("aucun compte n'a cette adresse e-mail."))
                continue
            raw = (row.get(PROJECTS_COLUMN) or "").strip()
            tokens = [t for t in _SEPARATORS.split(raw) if t]
            if not all(t.isdigit() for t in tokens):
                fail(_("« %(value)s » n'est pas une liste de numéros de projets.") % {"value": raw})
                continue
            unknown = [t for t in tokens if int(t) not in projects_envelope]
            if unknown:
                fail(
                    _("projet(s) n° %(ids)s inconnu(s) dans cette campagne.")
                    % {"ids": ", ".join(unknown)}
                )
                continue
            choices: dict[int, list[int]] = {}
            for token in tokens:
                choices.setdefault(projects_envelope[int(token)], []).append(int(token))
            try:
                with transaction.atomic():
                    _cast(
                        campaign=campaign,
                        voter=voter,
                        choices=choices,
                        channel=Channel.COUNTER,
                        at=at,
                        recorded_by=actor,
                        check_phase=False,
                    )
            except ValidationError as error:
                fail(" ".join(error.messages))
                continue
            voters += 1
            ballots += sum(1 for ids in choices.values() if ids)
        if errors:
            raise ValidationError(errors)
        audit_log(
            actor=actor,
            action="budget.campaign.paper_import",
            instance=campaign,
            data={"voters": voters, "ballots": ballots},
        )
    _release_after_cast(campaign)
    return PaperImportReport(voters=voters, ballots=ballots)
