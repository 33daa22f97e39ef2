"""Sample data for ``ppta demo setup``: a representative of Moldova, a library moderator and a pending
contribution (a Russian PDF from the sample library), so the whole flow can be tried at once.

Idempotent: the accounts and the contribution are made once; re-running changes nothing.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

REPRESENTATIVE = ("representative-md", "representative-demo")  # demo only: the demo site is local
MODERATOR = ("moderator", "moderator-demo")
SAMPLE_DOCUMENT = "background-note-integration-2022.ru.pdf"
SAMPLE_TITLE = "Национальная стратегия Республики Молдова в области миграции и убежища (образец)"


def demo_user(username: str, password: str):
    from django.contrib.auth.models import User

    user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.org"})
    if created:
        user.set_password(password)
        user.save()
    return user


def setup(echo) -> None:
    from contributions.forms import LICENCE
    from contributions.models import Contribution, Representative
    from contributions.workflow import DocumentInput, save_contribution
    from library_importer.public import SAMPLE_LIBRARY, check_document
    from moderation.public import Role, grant_role

    representative = demo_user(*REPRESENTATIVE)
    grant, _created = Representative.objects.get_or_create(user=representative, defaults={"country": "MD"})
    grant_role(demo_user(*MODERATOR), Role.LIBRARY_MODERATOR)
    if not Contribution.objects.filter(contributor=representative).exists():
        content = (SAMPLE_LIBRARY / "files" / SAMPLE_DOCUMENT).read_bytes()
        upload = SimpleUploadedFile(SAMPLE_DOCUMENT, content, content_type="application/pdf")
        checked = check_document(upload.name, upload, upload.size)
        save_contribution(
            user=representative, representative=grant, language="ru",
            fields={"type": "national_strategy", "areas": ["legal-migration-mobility"], "year": 2025, "project": "",
                    "license": LICENCE},
            documents={"ru": DocumentInput(title=SAMPLE_TITLE, description="Образец для демонстрации.",
                                           upload=upload, checked=checked)},
        )
    echo(f"Contributions: sign in as {REPRESENTATIVE[0]} / {REPRESENTATIVE[1]} (representative of Moldova) or "
         f"{MODERATOR[0]} / {MODERATOR[1]} (library moderator); one contribution is waiting for review.")
