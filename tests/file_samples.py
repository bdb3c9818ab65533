"""Small real files of each kind an office attaches (and some it may not), made in memory."""

from __future__ import annotations

import io
import os
import zipfile

# The OLE2 compound file signature, then a directory naming the "WordDocument" stream.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def pdf(size: int = 2048) -> bytes:
    """A PDF of about ``size`` bytes (a comment pads it; random bytes make every call distinct)."""
    head = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%"
    tail = b"\n%%EOF\n"
    return head + os.urandom(max(0, size - len(head) - len(tail))) + tail


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64)


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(64) + b"\xff\xd9"


def tiff() -> bytes:
    return b"II*\x00\x08\x00\x00\x00" + os.urandom(64)


def doc() -> bytes:
    return OLE + os.urandom(100) + "WordDocument".encode("utf-16-le") + os.urandom(100)


def xls() -> bytes:
    """An OLE2 file that is not a Word document (a workbook): not allowed."""
    return OLE + os.urandom(100) + "Workbook".encode("utf-16-le") + os.urandom(100)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _content_types(main: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Override PartName="/main.xml" ContentType="' + main + '"/></Types>'
    ).encode()


def docx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return _zip({"[Content_Types].xml": _content_types(main), "word/document.xml": os.urandom(32)})


def xlsx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    return _zip({"[Content_Types].xml": _content_types(main), "xl/workbook.xml": os.urandom(32)})


def pptx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    return _zip({"[Content_Types].xml": _content_types(main), "ppt/presentation.xml": b"<p/>"})


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # OpenDocument: "mimetype" first and stored, as the specification asks.
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", os.urandom(32), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def plain_zip() -> bytes:
    return _zip({"readme.txt": b"hello"})


def html() -> bytes:
    return b"<!doctype html><script>alert(1)</script>"
