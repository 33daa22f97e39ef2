from django.contrib import admin

from certificates_theme.models import CertificateSnapshot


@admin.register(CertificateSnapshot)
class CertificateSnapshotAdmin(admin.ModelAdmin):
    list_display = ("verify_uuid", "course_key", "learner_name", "issue_date", "language_mode", "revoked")
    list_filter = ("language_mode", "revoked")
    search_fields = ("verify_uuid", "course_key", "learner_name")
    readonly_fields = ("verify_uuid", "user_id", "course_key", "pdf_name", "created")
