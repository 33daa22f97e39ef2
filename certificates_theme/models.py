"""What was printed on each issued certificate, frozen when the certificate is first seen."""

from __future__ import annotations

from django.db import models

from certificates_theme.texts import LANGUAGE_MODES


class CertificateSnapshot(models.Model):
    """One row per platform certificate (its ``verify_uuid``).

    The platform shows the live profile name and a date that moves with every save of the
    certificate row; this snapshot keeps what the learner was first issued, so re-rendering or
    regenerating never changes the name, titles or date (re-issue on purpose to correct them).
    """

    verify_uuid = models.CharField(max_length=32, unique=True)
    user_id = models.IntegerField(db_index=True)
    course_key = models.CharField(max_length=255, db_index=True)
    learner_name = models.CharField(max_length=255)
    course_title_en = models.CharField(max_length=500)
    course_title_ru = models.CharField(max_length=500)
    area_slug = models.CharField(max_length=64, blank=True)
    issue_date = models.DateField()
    language_mode = models.CharField(max_length=16, choices=[(mode, mode) for mode in LANGUAGE_MODES])
    pdf_name = models.CharField(max_length=255, blank=True, help_text="Storage name of the current PDF.")
    revoked = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "certificate snapshot"

    def __str__(self) -> str:
        return f"{self.verify_uuid} ({self.course_key})"
