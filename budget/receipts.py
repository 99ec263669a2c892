"""Receipt codes of secret ballots, and why a ballot cannot be traced back to its voter.

The receipt
-----------
When a citizen votes they get one code, e.g. ``K7QD-3MXA-9TZC-PW4H``: 16 characters of
Crockford's base32 (no I, L, O, U), 80 random bits from `secrets`. It is shown once and never
stored in clear. Each of the citizen's ballots (one per envelope) stores

    receipt_hash = SHA-256( "<CODE without dashes, upper case>:<envelope id>" )  (hex)

Salting with the envelope id means a voter's city-wide ballot and district ballot have
different hashes, so the published list does not tie them together (linking them would
shrink the city-wide ballot's anonymity set to the voters of one district). After the results
are published, anyone holding a code can recompute the hashes (`receipt_hashes_for`) and find
their ballots in the public list; `receipt_verify` does it for them.

Secrecy design (what a ballot row does *not* hold)
--------------------------------------------------
* no foreign key to a user or a `VoterRecord`, only to the campaign and the envelope, which
  every ballot of that envelope shares;
* a random UUID4 primary key: no sequence shared with, or correlated to, voter records;
* no timestamp or date, and no channel: nothing to match against `VoterRecord.cast_at`;
* default ordering by the (random) receipt hash, never by insertion.

Residual risks, documented rather than hidden
---------------------------------------------
* Physical row order. Both databases keep rows roughly in insertion order (SQLite's hidden
  ``rowid``, PostgreSQL's ``ctid``), and voter records are timestamped; someone with raw access
  to the database files during the vote could pair the n-th ballot with the n-th voter.
  `ballots_shuffle` (run by `results_preview` and `results_publish`, i.e. after the vote has
  closed) rewrites each campaign's ballots in random order under fresh ids. On PostgreSQL the
  old row versions stay in the data files until ``VACUUM`` reclaims them: operators should run
  ``VACUUM FULL budget_ballot`` after the count.
* PostgreSQL stamps every row with the id of the transaction that wrote it (the hidden
  ``xmin`` column; also commit timestamps if ``track_commit_timestamp`` is on). A vote writes
  its voter record and its ballots in one transaction (in two savepoints, so the ids differ,
  but they are close). The mix after the close rewrites every ballot in a single transaction,
  so afterwards all ballots of a campaign carry the same ``xmin``
  (`tests/budget/test_secrecy.py` checks it on PostgreSQL).
  Until then, raw SQL access to the database during the vote must be restricted to
  operators (it already is: the application never exposes these columns).
* Database logs and backups (PostgreSQL WAL, replication streams, SQLite journals) record the
  insertion order too; they must be treated as secret-ballot material and rotated after the
  count.
* The receipt is the voter's: anyone they show it to can see their ballot (as with any
  verifiable receipt; it does not prove to a third party what the voter chose unless the voter
  cooperates). A receipt sent by email is in the voter's mailbox.
* Paper ballots are entered by an agent who sees the choices (as at any assisted vote).
* Very small envelopes (a district where a handful of people voted) are anonymous only among
  those few voters; that is inherent to publishing per-district results.
"""

import hashlib
import secrets

# Crockford's base32: no I, L, O, U (easy to read aloud and to copy from paper).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0"})


def receipt_code_new() -> str:
    """A fresh random receipt code, e.g. ``K7QD-3MXA-9TZC-PW4H`` (80 bits)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def receipt_code_normalize(code: str) -> str:
    """The code as hashed: upper case, without spaces or dashes, confusable letters fixed."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def receipt_hash(code: str, envelope_id: int) -> str:
    """SHA-256 (hex) of the normalised code salted with the envelope id."""
    payload = f"{receipt_code_normalize(code)}:{envelope_id}".encode()
    return hashlib.sha256(payload).hexdigest()


def receipt_hashes_for(code: str, envelope_ids) -> dict[str, int]:
    """The hash the code would have in each envelope: {hash: envelope_id}."""
    return {receipt_hash(code, envelope_id): envelope_id for envelope_id in envelope_ids}


def receipt_code_is_well_formed(code: str) -> bool:
    normalized = receipt_code_normalize(code)
    return len(normalized) == GROUPS * GROUP_LENGTH and all(ch in ALPHABET for ch in normalized)
