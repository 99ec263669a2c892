"""Sealing pending ballots: what a cast stores beside its voter record until the release.

A ballot cast online or at the counter is first stored as a `PendingBallot`, in the same
transaction as the `VoterRecord` (so a crash loses no accepted ballot), sealed with
AES-256-GCM under a key derived (HKDF-SHA256) from ``settings.CIVIC_BALLOT_KEY``, or from
``SECRET_KEY`` when that is unset: a key the database never holds. `budget.ballots` then
releases the pending ballots of an envelope into the `Ballot` table in shuffled batches (see
`budget/receipts.py` for why).

What a sealed ballot shows to someone who reads the database without the key:
* nothing of the choices or the receipt hash: both are inside the ciphertext;
* not its length: the plaintext is padded to `PLAINTEXT_BLOCK` bytes (or a multiple, for a
  ballot choosing more than ~120 projects in one envelope);
* not whether the voter abstained in that envelope: an abstention is sealed too;
* not its released `Ballot`: the nonce is random, the receipt hash is only inside, and the
  released row gets a fresh random id.

The additional authenticated data binds a sealed ballot to its campaign and envelope, so a
row moved to another envelope does not open.
"""

import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PLAINTEXT_BLOCK = 1024
NONCE_BYTES = 12
_INFO = b"civic budget pending ballot v1"


def _key() -> bytes:
    secret = getattr(settings, "CIVIC_BALLOT_KEY", "") or settings.SECRET_KEY
    if not secret:
        raise ImproperlyConfigured("CIVIC_BALLOT_KEY or SECRET_KEY is needed to seal ballots.")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret.encode())


def _aad(campaign_id: int, envelope_id: int) -> bytes:
    return f"{campaign_id}:{envelope_id}".encode()


def ballot_seal(
    *, campaign_id: int, envelope_id: int, choices: list[int], receipt_hash: str | None
) -> bytes:
    """The sealed form of one envelope's ballot (`choices` empty and no hash: an abstention).

    Always `NONCE_BYTES + PLAINTEXT_BLOCK + 16` bytes long for any realistic ballot."""
    plain = json.dumps({"c": sorted(choices), "h": receipt_hash}, separators=(",", ":")).encode()
    size = -(-(len(plain) + 1) // PLAINTEXT_BLOCK) * PLAINTEXT_BLOCK
    padded = plain + b" " * (size - len(plain))
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(_key()).encrypt(nonce, padded, _aad(campaign_id, envelope_id))


def ballot_unseal(*, campaign_id: int, envelope_id: int, sealed: bytes) -> tuple[list[int], str]:
    """(choices, receipt hash) of a sealed ballot; ([], "") for an abstention.

    Raises `cryptography.exceptions.InvalidTag` if the key changed or the row was tampered
    with: the release then stops, and nothing is lost (the pending row stays)."""
    sealed = bytes(sealed)
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    plain = AESGCM(_key()).decrypt(nonce, body, _aad(campaign_id, envelope_id))
    data = json.loads(plain.decode().rstrip(" "))
    return list(data["c"]), data["h"] or ""
