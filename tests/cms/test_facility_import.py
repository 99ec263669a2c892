"""Issue #12, point 5: `import_facilities FILE.csv`: documented columns, idempotent by
`external_id`, all-or-nothing, every invalid line reported with its number and reason."""

import io

import pytest
from django.core.management import CommandError, call_command

from cms.models import Facility
from tests.cms.guide_factories import category_create

pytestmark = pytest.mark.django_db

HEADER = (
    "external_id;name;category;address;postcode;city;latitude;longitude;phone;opening_hours;"
    "wheelchair_access;hearing_loop\n"
)
GOOD = HEADER + (
    "ING-1;Hôtel de ville;mairie;1 place de la République;18900;Ingeville;47,0812;2,3987;"
    "02 48 00 00 00;Mo-Fr 08:30-12:00,13:30-17:30; oui;non\n"
    "ING-2;Médiathèque;Bibliothèques;5 rue des Écoles;18900;Ingeville;47.0799;2.4011;;"
    "Tu-Sa 10:00-18:00;1;1\n"
)


@pytest.fixture
def categories(db):
    category_create("mairie", "Mairie")
    category_create("bibliotheques", "Bibliothèques")


def run(tmp_path, content: str, name="equipements.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_facilities", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_is_imported(tmp_path, categories):
    out, _ = run(tmp_path, GOOD)
    assert "2 équipement(s) créé(s)" in out
    town_hall = Facility.objects.get(external_id="ING-1")
    assert town_hall.name == "Hôtel de ville"
    assert town_hall.category.slug == "mairie"
    assert str(town_hall.latitude) == "47.081200"  # a decimal comma is read
    assert town_hall.wheelchair_access and not town_hall.hearing_loop
    assert town_hall.opening_hours == "Mo-Fr 08:30-12:00,13:30-17:30"
    library = Facility.objects.get(external_id="ING-2")
    assert library.category.name == "Bibliothèques"  # a category by its name too
    assert library.slug == "mediatheque"


def test_a_second_run_changes_nothing_and_an_edit_updates(tmp_path, categories):
    run(tmp_path, GOOD)
    slugs = dict(Facility.objects.values_list("external_id", "slug"))
    out, _ = run(tmp_path, GOOD)
    assert "0 équipement(s) créé(s), 0 mis à jour, 2 inchangé(s)" in out
    assert Facility.objects.count() == 2
    out, _ = run(tmp_path, GOOD.replace("Médiathèque;", "Médiathèque Jules-Verne;"))
    assert "0 équipement(s) créé(s), 1 mis à jour, 1 inchangé(s)" in out
    assert Facility.objects.get(external_id="ING-2").name == "Médiathèque Jules-Verne"
    assert dict(Facility.objects.values_list("external_id", "slug")) == slugs  # links stay


def test_imports_are_in_the_audit_log(tmp_path, categories):
    from wagtail.models import ModelLogEntry

    run(tmp_path, GOOD)
    entries = ModelLogEntry.objects.filter(action="cms.facility.import_create")
    assert entries.count() == 2
    assert entries.first().data["external_id"] in {"ING-1", "ING-2"}


def test_one_bad_line_and_nothing_is_written_every_bad_line_reported(tmp_path, categories):
    content = GOOD + (
        "ING-3;Piscine;piscines;;;;;;;;;\n"  # line 4: unknown category
        "ING-4;Déchèterie;mairie;;;;47.1;;;Mo-Fx 09:00-12:00;;\n"  # line 5: two mistakes
        "ING-1;Doublon;mairie;;;;;;;;;\n"  # line 6: external id already on line 2
        ";Sans identifiant;mairie;;;;;;;;;\n"  # line 7
        "ING-8;Gymnase;mairie;;;;;;;;peut-être;\n"  # line 8
    )
    path = tmp_path / "equipements.csv"
    path.write_text(content, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_facilities", str(path), stdout=io.StringIO(), stderr=err)
    assert "5 ligne(s) invalide(s), rien n'a été importé" in str(refused.value)
    assert Facility.objects.count() == 0
    err = err.getvalue()
    assert "ligne 4 : category : « piscines » inconnue" in err
    assert "ligne 5 :" in err and "opening_hours" in err and "au caractère 4" in err
    assert "longitude" in err
    assert "ligne 6 : external_id « ING-1 » déjà présent ligne 2" in err
    assert "ligne 7 : external_id : obligatoire" in err
    assert "ligne 8 : wheelchair_access : « peut-être » n'est ni oui ni non" in err


@pytest.mark.parametrize(
    "content, message",
    [
        ("name;category\nA;mairie\n", "colonnes obligatoires absentes : external_id"),
        ("external_id;name;category;couleur\n1;A;mairie;bleu\n", "colonnes inconnues : couleur"),
        (HEADER + "ING-1;A\x00;mairie\n", "caractère nul"),
    ],
)
def test_an_unreadable_file_is_refused_whole(tmp_path, categories, content, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, content)
    assert Facility.objects.count() == 0


def test_a_latin1_file_is_refused_with_the_reason(tmp_path, categories):
    path = tmp_path / "latin1.csv"
    path.write_bytes(GOOD.encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_facilities", str(path))


def test_a_comma_separated_file_with_bom(tmp_path, categories):
    content = "\ufeffexternal_id,name,category,opening_hours\nX-1,Parc,mairie,24/7\n"
    out, _ = run(tmp_path, content)
    assert "1 équipement(s) créé(s)" in out
    assert Facility.objects.get(external_id="X-1").opening_hours == "24/7"
