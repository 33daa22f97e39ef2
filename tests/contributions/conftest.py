"""Fixtures: the people of the permission matrix, documents and the contribution form's data."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.library_importer.documents import minimal_pdf, office_package

PASSWORD = "pw"  # noqa: S105


def make_user(username: str, *, email: str = "", **extra):
    from django.contrib.auth.models import User

    user = User.objects.create_user(username, email or f"{username}@example.org", PASSWORD, **extra)
    return user


@pytest.fixture
def people(db):
    """anonymous is None; learner; representatives of MD (two) and KZ; a moderator; global staff."""
    from contributions.models import Representative
    from moderation.public import Role, grant_role

    representative = make_user("md-rep")
    Representative.objects.create(user=representative, country="MD")
    colleague = make_user("md-rep2")
    Representative.objects.create(user=colleague, country="MD")
    foreign = make_user("kz-rep")
    Representative.objects.create(user=foreign, country="KZ")
    moderator = make_user("moderator")
    grant_role(moderator, Role.LIBRARY_MODERATOR)
    return {
        "anonymous": None,
        "learner": make_user("learner"),
        "representative": representative,
        "colleague": colleague,
        "foreign": foreign,
        "moderator": moderator,
        "staff": make_user("staff", is_staff=True),
    }


def pdf_upload(name: str = "strategy.pdf", text: str = "strategy") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(2, text), content_type="application/pdf")


def zip_bomb_docx() -> bytes:
    """A .docx-shaped package whose document.xml expands a thousand times (a zip bomb)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return office_package("docx")


def form_data(**overrides) -> dict:
    data = {
        "type": "national_strategy",
        "areas": ["asylum-international-protection"],
        "year": "2025",
        "project": "",
        "title_ru": "Национальная стратегия Молдовы по миграции",
        "description_ru": "Стратегия на 2025–2030 годы.",
        "licence": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, user, **overrides):
    """POST the contribution form as ``user`` with a Russian PDF (unless overridden)."""
    client.force_login(user)
    data = form_data(**overrides)
    data.setdefault("file_ru", pdf_upload())
    return client.post("/academy/library/contribute/", data)
