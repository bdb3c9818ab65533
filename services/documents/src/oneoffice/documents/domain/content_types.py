"""What a file is, judged by its content (never by its name): the types an office may attach.

A small table of signatures rather than a sniffing library: the allowed set is eight formats, and
three of them are ZIP archives told apart only by what the archive holds ([Content_Types].xml of
OOXML, the ``mimetype`` entry of OpenDocument), which the libraries that sniff the first bytes guess
from the first entry's name at best. Here the archive is opened (stdlib ``zipfile``) and read.
"""

from __future__ import annotations

import zipfile
from typing import BinaryIO

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

ALLOWED: tuple[str, ...] = (PDF, PNG, JPEG, TIFF, DOCX, XLSX, DOC, ODT)
# Shown in refusals: what the office may attach, as people name the formats.
ALLOWED_NAMES = "PDF, PNG, JPEG, TIFF, DOCX, XLSX, DOC, ODT"

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    # OLE2 compound file: the container of .doc (and .xls, .ppt, .msg: told apart below).
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", DOC),
)
_ZIP = b"PK\x03\x04"
# The main part of each OOXML document, as [Content_Types].xml declares it.
_OOXML_MAIN = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# A Word document's OLE2 container holds a stream named "WordDocument" (UTF-16 in the directory).
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_HEAD = 8192
_MAX_CONTENT_TYPES = 1024 * 1024


def judge_content(file: BinaryIO) -> str | None:
    """The allowed media type ``file`` holds, or None (empty, unknown or not allowed).

    ``file`` is read from its start; it must be seekable (ZIP archives are read from their end).
    """
    file.seek(0)
    head = file.read(_HEAD)
    if head.startswith(_ZIP):
        return _archive_type(file)
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            if media_type == DOC and not _is_word(file):
                return None
            return media_type
    return None


def _is_word(file: BinaryIO) -> bool:
    # The directory sectors lie anywhere in the file: scan it, keeping an overlap between blocks.
    file.seek(0)
    tail = b""
    while block := file.read(1024 * 1024):
        if _WORD_STREAM in tail + block:
            return True
        tail = block[-len(_WORD_STREAM) :]
    return False


def _archive_type(file: BinaryIO) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODT if archive.read("mimetype").strip() == ODT.encode() else None
            if "[Content_Types].xml" not in names:
                return None
            if archive.getinfo("[Content_Types].xml").file_size > _MAX_CONTENT_TYPES:
                return None
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, NotImplementedError):
        return None
    for media_type, main in _OOXML_MAIN.items():
        if main in content_types:
            return media_type
    return None
