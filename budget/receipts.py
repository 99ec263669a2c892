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

Storage: sealed, then released in batches (`budget.ballots`, `budget.sealing`)
-----------------------------------------------------------------------------
The database itself stamps rows: PostgreSQL's hidden ``xmin`` (the writing transaction),
``ctid`` (the physical place, roughly insertion order), commit timestamps when
``track_commit_timestamp`` is on; SQLite's ``rowid``. Writing the ballot beside its voter
record, even without any column in common, linked most voters to their ballot (issue 9). So a
cast writes, in the voter's one transaction (a crash loses nothing accepted):

* the `VoterRecord` (who, when, channel), and
* one `PendingBallot` per envelope the voter may vote in (abstentions too), *sealed*:
  AES-256-GCM under a key that is not in the database (``CIVIC_BALLOT_KEY``, else
  ``SECRET_KEY``), random nonce, fixed length, receipt hash inside.

Once an envelope holds `RELEASE_BATCH` (20) pending ballots, the next cast's request releases
them, in a transaction of its own: unsealed, shuffled, inserted as `Ballot` rows (one
transaction id for the whole batch, rows in random physical order), their pending rows
deleted (one ``xmax`` for all). Someone reading every table and hidden column, at any moment
and as often as they like, learns that *these* 20 voters cast *these* 20 ballots: odds of 1 in
20 per voter at best, or 1 in the number of voters of the envelope while it has fewer. At the
count (`ballots_shuffle`, from `results_preview` and `results_publish`) whatever is still
pending joins the box in a single mix with every ballot of the campaign: all live rows then
share one transaction id. A failed release loses nothing: the rows stay pending.

After the count: old row versions
---------------------------------
A release and the mix leave dead row versions (PostgreSQL keeps them until a vacuum; plain
``VACUUM`` marks them reusable without erasing them). They are harmless by construction: a
dead ballot version carries its batch's transaction id (≥ 20 voters) and a dead pending
version is sealed. The count still rewrites both tables without them (``VACUUM FULL``, run
after the commit since it cannot run in a transaction; `ballot_tables_rewrite`), so that a
later key compromise finds no sealed ballot in the heap. A transaction running elsewhere at
that moment can hold some versions back (PostgreSQL's "cannot be removed yet"); they are then
only the harmless ones above. `tests/budget/test_secrecy.py` performs the xmin and ctid
pairing during the vote and, with ``pageinspect``, on every row version after publication.

Response sizes (`budget.padding`)
---------------------------------
Web and proxy access logs record each response's size, and a TLS observer sees it too; the
confirmation page's size used to give the choices away. Every page of the vote whose content
depends on the choices (the ballot with a project ticked, the "update" without JavaScript,
the refusals, the confirmation, the receipt, the receipt check) is padded to a size computed
from the same page without any choice plus room for every choice (`padding.padded_size`):
different ballots give responses of one size. The receipt page no longer lists the choices
(the voter saw them on the confirmation page). These responses are ``no-transform`` and the
project serves them uncompressed: a compressed length depends on the content.

Residual risks, documented rather than hidden (details in docs/ballot-secrecy.md)
-------------------------------------------------------------------------------
* Whoever holds the sealing key *and* reads the database during the vote (the web operator
  typically) can open pending ballots: the same person could change the code anyway.
* Database logs and backups (PostgreSQL WAL, replication streams, SQLite journals) record
  rows as written; they hold sealed pending ballots and batches, not plain links, but must
  be treated as secret-ballot material, rotated after the count, and the key rotated too.
* The receipt is the voter's: anyone they show it to can see their ballot (as with any
  verifiable receipt; it does not prove to a third party what the voter chose unless the voter
  cooperates). A receipt sent by email is in the voter's mailbox.
* At the counter the voter chooses alone in the booth (`budget.kiosk_views`); paper ballots
  imported from a CSV file come with the voters' emails: the file must be destroyed.
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
