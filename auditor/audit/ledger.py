"""The signed ledger: every audit row of a signed inspection carries its author, the hash of
that author's previous row and the author's Ed25519 signature over its own hash.

A row's hash is the SHA-256 of its canonical form (``canonical``): the inspection's id and
the row's fields in a fixed order, as JSON. Each author's rows form a chain (``prev_hash``), so
a row removed, reordered or inserted breaks the chain of its author; a row altered no longer
matches its hash; a row forged cannot carry a valid signature without its author's key. The
rows written before the inspection was signed are adopted by the lead's first signed row
(``ADOPTED``), which holds their number and a hash over all of them.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditor.people.keys import PersonalKey, verify

#: The fields of an audit row that its hash covers, in order.
HASHED = (
    "id",
    "at",
    "author_id",
    "actor_id",
    "kind",
    "case_id",
    "record_table",
    "record_id",
    "field",
    "old_value",
    "new_value",
    "detail",
    "key_fingerprint",
    "prev_hash",
)
#: ``record_table`` of the row that adopts the unsigned history when an inspection is signed.
ADOPTED = "ledger"


def canonical(row: dict[str, Any], inspection_id: str) -> bytes:
    """The bytes a row's hash is taken over (the inspection's id binds it to this inspection)."""
    return json.dumps(
        [inspection_id, *(row.get(name) for name in HASHED)], ensure_ascii=False
    ).encode()


def row_hash(row: dict[str, Any], inspection_id: str) -> str:
    return hashlib.sha256(canonical(row, inspection_id)).hexdigest()


def history_digest(rows: Iterable[dict[str, Any]], inspection_id: str) -> tuple[int, str]:
    """(how many, SHA-256) of unsigned rows, in order: what an adoption row vouches for."""
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(canonical(row, inspection_id))
        count += 1
    return count, digest.hexdigest()


@dataclass(frozen=True)
class Signer:
    """Who is writing: a person on the roster and their opened key."""

    person_id: str
    key: PersonalKey


def seal(
    rows: list[dict[str, Any]], signer: Signer, previous: str, inspection_id: str
) -> list[dict[str, Any]]:
    """Sign ``rows`` in order as ``signer``, chained from ``previous`` (their last hash)."""
    for row in rows:
        row["author_id"] = signer.person_id
        row["key_fingerprint"] = signer.key.fingerprint
        row["prev_hash"] = previous
        digest = row_hash(row, inspection_id)
        row["row_hash"] = digest
        row["signature"] = base64.b64encode(signer.key.sign(bytes.fromhex(digest))).decode()
        previous = digest
    return rows


def signature_holds(row: dict[str, Any], public: bytes) -> bool:
    """Whether the row's signature is the holder of ``public``'s over the row's hash."""
    try:
        signature = base64.b64decode(str(row.get("signature") or ""), validate=True)
        digest = bytes.fromhex(str(row.get("row_hash") or ""))
    except ValueError:
        return False
    return verify(public, signature, digest)
