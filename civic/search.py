"""Text matching shared by the search sources of the apps (see `civic.hooks.SEARCH_SOURCES`).

Ideas and projects are searched with plain querysets, not a search index: every word of the
query must appear in one of the fields, whatever its case and its accents ("velo" finds
"Vélo", "vélo" finds "VELO"). Each word becomes a case-insensitive regular expression in which
a letter matches its accented forms (`v[eéèêëÉÈÊË]l[oôöÔÖ]`): Django's `iregex` runs it as
`REGEXP` on SQLite (Python's `re`) and `~*` on PostgreSQL, so both databases give the same
results, and a row is matched as soon as it is saved (no index to update).
"""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Q

MAX_WORDS = 8

_ACCENTED = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}
# Each accented letter (either case) stands for its whole family.
_FAMILY = {letter: family for family in _ACCENTED.values() for letter in family + family.upper()}
_LIGATURES = {"œ": "oe", "æ": "ae"}


def query_words(query: str) -> list[str]:
    """The first words of `query`, lower-cased, ligatures spelled out ("Œuvre" → "oeuvre")."""
    text = query.lower()
    for ligature, spelled in _LIGATURES.items():
        text = text.replace(ligature, spelled)
    return text.split()[:MAX_WORDS]


def word_regex(word: str) -> str:
    """A regular expression, valid on SQLite and PostgreSQL, matching `word` whatever its
    accents (to be used case-insensitively)."""
    parts = []
    for char in word:
        family = _FAMILY.get(char)
        parts.append(f"[{family}{family.upper()}]" if family else re.escape(char))
    return "".join(parts)


def text_matches(query: str, *fields: str) -> Q:
    """A filter keeping the rows where each word of `query` is in one of `fields` (accents
    and case ignored). An empty query keeps every row."""
    words = query_words(query)
    if not words:
        return Q()
    per_word = (
        reduce(or_, (Q(**{f"{field}__iregex": word_regex(word)}) for field in fields))
        for word in words
    )
    return reduce(and_, per_word)
