"""``./manage.py lms ppta_regenerate_certificates --course KEY``: (re)publish every PDF of a course.

Runs in the LMS: reads the course's downloadable certificates from the platform, freezes a snapshot
for any certificate not seen yet, and renders only PDFs whose content hash changed (new design,
new LMS URL). Issue dates and names of existing snapshots never change.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from opaque_keys import InvalidKeyError

from certificates_theme import platform
from certificates_theme.tasks import issue_pdf


class Command(BaseCommand):
    help = "Render and store the PDF certificates of a course (only those whose content changed)."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="Course key, e.g. course-v1:PPTA+ILM101+2026")

    def handle(self, *args, course: str, **options):
        try:
            course_settings = platform.course_certificate_settings(course)
            certificates = platform.downloadable_certificates(course)
        except (LookupError, InvalidKeyError) as error:
            raise CommandError(f"--course {course}: {error}") from None
        except ImportError:
            raise CommandError("this command runs inside the Open edX LMS (./manage.py lms ...)") from None
        total = len(certificates)
        rendered = unchanged = 0
        for index, certificate in enumerate(certificates, start=1):
            _name, was_rendered = issue_pdf(certificate, course_settings)
            rendered += was_rendered
            unchanged += not was_rendered
            outcome = "rendered" if was_rendered else "unchanged"
            self.stdout.write(f"[{index}/{total}] {certificate.verify_uuid} {outcome}")
        self.stdout.write(self.style.SUCCESS(
            f"{course}: {total} certificates, {rendered} rendered, {unchanged} unchanged"
        ))
