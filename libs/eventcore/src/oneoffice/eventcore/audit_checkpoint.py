"""A signed checkpoint of a store: each commune's head (position, hash, count), with an HMAC over them.

Written by ``audit checkpoint`` after a clean walk, and read back by ``audit verify``: a commune
whose chain no longer reaches its checkpointed head lost its newest events (a deleted tail), which
the chain alone cannot show. The HMAC (SHA-256, key from the settings) makes the file itself
tamper evident: whoever deletes a tail cannot rewrite the checkpoint to match without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

FORMAT = "oneoffice-audit-checkpoint/1"


@dataclass(frozen=True, slots=True)
class CommuneHead:
    position: int
    hash: str
    count: int


class CheckpointInvalid(Exception):
    """The checkpoint file cannot be trusted (unreadable, for another store, or its signature fails)."""


def _signature(body: Mapping[str, Any], key: bytes) -> str:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def write_checkpoint(
    path: Path, store: str, heads: Mapping[str, CommuneHead], key: bytes, taken_at: datetime
) -> None:
    if not key:
        raise ValueError("an empty key signs nothing")
    body: dict[str, Any] = {
        "format": FORMAT,
        "store": store,
        "taken_at": taken_at.isoformat(),
        "heads": {
            commune: {"position": head.position, "hash": head.hash, "count": head.count}
            for commune, head in sorted(heads.items())
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps({**body, "signature": _signature(body, key)}, indent=1), "utf-8")
    temporary.replace(path)


def read_checkpoint(path: Path, store: str, key: bytes) -> dict[str, CommuneHead]:
    """The heads of a checkpoint whose signature holds; :class:`CheckpointInvalid` otherwise."""
    try:
        document = json.loads(path.read_text("utf-8"))
        signature = document.pop("signature")
        if document.get("format") != FORMAT:
            raise CheckpointInvalid(f"{path}: not a checkpoint of format {FORMAT}")
        if not hmac.compare_digest(str(signature), _signature(document, key)):
            raise CheckpointInvalid(
                f"{path}: the signature does not match (the file was altered or the key differs)"
            )
        if document["store"] != store:
            raise CheckpointInvalid(f"{path}: a checkpoint of store {document['store']}, not {store}")
        return {
            str(commune): CommuneHead(int(head["position"]), str(head["hash"]), int(head["count"]))
            for commune, head in document["heads"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CheckpointInvalid(f"{path}: unreadable checkpoint ({exc})") from None
