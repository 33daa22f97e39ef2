"""Facts about one document file: sha256 and size (read in chunks), kind by content, PDF page count."""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
        DocumentKind(".pdf", "application/pdf", _lazy("a PDF document")),
        DocumentKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     _lazy("a Word document"), ("[Content_Types].xml", "word/document.xml")),
        DocumentKind(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     _lazy("a PowerPoint presentation"), ("[Content_Types].xml", "ppt/presentation.xml")),
        DocumentKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     _lazy("an Excel workbook"), ("[Content_Types].xml", "xl/workbook.xml")),
        DocumentKind(".odt", "application/vnd.oasis.opendocument.text", _lazy("an OpenDocument text")),
    )
}


def document_kind(name: str) -> DocumentKind | None:
    return DOCUMENT_KINDS.get(suffix(name).lower())


def suffix(name: str) -> str:
    """``PurePosixPath(name).suffix`` (``"files/a.PDF"`` → ``".PDF"``) without building a path: an import
    asks it for every file of every row."""
    last = name[name.rfind("/") + 1:]
    if not last or last == ".":  # a trailing "/" or "/.": pathlib looks at the part before it
        return PurePosixPath(name).suffix
    dot = last.rfind(".")
    return last[dot:] if 0 < dot < len(last) - 1 else ""


def sha256_of(path: Path | str | BinaryIO, tick: Callable[[], None] | None = None) -> tuple[str, int]:
    """(hex sha256, size in bytes) of a file or an open binary stream (read from its start), in 1 MiB
    chunks; ``tick`` is called between chunks."""
    if hasattr(path, "read"):
        path.seek(0)
        return _sha256_of_stream(path, tick)
    with open(path, "rb") as stream:
        return _sha256_of_stream(stream, tick)


def _sha256_of_stream(stream: BinaryIO, tick: Callable[[], None] | None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
        if tick:
            tick()
    return digest.hexdigest(), size


def content_mismatch(path: Path | str | BinaryIO, kind: DocumentKind, *, name: str = "",
                     max_compression_ratio: float | None = None) -> str | None:
    """Why the file's content is not what its extension says (``None`` when it is), in the active language.

    ``path`` may be an open binary stream (an upload), named by ``name``. Office packages are zip
    archives: one whose members would expand more than ``max_compression_ratio`` times
    (``PPTA_LIBRARY_MAX_COMPRESSION_RATIO``) is refused as a zip bomb, judged from the zip's own
    directory without unpacking anything (Python's zip reader never produces more than a member declares).
    """
    if hasattr(path, "read"):
        path.seek(0)
        return _stream_mismatch(path, kind, name or getattr(path, "name", ""), max_compression_ratio)
    with open(path, "rb") as stream:
        return _stream_mismatch(stream, kind, name or Path(path).name, max_compression_ratio)


def _stream_mismatch(stream: BinaryIO, kind: DocumentKind, name: str, max_ratio: float | None) -> str | None:
    head = stream.read(1024)
    stream.seek(0)
    facts = {"name": name, "kind": kind.label}
    if kind.extension == ".pdf":
        if head.startswith(b"%PDF-"):
            return None
        return _("%(name)s is not %(kind)s (it does not start with %%PDF-)") % facts
    if not head.startswith(b"PK\x03\x04"):
        return _("%(name)s is not %(kind)s (it is not a zip package)") % facts
    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
            names = [member.filename for member in members]
            bomb = _expands_too_much(members, max_ratio)
            if bomb:
                return _("%(name)s is refused: its member %(member)s would expand more than %(ratio)s times "
                         "(a possible zip bomb)") % {**facts, "member": bomb, "ratio": f"{_ratio_limit(max_ratio):g}"}
            if kind.extension == ".odt":
                # ODF: the first member is the uncompressed "mimetype" file naming the document type.
                if not names or names[0] != "mimetype":
                    return _("%(name)s is not %(kind)s (no mimetype member first)") % facts
                with package.open("mimetype") as member:
                    declared = member.read(200).decode("ascii", "replace").strip()
                if declared != kind.mime_type:
                    return _("%(name)s is not %(kind)s (its mimetype is %(declared)s)") % {
                        **facts, "declared": repr(declared)}
                return None
    except zipfile.BadZipFile:
        return _("%(name)s is not %(kind)s (the zip package is damaged)") % facts
    missing = [member for member in kind.required_members if member not in names]
    if missing:
        return _("%(name)s is not %(kind)s (the package has no %(members)s)") % {**facts, "members": ", ".join(missing)}
    return None


def _ratio_limit(max_ratio: float | None) -> float:
    if max_ratio is not None:
        return max_ratio
    from library_importer.importer.limits import setting

    return float(setting("PPTA_LIBRARY_MAX_COMPRESSION_RATIO"))


def _expands_too_much(members: list[zipfile.ZipInfo], max_ratio: float | None) -> str | None:
    """The first member over the compression-ratio limit (the same rule as for an import's zip source)."""
    from library_importer.importer.source import RATIO_CHECK_FROM

    limit = _ratio_limit(max_ratio)
    for member in members:
        if member.file_size > RATIO_CHECK_FROM and member.file_size > max(member.compress_size, 1) * limit:
            return member.filename
    return None


def pdf_page_count(path: Path | str | BinaryIO) -> int | None:
    """Pages of a PDF (a file or an open binary stream), or ``None`` when pypdf cannot read it (the file
    is still imported)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        if hasattr(path, "read"):
            path.seek(0)
            return len(PdfReader(path).pages)
        with open(path, "rb") as stream:  # a stream, so pypdf reads what it needs instead of the whole file
            return len(PdfReader(stream).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        log.warning("cannot count the pages of %s: %s", path, error)
        return None
