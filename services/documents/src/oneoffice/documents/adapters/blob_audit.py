"""The audit of attachment blobs: every file of the blob store hashed again against its name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from oneoffice.eventcore.audit import AuditFinding

from .filesystem_blob_store import FilesystemBlobStore

STORE = "documents"


async def blob_findings(root: Path, on_blob: Callable[[int], None] | None = None) -> list[AuditFinding]:
    """One finding per blob whose content no longer hashes to its name (ab/cd/<sha256>)."""
    blobs = FilesystemBlobStore(root)
    findings: list[AuditFinding] = []
    async for sha256 in blobs.walk():
        if not await blobs.verify(sha256):
            where = blobs.path_of(sha256).relative_to(root)
            findings.append(
                AuditFinding(STORE, "*", None, None, f"attachment blob {where} does not match its SHA-256")
            )
        if on_blob is not None:
            on_blob(1)
    return findings
