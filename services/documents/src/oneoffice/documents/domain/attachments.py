"""The files attached to one document: a small aggregate that decides whether a file is new to it.

It lives in the document's own stream (``incoming-document:<commune>:<id>``), not in the register's,
so attaching never contends with numbering. The same content attached twice is one attachment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .attachment_errors import InvalidFileName

MAX_FILE_NAME = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DocumentKind(StrEnum):
    INCOMING = "incoming"  # văn bản đến
    OUTGOING = "outgoing"  # văn bản đi

    def stream_id(self, commune_id: str, document_id: str) -> str:
        return f"{self.value}-document:{commune_id}:{document_id}"


@dataclass(frozen=True, slots=True)
class FileName:
    """The name a file had on the user's computer, without any folder it was sent with."""

    text: str

    @classmethod
    def of(cls, raw: str) -> FileName:
        name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1].strip()
        if not name or name in (".", "..") or len(name) > MAX_FILE_NAME or _CONTROL.search(name):
            raise InvalidFileName(MAX_FILE_NAME)
        return cls(name)


@dataclass(frozen=True, slots=True)
class Attachment:
    attachment_id: str
    file_name: str
    media_type: str
    sha256: str
    size: int
    added_by: str
    added_at: datetime


@dataclass(frozen=True, slots=True)
class AttachmentAdded:
    """The domain's record of a file attached to a document (the contract's event, field for field)."""

    document_kind: DocumentKind
    document_id: str
    commune_id: str
    attachment: Attachment


@dataclass
class DocumentAttachments:
    kind: DocumentKind
    commune_id: str
    document_id: str
    # The stream's version as loaded (other events of the document may share the stream).
    version: int = 0
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def stream_id(self) -> str:
        return self.kind.stream_id(self.commune_id, self.document_id)

    def attach(self, candidate: Attachment) -> AttachmentAdded | Attachment:
        """The event adding ``candidate``, or the attachment that already holds the same content."""
        for attachment in self.attachments:
            if attachment.sha256 == candidate.sha256:
                return attachment
        return AttachmentAdded(self.kind, self.document_id, self.commune_id, candidate)

    def apply(self, event: AttachmentAdded) -> None:
        self.attachments.append(event.attachment)

    def find(self, attachment_id: str) -> Attachment | None:
        return next((a for a in self.attachments if a.attachment_id == attachment_id), None)
