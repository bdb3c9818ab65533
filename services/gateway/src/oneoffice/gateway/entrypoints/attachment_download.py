"""An attachment as an HTTP download: streamed, its type, its UTF-8 file name and its SHA-256 as ETag."""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from ..application.attachments import AttachmentInfo


def content_disposition(file_name: str) -> str:
    """``attachment`` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266, RFC 8187)."""
    plain = unicodedata.normalize("NFKD", file_name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
        for c in plain
        if not unicodedata.combining(c)
    )
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name, safe='')}"


def download_response(info: AttachmentInfo, chunks: AsyncIterator[bytes]) -> StreamingResponse:
    return StreamingResponse(
        chunks,
        media_type=info.media_type,
        headers={
            "Content-Disposition": content_disposition(info.file_name),
            "Content-Length": str(info.size),
            "ETag": f'"{info.sha256}"',
            # The content never changes under its id: a client may keep it.
            "Cache-Control": "private, max-age=86400, immutable",
        },
    )
