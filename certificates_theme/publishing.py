"""Stored PDFs: ``ppta-certificates/<verify_uuid>/<content hash>.pdf`` in ``PPTA_CERTIFICATE_STORAGE``."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from certificates_theme.models import CertificateSnapshot
from certificates_theme.pdf import render_pdf
from certificates_theme.snapshots import snapshot_content

PREFIX = "ppta-certificates"


class CertificateRevoked(Exception):
    """The certificate was revoked: its PDF is not published."""


def pdf_storage():
    return storages[getattr(settings, "PPTA_CERTIFICATE_STORAGE", "default")]


def pdf_name(verify_uuid: str, content_hash: str) -> str:
    return f"{PREFIX}/{verify_uuid}/{content_hash}.pdf"


def publish_pdf(snapshot: CertificateSnapshot) -> tuple[str, bool]:
    """Make sure the PDF of the snapshot's current content is stored; return ``(name, rendered)``.

    Idempotent: when the stored file already matches the content hash nothing is rendered. An
    older file of the same certificate (previous design or URL) is deleted once the new one is saved.
    """
    if snapshot.revoked:
        raise CertificateRevoked(snapshot.verify_uuid)
    content = snapshot_content(snapshot)
    name = pdf_name(snapshot.verify_uuid, content.content_hash())
    storage = pdf_storage()
    if snapshot.pdf_name == name and storage.exists(name):
        return name, False
    if not storage.exists(name):
        name = storage.save(name, ContentFile(render_pdf(content)))
    previous = snapshot.pdf_name
    snapshot.pdf_name = name
    snapshot.save(update_fields=["pdf_name"])
    if previous and previous != name:
        storage.delete(previous)
    return name, True


def read_published_pdf(snapshot: CertificateSnapshot) -> bytes:
    """The stored PDF (published first if needed)."""
    name, _rendered = publish_pdf(snapshot)
    with pdf_storage().open(name, "rb") as stored:
        return stored.read()


def withdraw_pdf(snapshot: CertificateSnapshot) -> None:
    """Revoke: mark the snapshot and delete every stored PDF of the certificate."""
    with transaction.atomic():
        snapshot.revoked = True
        snapshot.pdf_name = ""
        snapshot.save(update_fields=["revoked", "pdf_name"])
    storage = pdf_storage()
    folder = f"{PREFIX}/{snapshot.verify_uuid}"
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        storage.delete(f"{folder}/{filename}")


def reinstate(snapshot: CertificateSnapshot) -> None:
    """A revoked certificate was made downloadable again (the platform keeps its verify uuid)."""
    if snapshot.revoked:
        snapshot.revoked = False
        snapshot.save(update_fields=["revoked"])
