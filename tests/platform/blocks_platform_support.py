"""Shared by the platform tier's block tests (LMS and Studio): catalog rows and request helpers.

The catalog rows are created with ``library_importer.models`` as the importer leaves them (a stored
PDF with its size and MIME type, or an https URL version), in the platform's own test database.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile

from library_importer.models import Material, MaterialArea, MaterialVersion

HANDBOOK_ID = "handbook-identification-irregular-migrants"
HANDBOOK_TITLES = {
    "en": "Prague Process Handbook on Identification of Irregular Migrants",
    "ru": "Пособие Пражского процесса по идентификации нерегулярных мигрантов",
}
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def add_stored_handbook(material_id: str = HANDBOOK_ID, titles: dict[str, str] | None = None,
                        area: str = "illegal-migration") -> Material:
    """A published material with a stored PDF per language (what the importer leaves for a file source)."""
    titles = titles or HANDBOOK_TITLES
    material = Material.objects.create(external_id=material_id, type="handbook", year=2016)
    MaterialArea.objects.create(material=material, area=area)
    for language, title in titles.items():
        version = MaterialVersion(material=material, language=language, title=title, mime_type="application/pdf",
                                  size=len(PDF_BYTES), page_count=1, sha256=hashlib.sha256(PDF_BYTES).hexdigest())
        version.file.save(f"{material_id}-{language}.pdf", ContentFile(PDF_BYTES), save=False)
        version.save()
    material.refresh_search_fields()
    cache.clear()  # the blocks cache catalog answers (xblocks.catalog)
    return material


def post_json(client, url: str, data) -> object:
    """POST JSON as the blocks' JavaScript does: with the CSRF cookie's token in X-CSRFToken."""
    cookie = client.cookies.get(settings.CSRF_COOKIE_NAME)
    return client.post(url, data=json.dumps(data), content_type="application/json",
                       HTTP_X_CSRFTOKEN=cookie.value if cookie else "")
