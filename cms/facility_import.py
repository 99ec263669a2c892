"""`facilities_import`: a city's open-data file of facilities (CSV) into the guide.

Idempotent by `external_id` (a second run of the same file changes nothing, an edited file
updates its rows), all-or-nothing (every line is checked first; one invalid line and nothing
is written), and every invalid line is reported with its number and the reason.
Columns: see `COLUMNS` and the README ("Importer des équipements").
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from civic.audit import audit_log

from .guide_models import Facility, FacilityCategory

REQUIRED = ("external_id", "name", "category")
COLUMNS = REQUIRED + (
    "address",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "description",
    "opening_hours",
    "wheelchair_access",
    "hearing_loop",
    "accessible_toilets",
    "accessible_parking",
    "accessibility_notes",
    "published",
)
TEXT_FIELDS = (
    "name",
    "address",
    "postcode",
    "city",
    "phone",
    "email",
    "website",
    "description",
    "opening_hours",
    "accessibility_notes",
)
TRUE = {"1", "oui", "o", "yes", "y", "true", "vrai", "x"}
FALSE = {"", "0", "non", "n", "no", "false", "faux"}
MAX_ROWS = 20_000


class ImportRefused(Exception):
    """The file as a whole cannot be read (encoding, missing columns, too many lines)."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


def csv_rows(data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the (line number, row) pairs of a CSV file, `;` or `,` separated,
    UTF-8 (with or without BOM). Line numbers are the file's, the header being line 1."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused("le fichier doit être encodé en UTF-8.") from error
    if "\x00" in text:
        raise ImportRefused("le fichier contient un caractère nul : ce n'est pas un CSV.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(
            "colonnes obligatoires absentes : "
            + ", ".join(missing)
            + f" (colonnes lues : {', '.join(header) or 'aucune'})."
        )
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ImportRefused(
            "colonnes inconnues : "
            + ", ".join(unknown)
            + f" (colonnes possibles : {', '.join(COLUMNS)})."
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise ImportRefused(f"plus de {MAX_ROWS} lignes : découpez le fichier.")
        rows.append((reader.line_num, row))
    return header, rows


def _boolean(value: str, column: str) -> bool:
    value = (value or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError(f"{column} : « {value} » n'est ni oui ni non.")


def _decimal(value: str, column: str) -> Decimal | None:
    value = (value or "").strip().replace(",", ".")
    if not value:
        return None
    try:
        return Decimal(value).quantize(Decimal("0.000001"))
    except InvalidOperation as error:
        raise ValueError(f"{column} : « {value} » n'est pas un nombre.") from error


def _categories() -> dict[str, FacilityCategory]:
    found = {}
    for category in FacilityCategory.objects.all():
        found[category.slug.lower()] = category
        found[category.name.lower()] = category
    return found


def _unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:150] or "equipement"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def facilities_import(*, actor, rows: list[tuple[int, dict]], header: list[str]) -> ImportReport:
    """Creates or updates the facilities of `rows` by `external_id`, in one transaction, or
    writes nothing and reports every invalid line. Columns absent from the file leave the
    existing values unchanged. `actor` None is the system (a command); a person needs the
    right to add and change facilities. Each creation and change is in the audit log."""
    if actor is not None and not (
        actor.has_perm("cms.add_facility") and actor.has_perm("cms.change_facility")
    ):
        raise PermissionDenied("Vous ne pouvez pas importer d'équipements.")
    report = ImportReport()
    categories = _categories()
    ids = [(row.get("external_id") or "").strip() for _line, row in rows]
    existing = {
        f.external_id: f
        for f in Facility.objects.filter(external_id__in=[i for i in ids if i]).select_related(
            "category"
        )
    }
    taken = set(
        Facility.objects.filter(~Q(external_id__in=list(existing))).values_list("slug", flat=True)
    )
    taken |= {f.slug for f in existing.values()}
    seen: dict[str, int] = {}
    planned: list[tuple[Facility, bool, dict]] = []
    for line, row in rows:
        external_id = (row.get("external_id") or "").strip()
        if not external_id:
            report.errors.append((line, "external_id : obligatoire."))
            continue
        if external_id in seen:
            report.errors.append(
                (line, f"external_id « {external_id} » déjà présent ligne {seen[external_id]}.")
            )
            continue
        seen[external_id] = line
        try:
            values = _row_values(row, header=header, categories=categories)
        except ValueError as error:
            report.errors.append((line, str(error)))
            continue
        facility = existing.get(external_id)
        is_new = facility is None
        if is_new:
            facility = Facility(external_id=external_id)
        changed = {
            name: value for name, value in values.items() if getattr(facility, name, None) != value
        }
        if not is_new and not changed:
            report.unchanged += 1
            continue
        for name, value in values.items():
            setattr(facility, name, value)
        if is_new:
            facility.slug = _unique_slug(facility.name, taken)
        try:
            facility.full_clean(exclude=["slug"] if not is_new else None, validate_unique=False)
        except ValidationError as error:
            report.errors.append((line, _messages(error)))
            continue
        planned.append((facility, is_new, changed))
    if report.errors:
        return report
    with transaction.atomic():
        for facility, is_new, changed in planned:
            facility.save()
            audit_log(
                actor=actor,
                action="cms.facility.import_create" if is_new else "cms.facility.import_update",
                instance=facility,
                data={"external_id": facility.external_id, "fields": sorted(changed)},
            )
            if is_new:
                report.created += 1
            else:
                report.updated += 1
    return report


def _row_values(row: dict, *, header: list[str], categories) -> dict:
    values = {}
    for name in TEXT_FIELDS:
        if name in header:
            values[name] = (row.get(name) or "").strip()
    category_key = (row.get("category") or "").strip().lower()
    category = categories.get(category_key)
    if category is None:
        raise ValueError(
            f"category : « {row.get('category') or ''} » inconnue (créez-la dans l'admin, "
            "ou utilisez l'identifiant d'une catégorie existante)."
        )
    values["category"] = category
    for name in ("latitude", "longitude"):
        if name in header:
            values[name] = _decimal(row.get(name), name)
    for name in Facility.ACCESSIBILITY_FLAGS:
        if name in header:
            values[name] = _boolean(row.get(name), name)
    if "published" in header:
        values["is_published"] = _boolean(row.get("published") or "oui", "published")
    return values


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return " ; ".join(
            f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
