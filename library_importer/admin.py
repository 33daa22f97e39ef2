"""Django admin for staff: materials with their language versions and areas; import runs, read-only."""

from __future__ import annotations

import json
from pathlib import Path

import django
from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from library_importer.importer.files import document_kind, pdf_page_count, sha256_of
from library_importer.models import (
    ImportRun,
    Material,
    MaterialArea,
    MaterialTitle,
    MaterialVersion,
    fold_for_search,
    set_status,
)

# Django ≥ 5.0 asks which scheme a bare "example.org" gets; 4.2 has no such argument.
URL_SCHEME = {"assume_scheme": "https"} if django.VERSION >= (5, 0) else {}


class MaterialVersionForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, **URL_SCHEME)

    class Meta:
        model = MaterialVersion
        fields = ("language", "title", "description", "file", "url")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("Only https:// addresses are allowed."))
        return url


class MaterialVersionInline(admin.StackedInline):
    model = MaterialVersion
    form = MaterialVersionForm
    extra = 0
    fields = ("language", "title", "description", "file", "url", "mime_type", "size", "page_count", "sha256",
              "download_count")
    readonly_fields = ("mime_type", "size", "page_count", "sha256", "download_count")


class MaterialTitleInline(admin.StackedInline):
    model = MaterialTitle
    extra = 0
    fields = ("language", "title", "description")


class MaterialAreaInline(admin.TabularInline):
    model = MaterialArea
    extra = 0


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ("external_id", "display_title", "type", "year", "country", "status", "modified")
    list_filter = ("status", "type", "year", "area_links__area")
    search_fields = ("search_text",)
    readonly_fields = ("created", "modified", "source_checksum")
    inlines = (MaterialAreaInline, MaterialVersionInline, MaterialTitleInline)
    actions = ("withdraw", "publish")

    @admin.display(description=_("title"))
    def display_title(self, material: Material) -> str:
        titles = {version.language: version.title for version in material.versions.all()}
        return titles.get("en") or titles.get("ru") or ""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions")

    def get_search_results(self, request, queryset, search_term):
        # search_text is folded (case, ё); fold the query the same way so Cyrillic matches on any database
        return super().get_search_results(request, queryset, fold_for_search(search_term))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for version_form in formset.forms:
                if isinstance(version_form.instance, MaterialVersion) and "file" in version_form.changed_data:
                    describe_uploaded_file(version_form.instance)
        form.instance.refresh_search_fields()

    @admin.action(description=_("Withdraw the selected materials"))
    def withdraw(self, request, queryset) -> None:
        set_status(queryset, Material.Status.WITHDRAWN)

    @admin.action(description=_("Publish the selected materials"))
    def publish(self, request, queryset) -> None:
        set_status(queryset, Material.Status.PUBLISHED)


def describe_uploaded_file(version: MaterialVersion) -> None:
    """Set sha256, size, MIME type and page count of a file uploaded in the admin (imports set them)."""
    if not version.pk:
        return
    facts = {"sha256": "", "size": None, "mime_type": "", "page_count": None}
    if version.file:
        try:
            path = Path(version.file.path)
        except NotImplementedError:  # remote storage: the facts stay empty rather than downloading the file
            path = None
        if path:
            facts["sha256"], facts["size"] = sha256_of(path)
            kind = document_kind(path.name)
            facts["mime_type"] = kind.mime_type if kind else ""
            if facts["mime_type"] == "application/pdf":
                facts["page_count"] = pdf_page_count(path)
    MaterialVersion.objects.filter(pk=version.pk).update(**facts)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("id", "state", "source", "progress", "created", "finished")
    list_filter = ("state",)
    search_fields = ("source",)
    fields = ("source", "options", "state", "task_id", "progress", "counts", "created", "started", "finished",
              "heartbeat", "error", "formatted_report")
    readonly_fields = fields

    @admin.display(description=_("progress"))
    def progress(self, run: ImportRun) -> str:
        return f"{run.processed}/{run.total}"

    @admin.display(description=_("report"))
    def formatted_report(self, run: ImportRun) -> str:
        return format_html("<pre>{}</pre>", json.dumps(run.report, ensure_ascii=False, indent=2))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a run is the record of what an import did; a running one also holds the lock
