"""`manage.py pb_tally FILE.pb --rule RULE [--json] [--complete greedy] [--threshold N]`.

Prints the outcome of a participatory-budgeting rule on a Pabulib file. Rules are named as
Pabulib names them: ``greedy``, ``greedy-threshold``, ``greedy-no-skip``, ``equalshares``,
``equalshares/add1``; ``--complete greedy`` spends what Equal Shares leaves unspent with the
greedy rule. See `budget.rules` for what each rule guarantees and how ties are broken.

``--json`` prints one object: ``{"rule", "budget", "selected", "cost"}`` where ``selected``
lists project ids, as written in the file, in the order the rule selected them.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.pabulib import PabulibError, parse_file
from budget.rules import RULES, UnknownRuleError, scores, tally
from budget.rules.tally import COMPLETIONS, as_number

NAME_WIDTH = 60


class Command(BaseCommand):
    help = "Calcule les projets retenus d'un fichier Pabulib (.pb) selon une règle de vote."
    # Reads a file and touches neither the database nor the project's state.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.pb", help="Fichier au format Pabulib.")
        parser.add_argument(
            "--rule",
            required=True,
            metavar="RULE",
            help=f"Règle de dépouillement : {', '.join(RULES)}.",
        )
        parser.add_argument(
            "--complete",
            metavar="RULE",
            help=(
                "Complète un résultat Equal Shares avec le reste du budget "
                f"({', '.join(COMPLETIONS)})."
            ),
        )
        parser.add_argument(
            "--threshold",
            type=int,
            help=(
                "Score minimal d'un projet (par défaut : META min_project_score_threshold, "
                "pour greedy-threshold et greedy-no-skip)."
            ),
        )
        parser.add_argument("--json", action="store_true", help="Sortie JSON.")

    def handle(self, *args, file, rule, complete, threshold, json, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        if rule not in RULES:
            raise CommandError(f"Règle inconnue « {rule} ». Règles connues : {', '.join(RULES)}.")
        try:
            election = parse_file(path)
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} n'est pas un fichier texte UTF-8 ({error}).") from None
        except PabulibError as error:
            where = f", ligne {error.line}" if error.line else ""
            raise CommandError(
                f"Fichier Pabulib invalide ({path}{where}) : {error.message}"
            ) from None
        try:
            result = tally(election, rule, complete=complete, threshold=threshold)
        except UnknownRuleError as error:
            raise CommandError(str(error)) from None
        if json:
            self._write_json(result)
        else:
            self._write_table(path, election, result, threshold)

    def _write_json(self, result):
        payload = {
            "rule": result.rule,
            "budget": as_number(result.budget),
            "selected": result.selected,
            "cost": as_number(result.cost),
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _write_table(self, path, election, result, threshold):
        points = scores(election)
        unit = election.meta.get("currency", "")
        measure = "votes" if election.vote_type in ("approval", "choose-1") else "points"
        if threshold is None and result.rule != "greedy":
            threshold = election.min_project_score_threshold
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING(f"{path.name} — règle {result.rule}"))
        if threshold is not None and result.rule.startswith("greedy"):
            write(f"Seuil : {threshold} {measure} au minimum")
        share = result.cost / result.budget * 100 if result.budget else 0
        write(
            f"Budget : {_amount(result.budget)} {unit}   "
            f"Dépensé : {_amount(result.cost)} {unit} ({share:.2f} %)   "
            f"Projets retenus : {len(result.selected)} sur {len(election.projects)}"
        )
        rows = [("#", "projet", measure, "coût", "nom")]
        for rank, project_id in enumerate(result.selected, start=1):
            project = election.project(project_id)
            name = project.name
            if len(name) > NAME_WIDTH:
                name = name[: NAME_WIDTH - 1] + "…"
            rows.append(
                (str(rank), project_id, str(points[project_id]), _amount(project.cost), name)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            cells = [
                row[0].rjust(widths[0]),
                row[1].ljust(widths[1]),
                row[2].rjust(widths[2]),
                row[3].rjust(widths[3]),
                row[4],
            ]
            write("  ".join(cells).rstrip())


def _amount(value) -> str:
    """12345678.5 -> '12 345 678.5' (French grouping, no trailing .0)."""
    number = as_number(value)
    text = f"{number:,}".replace(",", "\u202f")
    return text
