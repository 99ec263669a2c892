"""French first, English available: the switch changes what pages say, and the English
catalogue is complete and compiled (a string left untranslated would show in French)."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.cms.factories import home_page_create

LOCALE = Path(__file__).resolve().parent.parent / "locale"
EN_PO = LOCALE / "en/LC_MESSAGES/django.po"
EN_MO = LOCALE / "en/LC_MESSAGES/django.mo"


@pytest.fixture
def home(db):
    return home_page_create()


def _h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1].strip()


def _switch_to(client, language):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302


def test_home_and_login_are_french_without_any_choice(client, home):
    # No language cookie and no Accept-Language header: the site's own language.
    home_html = client.get("/").content.decode()
    login_html = client.get(reverse("account_login")).content.decode()

    for html in (home_html, login_html):
        assert '<html lang="fr"' in html
        assert "Aller au contenu" in html
        assert "Menu principal" in html
    assert _h1(login_html) == "Se connecter"
    assert "Pas encore de compte ?" in login_html


def test_the_switch_turns_home_and_login_to_english_and_back(client, home):
    _switch_to(client, "en")
    home_html = client.get("/").content.decode()
    login_html = client.get(reverse("account_login")).content.decode()

    for html in (home_html, login_html):
        assert '<html lang="en"' in html
        assert "Skip to content" in html
        assert "Main menu" in html
        assert "Aller au contenu" not in html
    assert _h1(login_html) == "Log in"
    assert "No account yet?" in login_html

    _switch_to(client, "fr")
    assert "Aller au contenu" in client.get("/").content.decode()


# The catalogues ------------------------------------------------------------------------


def _po_entries(path: Path) -> list[dict]:
    """Entries of a .po file (header and obsolete entries left out): msgctxt, msgid,
    msgid_plural, msgstr (a list: one string, or one per plural form) and flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"flags": set(), "msgstr": {}}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if isinstance(key, int):
                    entry["msgstr"][key] += value
                else:
                    entry[key] += value
            else:
                keyword, _, literal = line.partition(" ")
                value = ast.literal_eval(literal)
                plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
                key = int(plural[1]) if plural else (-1 if keyword == "msgstr" else keyword)
                if isinstance(key, int):
                    entry["msgstr"][key] = value
                else:
                    entry[key] = value
        if entry.get("msgid"):
            entry["msgstr"] = [entry["msgstr"][k] for k in sorted(entry["msgstr"])]
            entries.append(entry)
    return entries


def test_every_english_string_is_translated_and_checked():
    entries = _po_entries(EN_PO)
    assert len(entries) > 100  # the parser read the catalogue

    missing = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert missing == [], "untranslated in locale/en (run makemessages, then translate)"
    assert fuzzy == [], "fuzzy in locale/en: check the translation, then remove the flag"


def test_english_placeholders_are_kept():
    placeholders = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    wrong = []
    for e in _po_entries(EN_PO):
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for i, translated in enumerate(e["msgstr"]):
            expected = set(placeholders.findall(sources[min(i, 1)]))
            found = set(placeholders.findall(translated))
            # A singular may spell its count out ("one hour"), never invent a placeholder.
            if found != expected and not (i == 0 and found < expected):
                wrong.append((e["msgid"], translated))
    assert wrong == []


def test_english_mo_is_compiled_from_the_current_po():
    """Compared by content, not by date: a fresh git checkout does not keep file times."""
    with EN_MO.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    stale = []
    for e in _po_entries(EN_PO):
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            compiled = [catalog.get((key, i)) for i in range(len(e["msgstr"]))]
        else:
            compiled = [catalog.get(key)]
        if compiled != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "locale/en .mo is out of date: run manage.py compilemessages"


def test_french_catalogue_never_rewrites_the_french_source():
    """The source strings are French: a French msgstr may only repeat them (plural forms)."""
    rewritten = []
    for e in _po_entries(LOCALE / "fr/LC_MESSAGES/django.po"):
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for i, translated in enumerate(e["msgstr"]):
            if translated and translated != sources[min(i, 1)]:
                rewritten.append((e["msgid"], translated))
    assert rewritten == []
