"""Facts about one document file: sha256 and size (read in chunks), kind by content, PDF page count."""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHUNK_SIZE = 1024 * 1024
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    mime_type: str
    label: str
    # Members an Office Open XML package must contain (empty for PDF and ODF).
    required_members: tuple[str, ...] = ()


DOCUMENT_KINDS = {
    kind.extension: kind
    for kind in (
        DocumentKind(".pdf", "application/pdf", "a PDF document"),
        DocumentKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "a Word document", ("[Content_Types].xml", "word/document.xml")),
        DocumentKind(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     "a PowerPoint presentation", ("[Content_Types].xml", "ppt/presentation.xml")),
        DocumentKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "an Excel workbook", ("[Content_Types].xml", "xl/workbook.xml")),
        DocumentKind(".odt", "application/vnd.oasis.opendocument.text", "an OpenDocument text"),
    )
}


def document_kind(name: str) -> DocumentKind | None:
    return DOCUMENT_KINDS.get(Path(name).suffix.lower())


def sha256_of(path: Path | str, tick: Callable[[], None] | None = None) -> tuple[str, int]:
    """(hex sha256, size in bytes) of a file, read in 1 MiB chunks; ``tick`` is called between chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
            if tick:
                tick()
    return digest.hexdigest(), size


def content_mismatch(path: Path, kind: DocumentKind) -> str | None:
    """Why the file's content is not what its extension says (``None`` when it is)."""
    with open(path, "rb") as stream:
        head = stream.read(1024)
    name = path.name
    if kind.extension == ".pdf":
        return None if head.startswith(b"%PDF-") else f"{name} is not {kind.label} (it does not start with %PDF-)"
    if not head.startswith(b"PK\x03\x04"):
        return f"{name} is not {kind.label} (it is not a zip package)"
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if kind.extension == ".odt":
                # ODF: the first member is the uncompressed "mimetype" file naming the document type.
                if not names or names[0] != "mimetype":
                    return f"{name} is not {kind.label} (no mimetype member first)"
                with package.open("mimetype") as member:
                    declared = member.read(200).decode("ascii", "replace").strip()
                if declared != kind.mime_type:
                    return f"{name} is not {kind.label} (its mimetype is {declared!r})"
                return None
    except zipfile.BadZipFile:
        return f"{name} is not {kind.label} (the zip package is damaged)"
    missing = [member for member in kind.required_members if member not in names]
    if missing:
        return f"{name} is not {kind.label} (the package has no {', '.join(missing)})"
    return None


def pdf_page_count(path: Path | str) -> int | None:
    """Pages of a PDF, or ``None`` when pypdf cannot read it (the file is still imported)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with open(path, "rb") as stream:  # a stream, so pypdf reads what it needs instead of the whole file
            return len(PdfReader(stream).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        log.warning("cannot count the pages of %s: %s", path, error)
        return None
