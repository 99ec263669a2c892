"""`manage.py pb_tally FILE.pb --rule RULE [--json]`: outputs and error messages."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.budget.pabulib_data import DATA_DIR

GROCHOW = DATA_DIR / "Poland_Warszawa_2019_Grochow_Centrum.pb"
ASSEN = DATA_DIR / "Netherlands_Assen_2024.pb"
REPO = Path(__file__).resolve().parents[2]


def _run(*args) -> str:
    out = StringIO()
    call_command("pb_tally", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_output_lists_ids_in_selection_order_with_exact_amounts():
    result = json.loads(_run(GROCHOW, "--rule", "greedy", "--json"))
    assert result == {
        "rule": "greedy",
        "budget": 376634.74,
        "selected": ["836", "675", "260", "1139"],
        "cost": 372800,
    }


def test_equal_shares_add1_gives_what_assen_funded():
    result = json.loads(_run(ASSEN, "--rule", "equalshares/add1", "--json"))
    assert sorted(result["selected"]) == ["11", "12", "13", "14", "2", "3", "5", "6", "9"]
    assert result["cost"] == 76700


def test_greedy_completion_spends_the_rest_of_the_budget():
    plain = json.loads(_run(GROCHOW, "--rule", "equalshares", "--json"))
    completed = json.loads(_run(GROCHOW, "--rule", "equalshares", "--complete", "greedy", "--json"))
    assert completed["selected"][: len(plain["selected"])] == plain["selected"]
    assert plain["cost"] < completed["cost"] <= completed["budget"]


def test_table_shows_budget_and_each_selected_project():
    text = _run(GROCHOW, "--rule", "greedy")
    assert "Projets retenus : 4 sur 8" in text
    assert "ZielonoMi - drzewa dla Grochowa!" in text
    assert "376\u202f634.74 PLN" in text


def test_threshold_comes_from_the_file_or_the_option():
    srodmiescie = DATA_DIR / "Poland_Warszawa_2026_Srodmiescie_Polnocne.pb"
    text = _run(srodmiescie, "--rule", "greedy-threshold")
    assert "Seuil : 30 votes" in text
    with pytest.raises(CommandError, match="greedy-threshold needs a threshold"):
        _run(GROCHOW, "--rule", "greedy-threshold")
    assert (
        json.loads(_run(GROCHOW, "--rule", "greedy-threshold", "--threshold", "1000", "--json"))[
            "selected"
        ]
        == []
    )


def test_missing_file_and_unknown_rule_are_refused():
    with pytest.raises(CommandError, match="Fichier introuvable"):
        _run(DATA_DIR / "nowhere.pb", "--rule", "greedy")
    with pytest.raises(CommandError, match="Règle inconnue « majority »"):
        _run(GROCHOW, "--rule", "majority")
    with pytest.raises(CommandError, match="unknown completion"):
        _run(GROCHOW, "--rule", "equalshares", "--complete", "phragmen")


def test_malformed_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;ten\n"
    )
    with pytest.raises(CommandError, match=r"ligne 7\) : cost 'ten' is not a number"):
        _run(bad, "--rule", "greedy")


def test_errors_exit_non_zero_without_traceback(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_text("PROJECTS\nproject_id;cost\n")
    completed = subprocess.run(
        [sys.executable, "manage.py", "pb_tally", str(bad), "--rule", "greedy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "ligne 1" in completed.stderr
    assert "Traceback" not in completed.stderr
