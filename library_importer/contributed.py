"""Materials contributed by states: the importer's file checks for one uploaded document, and publishing.

A contribution app checks each upload with ``check_document`` (the very rules an import applies:
allowed extension, size limit, content matching the extension, no zip bombs) and, once a moderator
approves, publishes it with ``publish_contributed_material``: the same catalog rows an import writes,
with ``origin=contribution`` so that no import ever withdraws it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from library_importer.importer.apply import store_stream, update_material
from library_importer.importer.files import DOCUMENT_KINDS, content_mismatch, document_kind, pdf_page_count, sha256_of
from library_importer.importer.limits import Limits, human_size
from library_importer.importer.validate import ID_MAX_LENGTH, ID_PATTERN, MaterialSpec, VersionSpec
from library_importer.models import Material, set_status

DOCUMENT_EXTENSIONS = tuple(DOCUMENT_KINDS)  # ".pdf", ".docx", …: what a contributor may upload


class DocumentRefused(ValueError):
    """An uploaded document that breaks the library's rules; the message is in the active language."""


@dataclass(frozen=True)
class CheckedDocument:
    extension: str  # lower-case, with the dot
    mime_type: str
    size: int
    sha256: str
    page_count: int | None  # PDFs only


def check_document(name: str, stream: BinaryIO, size: int | None = None) -> CheckedDocument:
    """Check an uploaded document against the library's rules; raises ``DocumentRefused`` with the reason.

    ``name`` is the uploader's file name (only its extension matters), ``stream`` the readable,
    seekable content. Nothing is stored.
    """
    kind = document_kind(name or "")
    if kind is None:
        raise DocumentRefused(_("Unsupported file type; allowed: %(types)s.") % {"types": ", ".join(DOCUMENT_KINDS)})
    limits = Limits.from_settings()
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    if size > limits.max_file_size:
        raise DocumentRefused(_("The file is %(size)s, larger than the limit of %(limit)s.") % {
            "size": human_size(size), "limit": human_size(limits.max_file_size)})
    if size == 0:
        raise DocumentRefused(_("The file is empty."))
    mismatch = content_mismatch(stream, kind, name=name, max_compression_ratio=limits.max_compression_ratio)
    if mismatch:
        raise DocumentRefused(mismatch)
    sha256, _size = sha256_of(stream)
    page_count = pdf_page_count(stream) if kind.mime_type == "application/pdf" else None
    stream.seek(0)
    return CheckedDocument(extension=kind.extension, mime_type=kind.mime_type, size=size, sha256=sha256,
                           page_count=page_count)


@dataclass(frozen=True)
class ContributedVersion:
    """One language of a contributed material: a checked document (``open_file``) or an https ``url``."""

    language: str
    title: str
    description: str = ""
    url: str = ""
    open_file: Callable[[], BinaryIO] | None = None
    extension: str = ""
    sha256: str = ""
    size: int | None = None
    mime_type: str = ""
    page_count: int | None = None


class NotAContribution(ValueError):
    """The id belongs to an imported material: a contribution never replaces one."""


def publish_contributed_material(*, material_id: str, type: str, areas: Iterable[str], year: int | None,  # noqa: A002
                                 project: str, country: str, license: str,  # noqa: A002
                                 versions: Iterable[ContributedVersion]) -> Material:
    """Publish (or re-publish, idempotently) a contributed material under its stable ``material_id``."""
    if len(material_id) > ID_MAX_LENGTH or not ID_PATTERN.match(material_id):
        raise ValueError(f"{material_id!r} is not a valid material id")
    existing = Material.objects.filter(external_id=material_id).values_list("origin", flat=True).first()
    if existing is not None and existing != Material.Origin.CONTRIBUTED:
        raise NotAContribution(f"{material_id!r} is an imported material")
    versions = list(versions)
    spec = MaterialSpec(row=0, id=material_id, type=type, areas=tuple(areas), year=year, project=project,
                        country=country.upper(), audience="", license=license)
    stored_files, page_counts = {}, {}
    for version in versions:
        spec.versions[version.language] = VersionSpec(
            language=version.language, title=version.title, description=version.description, url=version.url,
            file_name=f"{version.language}{version.extension}" if version.open_file else "",
            sha256=version.sha256, size=version.size, mime_type=version.mime_type)
        if version.open_file:
            stored_files[version.language] = store_stream(version.sha256, f"document{version.extension}", version.size,
                                                          version.open_file)
            page_counts[version.language] = version.page_count
    spec.checksum = spec.compute_checksum()
    with transaction.atomic():
        return update_material(spec, stored_files, page_counts, origin=Material.Origin.CONTRIBUTED)


def withdraw_contributed_material(material_id: str) -> bool:
    """Take a contributed material out of the library (kept, status withdrawn); True if it was published."""
    material = Material.objects.filter(external_id=material_id, origin=Material.Origin.CONTRIBUTED)
    return bool(set_status(material, Material.Status.WITHDRAWN))
